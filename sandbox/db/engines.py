"""The engines of a process on SQLite seat and template files: pragmas, a bounded cache, replaced files.

A server may open hundreds of seats in a day: an engine holds its pooled connections (each with its
parsed schema and page cache) and its compiled statements, so the least recently used engines beyond
MAX_OPEN, and those idle for IDLE_SECONDS, are disposed; the next request on that seat opens a new one.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.util import LRUCache

MAX_OPEN = 40  # a full exam room (30 seats) and a class (35) stay open; more are opened again on demand
IDLE_SECONDS = 600  # a seat nobody has asked for in ten minutes gives its memory back
# Per connection: many small databases (a seat is ~6 MB, mostly in the OS file cache anyway) do not
# need SQLite's default 2 MB page cache each; 256 KB keeps the hot pages (indexes, settings), and a page
# read again comes from the OS file cache. Measured with bench_seat_memory, 30 seats opened with logins:
# 512 KB → +1.55 MB per seat, 128 KB → +1.15 MB.
CACHE_KIB = 256
SHARED_STATEMENTS = 3000  # compiled statements kept for all seats together (a day's pages use a few hundred)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # In WAL mode NORMAL never corrupts and skips an fsync per commit; only the last commits of a
    # power cut may be lost — acceptable for a seat (marks live in the grading DB, synchronous=FULL).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def inode(path: Path) -> int | None:
    """The file's identity (changes when another file is renamed over it); None when missing."""
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


def _follow_replacements(engine: Engine, path: Path) -> None:
    """Never hand out a pooled connection to a file that a reset has since renamed away."""
    def remember(_dialect, record, _cargs, _cparams):
        record.info["inode"] = inode(path)  # before connecting: a rename in between only costs a reconnect

    def check(_dbapi_connection, record, _proxy):
        current = inode(path)
        if current is not None and current != record.info.get("inode"):
            raise exc.DisconnectionError("database file replaced")  # the pool reconnects, to the new file

    event.listen(engine, "do_connect", remember)
    event.listen(engine, "checkout", check)


_shared_lock = threading.Lock()
_shared: dict[str, object] = {}


def open_engine(path: Path) -> Engine:
    """A pooled engine on an SQLite file, with the project's pragmas.

    Every seat has the same schema and the same statements, but SQLAlchemy keys its compiled statements
    by dialect: each engine compiled (~20 KB and ~1 ms each) and kept (~1.7 MB per seat) its own. All
    engines of the process share the first one's dialect and one compiled cache, so a page's statements
    are compiled once for every seat. (Connection events stay on each engine's pool and own dialect.)
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False}, query_cache_size=0)
    event.listen(engine, "connect", _sqlite_pragmas)
    _follow_replacements(engine, path)
    with _shared_lock:
        if not _shared:
            with engine.connect():  # initialises this dialect (server version, flags) before anyone shares it
                pass
            _shared.update(dialect=engine.dialect, cache=LRUCache(SHARED_STATEMENTS))
    engine.dialect = _shared["dialect"]
    return engine.execution_options(compiled_cache=_shared["cache"])


class EngineCache:
    """Engines by key, least recently used first; bounded in number and in idle time.

    ``opener(target)`` makes a missing engine (SQLite files by default; PostgreSQL passes its own).
    """

    def __init__(self, max_open: int = MAX_OPEN, idle_seconds: float = IDLE_SECONDS,
                 opener: Callable[[Any], Engine] = open_engine):
        self.max_open, self.idle_seconds, self.opener = max_open, idle_seconds, opener
        self._engines: OrderedDict[str, tuple[Engine, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, target: Any) -> Engine:
        """The engine of that key (opened on ``target`` when not cached); may dispose the stalest others."""
        moment = time.monotonic()
        with self._lock:
            found = self._engines.pop(key, None)
            engine = found[0] if found else self.opener(target)
            self._engines[key] = (engine, moment)  # now the most recently used
            stale = []
            while True:
                oldest, (_engine, used) = next(iter(self._engines.items()))
                within = len(self._engines) <= self.max_open and moment - used < self.idle_seconds
                if oldest == key or within:  # never the one asked for, which is the most recent
                    break
                stale.append(self._engines.pop(oldest)[0])
        for old in stale:  # a request or stream still using one keeps its connection until it is done
            old.dispose()
        return engine

    def dispose(self, key: str) -> None:
        """Close the pooled connections of that key's engine and forget it."""
        with self._lock:
            found = self._engines.pop(key, None)
        if found is not None:
            found[0].dispose()

    def clear(self) -> None:
        """Dispose every engine and forget them all."""
        with self._lock:
            found, self._engines = list(self._engines.values()), OrderedDict()
        for engine, _used in found:
            engine.dispose()

    def after_fork(self) -> None:
        """In a forked child: forget every engine, leaving their connections to the parent (they share
        its sockets), with a new lock (another thread of the parent may have held this one)."""
        self._lock = threading.Lock()
        found, self._engines = list(self._engines.values()), OrderedDict()
        for engine, _used in found:
            engine.dispose(close=False)

    def __len__(self) -> int:
        return len(self._engines)
