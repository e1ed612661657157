"""One change watcher per process: it reads each watched database's change counter once per tick and
wakes the live streams that follow it; a stream with nothing new waits, asleep, instead of polling.

A *source of change signals* is anything with ``version()`` (a value that moves when its database
commits, read once per tick) and ``close()``. SQLite gives one with ``PRAGMA data_version`` on a
dedicated connection (it moves for commits of every other connection, in any process); a PostgreSQL
storage can give one fed by LISTEN/NOTIFY without changing the streams.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Protocol

from sandbox.db.engines import inode as file_identity

TICK_SECONDS = 0.05  # how often the watcher reads the counters: a change reaches its streams within a tick
# With only pushed sources (LISTEN/NOTIFY pokes the watcher), it still looks this often, in case a poke
# was missed; otherwise it sleeps (bench_academie: the 20 ticks a second cost 3,5 % of a server's work).
PUSHED_LOOK_SECONDS = 1.0


class ChangeSource(Protocol):
    """A database whose version moves when it commits. A source whose moves are pushed (it calls the
    watcher's ``poke`` after each) sets ``pushed = True``: then nobody polls it."""

    def version(self) -> Hashable:
        """The current version (compared for equality only)."""

    def close(self) -> None:
        """Release what reading the version holds."""


class SQLiteFileChanges:
    """``PRAGMA data_version`` of an SQLite file, on its own connection, reopened when the file is replaced
    (a seat reset renames a fresh copy over it) or made again."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._inode: int | None = None

    def version(self) -> Hashable:
        """(file identity, data version); None while the file does not exist."""
        inode = file_identity(self.path)
        if inode is None:
            self.close()
            return None
        if self._conn is None or inode != self._inode:
            self.close()
            self._inode = inode  # read before connecting: a rename in between costs one more reopen
            self._conn = sqlite3.connect(self.path, timeout=1, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA cache_size=-16")  # it reads no table: keep its page cache tiny
        try:
            return inode, self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:  # busy or being replaced: look again at the next tick
            self.close()
            return inode, None

    def close(self) -> None:
        """Close the dedicated connection."""
        if self._conn is not None:
            with suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None


class ChangeWatcher:
    """Reads every watched source once per tick, in one thread, while at least one stream follows it."""

    def __init__(self, tick: float = TICK_SECONDS):
        self.tick = tick
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)  # the watcher's own thread waits for sources on it
        # Each stream sleeps on its own condition (same lock), woken only when one of its sources moved:
        # one condition for all woke every stream of the process at each commit (bench_academie: 30
        # commits a second × 50 streams a server, each woken to find nothing of its own).
        self._waiting: dict[Hashable, set[threading.Condition]] = {}
        self._every: set[threading.Condition] = set()
        self._sources: dict[Hashable, ChangeSource] = {}
        self._versions: dict[Hashable, Hashable] = {}
        self._followers: Counter[Hashable] = Counter()
        self._wakes = 0  # moved by wake_all: every waiting stream returns
        self._poked = threading.Event()  # a pushed source moved: look now
        self._thread: threading.Thread | None = None

    @contextmanager
    def follow(self, sources: dict[Hashable, Callable[[], ChangeSource]]) -> Iterator[Following]:
        """Follow these sources (key → how to make it, when no other stream follows it yet)."""
        woken = threading.Condition(self._lock)
        with self._cond:
            for key, make in sources.items():
                if key not in self._sources:
                    self._sources[key] = source = make()
                    self._versions[key] = source.version()
                self._followers[key] += 1
                self._waiting.setdefault(key, set()).add(woken)
            self._every.add(woken)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="e5-change-watcher", daemon=True)
                self._thread.start()
            self._cond.notify_all()
        try:
            yield Following(self, tuple(sources), woken)
        finally:
            with self._cond:
                self._every.discard(woken)
                for key in sources:
                    self._waiting[key].discard(woken)
                    if not self._waiting[key]:
                        del self._waiting[key]
                    self._followers[key] -= 1
                    if self._followers[key] <= 0:
                        del self._followers[key]
                        self._versions.pop(key, None)
                        self._sources.pop(key).close()

    def mark(self, keys: tuple) -> tuple:
        """What the watcher knows now of these sources (to wait for something newer)."""
        with self._cond:
            return self._wakes, tuple(self._versions.get(key) for key in keys)

    def wait(self, keys: tuple, mark: tuple, timeout: float, woken: threading.Condition) -> bool:
        """Sleep until one of these sources moved past ``mark`` (True), or ``timeout`` seconds (False);
        ``woken``: the condition ``follow`` gave these keys' stream."""
        with self._lock:
            return woken.wait_for(
                lambda: (self._wakes, tuple(self._versions.get(key) for key in keys)) != mark, timeout)

    def wake_all(self) -> None:
        """Wake every waiting stream (they check whether they should end)."""
        with self._lock:
            self._wakes += 1
            for woken in self._every:
                woken.notify_all()
            self._cond.notify_all()

    def poke(self) -> None:
        """A pushed source moved: read the versions now instead of at the next tick."""
        self._poked.set()

    def _run(self) -> None:
        while True:
            self._poked.clear()  # before reading: a poke from now on makes the next wait return at once
            with self._cond:
                while not self._sources:
                    self._cond.wait()  # nobody follows anything: no polling at all
                woken, polled = set(), False
                for key, source in self._sources.items():
                    version = source.version()  # microseconds each: read under the lock, no close races
                    polled = polled or not getattr(source, "pushed", False)
                    if version != self._versions.get(key):
                        self._versions[key] = version
                        woken.update(self._waiting.get(key, ()))
                for stream in woken:
                    stream.notify_all()
            self._poked.wait(self.tick if polled else PUSHED_LOOK_SECONDS)


class Following:
    """A stream's view of the watcher: mark what it has read, then wait for something newer."""

    def __init__(self, watcher: ChangeWatcher, keys: tuple, woken: threading.Condition):
        self._watcher, self._keys, self._woken = watcher, keys, woken

    def mark(self) -> tuple:
        """Take before reading the databases: a commit during the read wakes the next wait."""
        return self._watcher.mark(self._keys)

    def wait(self, mark: tuple, timeout: float) -> bool:
        """Sleep until something moved since ``mark``, or ``timeout`` seconds."""
        return self._watcher.wait(self._keys, mark, max(0.0, timeout), self._woken)

    def moved(self, before: tuple | None, mark: tuple) -> set[int]:
        """Positions (in the order the sources were given) of the sources whose version differs between
        two marks; all of them when there is no ``before`` (the first pass reads everything). A stream
        reads only these again: an idle wake or another seat's change costs it no query."""
        if before is None:
            return set(range(len(self._keys)))
        return {i for i, (old, new) in enumerate(zip(before[1], mark[1], strict=True)) if old != new}


_watcher = ChangeWatcher()


def _new_watcher() -> None:
    # A forked child has none of the parent's threads, and the watcher's lock may have been held at the
    # fork: the child starts a watcher of its own.
    global _watcher
    _watcher = ChangeWatcher()


if hasattr(os, "register_at_fork"):  # not on Windows, which never forks
    os.register_at_fork(after_in_child=_new_watcher)


def watcher() -> ChangeWatcher:
    """The process's change watcher."""
    return _watcher
