"""The coverage report: every feature id listed, provided by a screen and exercised by a behaviour test (one
marked ``@pytest.mark.feature``), no unknown id declared."""

from __future__ import annotations

from click.testing import CliRunner

from sandbox.coverage import coverage, unknown_ids
from sandbox.coverage import tests_by_feature as marked_tests  # not named test_…: pytest would collect it
from sandbox.subjects.features import FEATURE_IDS, SHOP_FEATURES, SITE_FEATURES


def test_every_id_is_listed_once_and_declared_ids_are_known():
    rows = coverage()
    assert sorted(r.id for r in rows) == sorted(FEATURE_IDS)
    assert unknown_ids() == set()


def test_no_feature_lacks_a_screen():
    missing = [r.id for r in coverage() if r.missing]
    assert missing == []


def test_every_feature_has_a_behaviour_test():
    untested = [r.id for r in coverage() if r.untested]
    assert untested == [], f"feature ids with no test marked @pytest.mark.feature: {untested}"


def test_behaviour_tests_drive_the_ui():
    """A feature mark belongs on a test going through the UI: an HTTP test posting forms, or the browser."""
    places = {test.split("/")[1] for tests in marked_tests().values() for test in tests}
    assert places <= {"integration", "browser"}, places


def test_marks_are_read_without_running_the_tests(tmp_path):
    folder = tmp_path / "tests"
    (folder / "integration").mkdir(parents=True)
    (folder / "integration" / "test_x.py").write_text(
        "import pytest\n"
        "pytestmark = [pytest.mark.feature('X-REL-1')]\n"
        "@pytest.mark.feature('B-CAT-1', 'B-CAT-6')\n"
        "def test_a():\n    pass\n"
        "class TestB:\n"
        "    @pytest.mark.feature('B-CAT-1')\n"
        "    def test_b(self):\n        pass\n"
        "def helper():\n    pass\n", encoding="utf-8")
    found = marked_tests(folder)
    assert found == {
        "X-REL-1": ["tests/integration/test_x.py::test_a", "tests/integration/test_x.py::TestB::test_b"],
        "B-CAT-1": ["tests/integration/test_x.py::test_a", "tests/integration/test_x.py::TestB::test_b"],
        "B-CAT-6": ["tests/integration/test_x.py::test_a"],
    }


def test_shop_and_site_features_are_used_by_shipped_subjects():
    unused = [r.id for r in coverage() if r.id in SHOP_FEATURES + SITE_FEATURES and not r.subjects]
    assert unused == []


def test_coverage_command_lists_ids(tmp_path):
    from grading.cli import cli

    data = ["--data", str(tmp_path / "data")]  # never the default ./e5-data of the working folder
    result = CliRunner().invoke(cli, [*data, "coverage"])
    assert "B-CAT-1" in result.output and "X-STA-1" in result.output and "statistics" in result.output
    assert "products.py::test_create_a_product_with_categories_price_ttc_and_stock" in result.output
    assert "83/83 fonctionnalités ont un test de comportement" in result.output
    assert CliRunner().invoke(cli, [*data, "coverage", "--strict"]).exit_code == 0
