"""Studio drafts (sandbox/subjects/studio/draft.py): a shipped subject rewritten piece by piece through the
draft API passes the same checks as `e5 subject check`; conflicts; changes and observables."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sandbox.services import ServiceError
from sandbox.subjects.pack import check_subject
from sandbox.subjects.studio import draft as studio

ROOT = Path(__file__).resolve().parents[2]
SUBJECT_I = ROOT / "subjects" / "ln-boutique-i"


def rewrite(data: Path, source: Path) -> studio.Draft:
    """A draft holding the subject of ``source``, written only through the draft API."""
    pack = tomllib.loads((source / "subject.toml").read_text(encoding="utf-8"))
    d = studio.create_draft(data, site=pack["subject"]["site"], author="dupont")
    head = {k: v for k, v in pack["subject"].items() if k != "format"}
    studio.set_header(d, **head)
    studio.set_text(d, "contexte", (source / pack["texts"]["contexte"]).read_text(encoding="utf-8"))
    studio.set_text(d, "mise_en_situation", pack["texts"]["mise_en_situation"])
    studio.set_questions(d, [
        {"title": q["title"], "features": q["features"],
         "text": (source / q["file"]).read_text(encoding="utf-8")}
        for q in pack["questions"]
    ])
    studio.set_annexes(d, [
        {"title": a["title"], "kind": "tableau" if a["file"].endswith(".csv") else "texte",
         "content": (source / a["file"]).read_text(encoding="utf-8")}
        for a in pack["annexes"]
    ])
    changes = tomllib.loads((source / "changes.toml").read_text(encoding="utf-8"))["changes"]
    studio.set_changes(d, changes)
    grid = tomllib.loads((source / "grid.toml").read_text(encoding="utf-8"))
    studio.set_grid(d, grid["grid"]["type"], [{k: v for k, v in line.items() if k != "observables"}
                                               for line in grid["lines"]])
    for line in grid["lines"]:
        studio.set_line_observables(d, line["id"], line.get("observables", []))
    return d


def test_an_empty_draft_reads_back_and_fails_the_check_in_french(data):
    d = studio.create_draft(data, author="dupont")
    assert studio.open_draft(data, d.id).folder == d.folder
    assert studio.header(d)["site"] == "boutique" and studio.questions(d) == []
    problems = check_subject(d.folder, data)
    assert any("4 ou 5" in p.problem for p in problems)


def test_a_shipped_subject_rewritten_through_the_api_passes_the_check(data):
    d = rewrite(data, SUBJECT_I)
    assert check_subject(d.folder, data) == []
    assert [q["id"] for q in studio.questions(d)] == ["q1", "q2", "q3", "q4", "q5"]
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
