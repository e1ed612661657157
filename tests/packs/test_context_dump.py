"""Canonical dumps: independent of insertion order and file layout, sensitive to any value."""

from __future__ import annotations

import hashlib

from sqlalchemy import create_engine

from sandbox.db.dump import canonical_dump, dump_digest, render_value


def make(path, rows, extra_index=False):
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        if extra_index:
            conn.exec_driver_sql("CREATE TABLE zeta (v TEXT)")  # created first, dumped last
        conn.exec_driver_sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL, data BLOB)")
        conn.exec_driver_sql("CREATE TABLE link (a INTEGER, b INTEGER, PRIMARY KEY (a, b))")
        if not extra_index:
            conn.exec_driver_sql("CREATE TABLE zeta (v TEXT)")
        conn.exec_driver_sql("CREATE INDEX ix_item_name ON item (name)")
        for row in rows:
            conn.exec_driver_sql("INSERT INTO item VALUES (?, ?, ?, ?)", row)
        conn.exec_driver_sql("INSERT INTO link VALUES (2, 1), (1, 2)")
        conn.exec_driver_sql("INSERT INTO zeta VALUES ('b'), ('a'), (NULL)")
    return engine


ROWS = [(2, "Drap « lin »", 1.5, b"\x00\x01"), (1, "Taie", None, None)]


def test_order_of_insertion_and_creation_does_not_matter(tmp_path):
    first = make(tmp_path / "a.sqlite", ROWS)
    second = make(tmp_path / "b.sqlite", list(reversed(ROWS)), extra_index=True)
    assert list(canonical_dump(first)) == list(canonical_dump(second))
    assert dump_digest(first) == dump_digest(second)
    lines = list(canonical_dump(first))
    assert lines[0].startswith("# table item (id INTEGER")
    assert lines[1] == "# index ix_item_name (name)"
    assert lines[2] == 'item\t[1,"Taie",null,null]'
    blob = f"blob:2:sha256:{hashlib.sha256(bytes([0, 1])).hexdigest()}"
    assert lines[3] == f'item\t[2,"Drap « lin »","float:1.5","{blob}"]'
    assert [line for line in lines if line.startswith("link")] == ["link\t[1,2]", "link\t[2,1]"]
    zeta = [line for line in lines if line.startswith("zeta")]
    assert zeta == ["zeta\t[null]", 'zeta\t["a"]', 'zeta\t["b"]']


def test_any_change_changes_the_digest(tmp_path):
    first = make(tmp_path / "a.sqlite", ROWS)
    second = make(tmp_path / "b.sqlite", [(2, "Drap « lin »", 1.5, b"\x00\x02"), ROWS[1]])
    assert dump_digest(first) != dump_digest(second)


def test_render_value():
    assert render_value(None) is None and render_value(3) == 3 and render_value("x") == "x"
    assert render_value(0.1) == "float:0.1"
    assert render_value(memoryview(b"ab")).startswith("blob:2:sha256:")
