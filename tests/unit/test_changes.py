"""The process's change watcher: one thread reads the followed databases and wakes the streams that wait."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from contextlib import closing

from sandbox.db.changes import ChangeWatcher, SQLiteFileChanges


def _database(path):
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
    return path


def _commit(path, value):
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO t VALUES (?)", (value,))


def test_a_commit_from_another_connection_wakes_the_waiting_stream_and_only_it(tmp_path):
    watcher = ChangeWatcher(tick=0.01)
    a, b = _database(tmp_path / "a.sqlite"), _database(tmp_path / "b.sqlite")
    with watcher.follow({"a": lambda: SQLiteFileChanges(a)}) as on_a, \
            watcher.follow({"b": lambda: SQLiteFileChanges(b)}) as on_b:
        mark_a, mark_b = on_a.mark(), on_b.mark()
        assert not on_a.wait(mark_a, 0.1)  # nothing committed: sleeps until the timeout
        threading.Timer(0.05, _commit, (a, 1)).start()
        assert on_a.wait(mark_a, 5)
        assert not on_b.wait(mark_b, 0.1)


def test_moved_names_only_the_databases_that_committed_since_the_last_read(tmp_path):
    watcher = ChangeWatcher(tick=0.01)
    a, b = _database(tmp_path / "a.sqlite"), _database(tmp_path / "b.sqlite")
    with watcher.follow({"a": lambda: SQLiteFileChanges(a), "b": lambda: SQLiteFileChanges(b)}) as both:
        first = both.mark()
        assert both.moved(None, first) == {0, 1}  # the first pass reads everything
        assert both.moved(first, both.mark()) == set()  # an idle wake reads nothing
        _commit(b, 1)
        assert both.wait(first, 5)
        assert both.moved(first, both.mark()) == {1}


def test_a_file_renamed_over_the_followed_one_wakes_the_stream(tmp_path):
    watcher = ChangeWatcher(tick=0.01)
    seat = _database(tmp_path / "seat.sqlite")
    fresh = tmp_path / "fresh.sqlite"
    shutil.copyfile(seat, fresh)
    with watcher.follow({"seat": lambda: SQLiteFileChanges(seat)}) as follow:
        mark = follow.mark()
        os.replace(fresh, seat)
        assert follow.wait(mark, 5)
        mark = follow.mark()
        _commit(seat, 2)  # the watcher now reads the new file
        assert follow.wait(mark, 5)


class _Counting:
    def __init__(self):
        self.reads = 0

    def version(self):
        self.reads += 1
        return 0

    def close(self):
        pass


def test_one_read_per_tick_for_many_streams_and_none_once_they_are_gone():
    watcher, source = ChangeWatcher(tick=0.02), _Counting()
    started = time.monotonic()
    with watcher.follow({"x": lambda: source}), watcher.follow({"x": lambda: _Counting()}) as second:
        second.wait(second.mark(), 0.3)
        during, elapsed = source.reads, time.monotonic() - started
    after = source.reads
    # Shared by both streams (the second one's source is never made): at most one read per tick.
    assert 1 <= during <= elapsed / 0.02 + 2
    time.sleep(0.2)
    assert source.reads == after  # nobody follows it any more: no polling at all


def test_wake_all_wakes_every_waiting_stream():
    watcher = ChangeWatcher(tick=0.01)
    with watcher.follow({"x": lambda: _Counting()}) as follow:
        mark = follow.mark()
        threading.Timer(0.05, watcher.wake_all).start()
        assert follow.wait(mark, 5)


class _Pushed(_Counting):
    pushed = True

    def __init__(self):
        super().__init__()
        self.value = 0

    def version(self):
        super().version()
        return self.value


def test_a_pushed_source_is_not_polled_and_its_poke_wakes_the_stream(monkeypatch):
    monkeypatch.setattr("sandbox.db.changes.PUSHED_LOOK_SECONDS", 60)
    watcher, source = ChangeWatcher(tick=0.01), _Pushed()
    with watcher.follow({"x": lambda: source}) as follow:
        mark = follow.mark()
        time.sleep(0.3)  # 30 ticks of a polled source
        assert source.reads <= 2  # made, then one look when the watcher started
        source.value = 1
        watcher.poke()
        assert follow.wait(mark, 30)  # only the poke can wake it within the minute
