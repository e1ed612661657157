"""docs/subject-packs.md stays true: its reference tables are those the registries generate."""

from __future__ import annotations

from sandbox.subjects.reference import doc_section, registry_markdown
from tests.subjects.conftest import ROOT

DOC = ROOT / "docs" / "subject-packs.md"


def test_doc_reference_matches_the_registries():
    assert doc_section(DOC.read_text(encoding="utf-8")) == registry_markdown(), (
        "the registries changed: run python -m sandbox.subjects.reference docs/subject-packs.md"
    )


def test_doc_names_the_shipped_subjects_and_grid_types():
    text = DOC.read_text(encoding="utf-8")
    for word in (
        "ln-boutique-a",
        "ln-boutique-b",
        "ln-boutique-c",
        "fiche-2020",
        "niveaux-1-4",
        "ti-ts",
        "e5 subject check",
        "e5 subject prepare",
        "{{ today+15 }}",
    ):
        assert word in text, word
