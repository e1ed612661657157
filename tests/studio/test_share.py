"""Share a draft: the export passes `e5 subject check` (through the CLI), exported-then-reimported is
identical, duplicate, import of a broken archive, versions with history, restore and differences."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner

from grading.cli import cli
from sandbox.packs.errors import PackError
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts
from sandbox.subjects.studio.share import (
    draft_from_folder,
    duplicate_draft,
    export_zip,
    import_draft,
    pack_files,
)
from sandbox.subjects.studio.versions import diff_summary, list_versions, restore_version, save_version
from tests.conftest import copy_data
from tests.studio.test_draft import ROOT, SHIPPED, SUBJECT_I, rewrite


@pytest.fixture(scope="module")
def written(installed_data, tmp_path_factory):
    """A data folder with one draft holding subject I (written once for the module)."""

    data = tmp_path_factory.mktemp("studio") / "data"
    copy_data(installed_data, data)
    return data, rewrite(data, SUBJECT_I)


def test_the_export_passes_e5_subject_check(written, tmp_path):
    data, d = written
    archive = export_zip(d, tmp_path / "ln-boutique-i.zip")
    result = CliRunner().invoke(cli, ["--data", str(data), "subject", "check", str(archive)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Sujet valide : ln-boutique-i 1.0.0 — Préparer la saison des repas")
    assert "subject.toml" in zipfile.ZipFile(archive).namelist()


def test_exported_then_reimported_is_identical(written, tmp_path):
    data, d = written
    first = export_zip(d, tmp_path / "a.zip")
    again = import_draft(data, first, "a.zip", author="martin")
    assert again.id != d.id
    assert pack_files(again.folder) == pack_files(d.folder)
    for rel in pack_files(d.folder):
        assert (again.folder / rel).read_bytes() == (d.folder / rel).read_bytes(), rel
    assert export_zip(again, tmp_path / "b.zip").read_bytes() == first.read_bytes()


def test_a_zip_slip_archive_is_refused_and_no_draft_is_made(written, tmp_path):
    data, _ = written
    before = len(studio.list_drafts(data))
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("../evil.toml", "x")
    with pytest.raises(PackError) as caught:
        import_draft(data, bad)
    assert "chemin interdit" in caught.value.problems[0].problem
    assert len(studio.list_drafts(data)) == before


def test_duplicate_gets_a_new_subject_id_and_keeps_the_rest(written):
    data, d = written
    copy = duplicate_draft(data, d, author="martin")
    assert studio.header(copy)["id"] == f"sujet-{copy.id}"
    assert studio.header(copy)["title"].endswith("(copie)")
    assert parts.questions(copy) == parts.questions(d) and studio.grid(copy) == studio.grid(d)


def test_versions_history_diff_and_restore(written):
    data, d = written
    copy = duplicate_draft(data, d)
    first = save_version(copy, "M. Dupont", "Première relecture")
    assert diff_summary(copy, 1) == []
    parts.set_text(copy, "contexte", "Nouveau contexte")
    parts.set_annexes(copy, parts.annexes(copy)[:1])
    summary = diff_summary(copy, 1)
    assert "Modifié : contexte commercial (contexte.md)" in summary
    assert "Supprimé : annexe (annexes/annexe-2.csv)" in summary
    save_version(copy, "M. Dupont", "")
    assert [v.number for v in list_versions(copy)] == [2, 1] and first.comment == "Première relecture"
    restore_version(copy, 1)
    assert parts.text(copy, "contexte") == parts.text(d, "contexte")
    assert len(parts.annexes(copy)) == 3 and diff_summary(copy, 1) == []


def test_archive_bytes_do_not_depend_on_when_they_are_written(written, tmp_path):
    _, d = written
    one = export_zip(d, tmp_path / "1.zip").read_bytes()
    (d.folder / "contexte.md").touch()
    assert export_zip(d, tmp_path / "2.zip").read_bytes() == one
    assert zipfile.ZipFile(io.BytesIO(one)).testzip() is None


@pytest.mark.parametrize("subject", SHIPPED)
def test_every_shipped_subject_exported_and_reimported_is_identical(written, subject, tmp_path):
    data, _ = written
    d = draft_from_folder(data, ROOT / "subjects" / subject)
    first = export_zip(d, tmp_path / "a.zip")
    again = import_draft(data, first, "a.zip")
    assert export_zip(again, tmp_path / "b.zip").read_bytes() == first.read_bytes()
    assert pack_files(again.folder) == pack_files(ROOT / "subjects" / subject)
