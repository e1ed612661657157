"""Manifest validation and pack loading: every problem names context.toml, the field and the fix."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from sandbox.packs.context import check_context, check_manifest, load_context
from sandbox.packs.errors import PackError
from tests.conftest import DEFAULT_CONTEXT

GOOD = {
    "context": {"id": "lin-et-nature", "title": "Lin & Nature", "version": "1.0.0", "format": 1,
                "locale": "fr_FR", "seed": 20270520, "reference_date": "2027-05-20"},
    "sizes": {"products": 100, "customers": 600, "orders": 1500, "product_comments": 300,
              "customer_threads": 40, "return_requests": 10, "posts": 20, "pages": 10, "months": 18},
}


def manifest(**context) -> dict:
    """GOOD with some [context] values replaced (None removes the key)."""
    ctx = {k: v for k, v in (GOOD["context"] | context).items() if v is not None}
    return {"context": ctx, "sizes": dict(GOOD["sizes"])}


def by_field(problems) -> dict:
    assert all(p.file == "context.toml" for p in problems), problems
    return {p.field: p for p in problems}


def test_default_pack_is_valid():
    assert check_context(DEFAULT_CONTEXT) == []
    with load_context(DEFAULT_CONTEXT) as pack:
        assert pack.id == "lin-et-nature"
        assert pack.template_name == "context-lin-et-nature"
        assert isinstance(pack.seed, int) and isinstance(pack.reference_date, date)
        assert pack.sizes["products"] >= 100
        assert pack.archive is None


def test_good_manifest_has_no_problem():
    assert check_manifest(manifest()) == []
    assert check_manifest(manifest(reference_date=date(2027, 5, 20))) == []  # a TOML date is fine too
    assert check_manifest(manifest(version="2.1.0-rc.1")) == []


@pytest.mark.parametrize(("field", "value", "fix_part"), [
    ("reference_date", "20/05/2027", "AAAA-MM-JJ, par exemple 2027-05-20"),
    ("reference_date", "2027-02-30", "AAAA-MM-JJ"),
    ("reference_date", None, "AAAA-MM-JJ"),
    ("version", "1.0", 'version = "1.0.0"'),
    ("version", 1, "version"),
    ("id", "Lin Nature", "a-z, 0-9"),
    ("id", "-lin", "a-z, 0-9"),
    ("title", "  ", "title ="),
    ("format", 2, "format = 1"),
    ("format", "1", "format = 1"),
    ("seed", "abc", "nombre entier"),
    ("seed", True, "nombre entier"),
    ("seed", -1, "nombre entier"),
    ("locale", "français", "fr_FR"),
    ("locale", "xx_XX", "fr_FR"),
])
def test_each_context_field_is_checked(field, value, fix_part):
    problems = by_field(check_manifest(manifest(**{field: value})))
    assert list(problems) == [f"context.{field}"]
    assert fix_part in problems[f"context.{field}"].fix


def test_unknown_keys_are_reported_with_a_suggestion():
    broken = manifest(referense_date="2027-05-20")
    broken["sizes"]["oders"] = 3
    broken["extra"] = {}
    problems = by_field(check_manifest(broken))
    assert set(problems) == {"context.referense_date", "sizes.oders", "extra"}
    assert "reference_date" in problems["context.referense_date"].fix
    assert "orders" in problems["sizes.oders"].fix


def test_sizes_and_sections():
    broken = manifest()
    broken["sizes"]["orders"] = -5
    broken["sizes"]["months"] = "18"
    del broken["sizes"]["posts"]
    problems = by_field(check_manifest(broken))
    assert set(problems) == {"sizes.orders", "sizes.months", "sizes.posts"}
    problems = by_field(check_manifest({}))
    assert set(problems) == {"context", "sizes"}
    assert "reference_date" in problems["context"].fix


def test_broken_pack_reports_manifest_fields_and_data_files(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_CONTEXT, pack)
    text = (pack / "context.toml").read_text(encoding="utf-8")
    text = text.replace('reference_date = "2027-05-20"', 'reference_date = "20/05/2027"')
    text = text.replace('version = "1.0.0"', 'version = "1.0"').replace("orders = 1500", 'orders = "1500"')
    (pack / "context.toml").write_text(text, encoding="utf-8")
    (pack / "categories.csv").write_text((pack / "categories.csv").read_text(encoding="utf-8") + "oops\n",
                                         encoding="utf-8")
    problems = check_context(pack)
    fields = {(p.file, p.field) for p in problems}
    assert ("context.toml", "context.reference_date") in fields
    assert ("context.toml", "context.version") in fields
    assert any(p.file == "categories.csv" and "ligne" in p.field for p in problems), problems
    # No follow-on noise from checks that compare sizes while one of them is invalid.
    assert [p.field for p in problems if p.field.startswith("sizes")] == ["sizes.orders"]
    with pytest.raises(PackError) as caught:
        load_context(pack)
    assert "context.reference_date" in str(caught.value)
    assert "AAAA-MM-JJ" in str(caught.value)


def test_missing_or_unreadable_manifest(tmp_path):
    (tmp_path / "empty").mkdir()
    [problem] = check_context(tmp_path / "empty")
    assert problem.file == "context.toml" and "introuvable" in problem.problem
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "context.toml").write_text("[context\nid = 1\n", encoding="utf-8")
    [problem] = check_context(tmp_path / "bad")
    assert problem.file == "context.toml" and "TOML invalide" in problem.problem
    [problem] = check_context(tmp_path / "nowhere")
    assert ".e5ctx" in problem.fix


def test_a_missing_video_file_is_named(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_CONTEXT, pack)
    (pack / "files" / "visite-atelier.webm").unlink()
    [problem] = check_context(pack)
    assert problem.file == "media.toml" and problem.field.endswith(".file")
    assert "files/visite-atelier.webm" in problem.problem and ".webm" in problem.fix
