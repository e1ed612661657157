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


def test_feature_ids_have_a_meaning_in_the_repository():
    """The ids' list lives in the repository (no reference outside it): each id has its French meaning."""
    from sandbox.subjects.feature_titles import FEATURE_TITLES
    from sandbox.subjects.features import FEATURE_IDS

    assert set(FEATURE_TITLES) == set(FEATURE_IDS)
    text = DOC.read_text(encoding="utf-8")
    assert all(f"| `{fid}` |" in text for fid in FEATURE_IDS)


def test_nothing_points_outside_the_repository():
    outside = ("/work/", "../shared", "shared/reference", "feature-scope.md")
    offenders = []
    for path in ROOT.rglob("*"):
        if path.suffix in (".py", ".md", ".toml", ".html", ".sh", ".txt") and not {".venv", ".git"} & set(
                path.relative_to(ROOT).parts):
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(ROOT)}: {word}" for word in outside if word in text
                          and path.name != "test_docs.py"]
    assert not offenders, offenders


def test_subject_features_command_prints_the_ids():
    from click.testing import CliRunner

    from sandbox.cli_subject import subject_group

    result = CliRunner().invoke(subject_group, ["features", "x-sta"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("X-STA-1   statistiques")
