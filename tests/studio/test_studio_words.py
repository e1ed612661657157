"""The studio speaks to teachers, not to pack writers: no command line nor file names in its pages' words."""

from __future__ import annotations

from tests.studio.test_studio_pages import _new_draft, sdata, teacher  # noqa: F401


def test_editor_and_library_name_no_command_nor_file(teacher):  # noqa: F811
    url, _ = _new_draft(teacher)
    for address in (url, "/console/sujets/studio/", url + "depart"):
        answer = teacher.get(address)
        page = answer.get_data(as_text=True)
        assert answer.status_code == 200, address
        assert "e5 subject check" not in page and "changes.toml" not in page
    assert "Vérification du sujet" in teacher.get(url).get_data(as_text=True)


def test_problems_beside_fields_are_said_without_the_file_format(teacher):  # noqa: F811
    url, _ = _new_draft(teacher)
    page = teacher.get(url).get_data(as_text=True)
    assert "par exemple « A »" in page  # the fix of the missing letter, in words
    assert "une ligne de grille par question" in page
    for toml in ("[[", 'letter = ', "= &#34;"):
        assert toml not in page, toml
