"""The process's seat engines: bounded in number and idle time, an evicted seat opened again on demand."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from sqlalchemy import text

from sandbox.db.engines import EngineCache


def _databases(tmp_path, count):
    paths = []
    for n in range(count):
        path = tmp_path / f"seat-{n}.sqlite"
        with closing(sqlite3.connect(path)) as conn, conn:
            conn.execute("CREATE TABLE t (x)")
            conn.execute("INSERT INTO t VALUES (?)", (n,))
        paths.append(path)
    return paths


def _read(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT x FROM t")).scalar()


def test_the_least_recently_used_engines_beyond_the_bound_are_disposed(tmp_path):
    cache, paths = EngineCache(max_open=2, idle_seconds=3600), _databases(tmp_path, 3)
    first = cache.get("a", paths[0])
    assert _read(first) == 0 and first.pool.checkedin() == 1
    cache.get("b", paths[1])
    cache.get("a", paths[0])  # used again: « b » is now the least recently used
    cache.get("c", paths[2])
    assert len(cache) == 2 and cache.get("a", paths[0]) is first and first.pool.checkedin() == 1
    assert cache.get("b", paths[1]) is not None and len(cache) == 2  # « b » opened again, « c » went
    assert _read(cache.get("b", paths[1])) == 1


def test_an_idle_engine_is_disposed_and_a_stream_still_holding_it_reconnects(tmp_path):
    cache, paths = EngineCache(max_open=10, idle_seconds=0), _databases(tmp_path, 2)
    held = cache.get("a", paths[0])
    assert _read(held) == 0
    cache.get("b", paths[1])  # « a » idle for longer than 0 s: disposed
    assert held.pool.checkedin() == 0 and len(cache) == 1
    assert _read(held) == 0  # whoever still holds it gets a new connection
