"""Studio drafts (sandbox/subjects/studio/draft.py): a shipped subject rewritten piece by piece through the
draft API passes the same checks as `e5 subject check`; conflicts; changes and observables."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sandbox.services import ServiceError
from sandbox.subjects.pack import check_subject
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts
from tests.conftest import copy_data

ROOT = Path(__file__).resolve().parents[2]
SUBJECT_I = ROOT / "subjects" / "ln-boutique-i"
SHIPPED = sorted(p.name for p in (ROOT / "subjects").iterdir() if (p / "subject.toml").is_file())


def rewrite(data: Path, source: Path) -> studio.Draft:
    """A draft holding the subject of ``source``, written only through the draft API."""
    pack = tomllib.loads((source / "subject.toml").read_text(encoding="utf-8"))
    d = studio.create_draft(data, site=pack["subject"]["site"], author="dupont")
    head = {k: v for k, v in pack["subject"].items() if k != "format"}
    studio.set_header(d, **head)
    parts.set_text(d, "contexte", (source / pack["texts"]["contexte"]).read_text(encoding="utf-8"))
    situation = pack["texts"]["mise_en_situation"]
    if situation.strip().endswith(".md"):
        situation = (source / situation.strip()).read_text(encoding="utf-8")
    parts.set_text(d, "mise_en_situation", situation)
    parts.set_questions(
        d,
        [
            {
                "title": q["title"],
                "features": q["features"],
                "text": (source / q["file"]).read_text(encoding="utf-8"),
            }
            for q in pack["questions"]
        ],
    )
    parts.set_annexes(
        d,
        [
            {
                "title": a["title"],
                "kind": "tableau" if a["file"].endswith(".csv") else "texte",
                "content": (source / a["file"]).read_text(encoding="utf-8"),
            }
            for a in pack.get("annexes", [])
        ],
    )
    for entry in pack.get("files", []):
        fields = {k: v for k, v in entry.items() if k != "file"}
        parts.add_file(d, Path(entry["file"]).name, (source / entry["file"]).read_bytes(), **fields)
    listed = {entry["file"] for entry in pack.get("files", [])}
    for path in sorted((source / "files").glob("*")) if (source / "files").is_dir() else []:
        if f"files/{path.name}" not in listed:  # photos that only the changes use
            parts.store_file(d, path.name, path.read_bytes())
    if (source / "changes.toml").is_file():
        changes = tomllib.loads((source / "changes.toml").read_text(encoding="utf-8")).get("changes", [])
        studio.set_changes(d, changes)
    grid = tomllib.loads((source / "grid.toml").read_text(encoding="utf-8"))
    lines = [{k: v for k, v in line.items() if k != "observables"} for line in grid["lines"]]
    studio.set_grid(d, grid["grid"]["type"], lines, aid=grid["grid"].get("aid", ""))
    for line in grid["lines"]:
        studio.set_line_observables(d, line["id"], line.get("observables", []))
    return d


def test_an_empty_draft_reads_back_and_fails_the_check_in_french(data):
    d = studio.create_draft(data, author="dupont")
    assert studio.open_draft(data, d.id).folder == d.folder
    assert studio.header(d)["site"] == "boutique" and parts.questions(d) == []
    problems = check_subject(d.folder, data)
    assert any("4 ou 5" in p.problem for p in problems)


@pytest.fixture(scope="module")
def shared_data(installed_data, tmp_path_factory):
    """One data folder for the module (drafts never touch the templates)."""
    data = tmp_path_factory.mktemp("drafts") / "data"
    copy_data(installed_data, data)
    return data


@pytest.mark.parametrize("subject", SHIPPED)
def test_every_shipped_subject_rewritten_through_the_api_passes_the_check(shared_data, subject):
    """The draft model holds every shipped pack: written piece by piece, it passes the same checks."""
    d = rewrite(shared_data, ROOT / "subjects" / subject)
    assert check_subject(d.folder, shared_data) == []


def test_a_shipped_subject_rewritten_through_the_api_reads_back(data):
    d = rewrite(data, SUBJECT_I)
    assert check_subject(d.folder, data) == []
    assert [q["id"] for q in parts.questions(d)] == ["q1", "q2", "q3", "q4", "q5"]
    assert studio.changes(d)[0]["name"] == "nappe"
    assert studio.grid(d)["lines"][0]["observables"][0]["check"] == "product.fields"


def test_grid_lines_keep_their_observables_when_the_grid_is_rewritten(data):
    d = rewrite(data, SUBJECT_I)
    lines = [{k: v for k, v in line.items() if k != "observables"} for line in studio.grid(d)["lines"]]
    studio.set_grid(d, "ti-ts", lines)
    assert studio.grid(d)["lines"][0]["observables"][0]["check"] == "product.fields"
    studio.set_line_observables(d, lines[0]["id"], [])
    assert "observables" not in studio.grid(d)["lines"][0]
    with pytest.raises(ServiceError):
        studio.set_line_observables(d, "nope", [])
    studio.set_changes(d, [])
    assert studio.changes(d) == [] and not (d.folder / "changes.toml").exists()


def test_an_older_revision_is_a_conflict(data):
    d = studio.create_draft(data)
    first = studio.touch(d, 0)
    assert studio.touch(d, first) == first + 1
    with pytest.raises(studio.DraftConflict):
        studio.touch(d, first)


def test_an_id_from_a_url_is_never_a_path(data):
    for bad in ("../subjects", "", "ABCDEF12", "a/b", "0123456789"):
        with pytest.raises(ServiceError):
            studio.open_draft(data, bad)
