"""The coverage report: every feature id listed and provided by a screen, no unknown id declared."""

from __future__ import annotations

from click.testing import CliRunner

from sandbox.coverage import coverage, unknown_ids
from sandbox.subjects.features import FEATURE_IDS, SHOP_FEATURES, SITE_FEATURES


def test_every_id_is_listed_once_and_declared_ids_are_known():
    rows = coverage()
    assert sorted(r.id for r in rows) == sorted(FEATURE_IDS)
    assert unknown_ids() == set()


def test_no_feature_lacks_a_screen():
    missing = [r.id for r in coverage() if r.missing]
    assert missing == []


def test_shop_and_site_features_are_used_by_shipped_subjects():
    unused = [r.id for r in coverage() if r.id in SHOP_FEATURES + SITE_FEATURES and not r.subjects]
    assert unused == []


def test_coverage_command_lists_ids():
    from grading.cli import cli

    result = CliRunner().invoke(cli, ["coverage"])
    assert "B-CAT-1" in result.output and "X-STA-1" in result.output and "statistics" in result.output
