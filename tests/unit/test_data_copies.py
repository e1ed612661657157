"""Tests copy data folders with ``tests.conftest.copy_data``: a plain ``shutil.copytree`` of a data folder on
PostgreSQL copies its ``database.json`` only, so the copy shares the source's databases (its accounts, its
seats) and a module's setup collides with another's (found by the PostgreSQL run)."""

from __future__ import annotations

import re

from tests.conftest import ROOT

# A data folder fixture copied as files: installed_data, data, gdata, a folder made by a fixture…
FILE_COPY_OF_DATA = re.compile(r"copytree\(\s*(installed_data|[a-z_]*data)\b")


def test_no_test_copies_a_data_folder_as_plain_files():
    offenders = [f"{path.relative_to(ROOT)}:{text[:match.start()].count(chr(10)) + 1}"
                 for path in sorted((ROOT / "tests").rglob("*.py"))
                 for text in [path.read_text(encoding="utf-8")]
                 for match in FILE_COPY_OF_DATA.finditer(text)]
    assert offenders == [], "use tests.conftest.copy_data (databases copied too): " + ", ".join(offenders)
