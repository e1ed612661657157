"""« Ajouter à la bibliothèque » from the studio: an unfinished draft is refused (back to the editor with the
reason), a valid one enters the library (checked like an upload) and the library page offers to prepare it."""

from __future__ import annotations

import pytest

from grading.accounts import create_user
from grading.app import create_app
from sandbox.services import ServiceError
from sandbox.subjects.library import find_subject
from sandbox.subjects.studio import draft as studio
from tests.conftest import copy_data
from tests.grading.conftest import console_login, csrf_token
from tests.studio.test_draft import SUBJECT_I, rewrite


@pytest.fixture(scope="module")
def ldata(installed_data, tmp_path_factory):
    """A data folder with the context installed and a teacher."""
    data = copy_data(installed_data, tmp_path_factory.mktemp("studio-library") / "data")
    create_user(data, "prof-bibliotheque", "bibliotheque-motdepasse", "teacher", "M. Dupont")
    return data


def test_a_draft_goes_to_the_library_only_once_it_passes_the_checks(ldata):
    teacher = create_app(ldata, TESTING=True).test_client()
    console_login(teacher, "prof-bibliotheque", "bibliotheque-motdepasse")
    empty = studio.create_draft(ldata)
    page = teacher.get(f"/console/sujets/studio/{empty.id}/").get_data(as_text=True)
    assert "Ajouter à la bibliothèque" in page
    assert teacher.post(f"/console/sujets/studio/{empty.id}/bibliotheque", data={}).status_code == 400
    refused = teacher.post(f"/console/sujets/studio/{empty.id}/bibliotheque",
                           data={"csrf_token": csrf_token(page)}, follow_redirects=True)
    assert "ne peut pas encore entrer dans la bibliothèque" in refused.get_data(as_text=True)
    with pytest.raises(ServiceError):
        find_subject(ldata, f"sujet-{empty.id}")

    d = rewrite(ldata, SUBJECT_I)
    studio.set_header(d, id="ln-boutique-studio")
    added = teacher.post(f"/console/sujets/studio/{d.id}/bibliotheque", data={"csrf_token": csrf_token(page)})
    assert added.status_code == 302 and added.headers["Location"].endswith("/console/sujets/#prepare-title")
    library = teacher.get("/console/sujets/").get_data(as_text=True)
    assert "Le sujet « ln-boutique-studio » est dans la bibliothèque" in library
    assert '<option value="ln-boutique-studio">' in library  # offered to « Préparer »
    assert not find_subject(ldata, "ln-boutique-studio").shipped
    again = teacher.post(f"/console/sujets/studio/{d.id}/bibliotheque", data={"csrf_token": csrf_token(page)},
                         follow_redirects=True)
    assert "« ln-boutique-studio » remplace le sujet de même identifiant" in again.get_data(as_text=True)
