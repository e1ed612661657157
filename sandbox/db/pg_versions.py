"""Data versions of a data folder's PostgreSQL databases in one process, which page caches key on.

A version is (listener generation, notifications received, own commits): this process's commits count at
once, in the committing thread; other processes' arrive by NOTIFY (``pg_notify``) within milliseconds. A
new listening connection (the old one lost) starts a new generation: nothing kept before is reused.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from sqlalchemy.engine import URL

from sandbox.db import pg_notify


class DataVersions:
    """The listening connection of one data folder (its channel) and this process's commit counts."""

    def __init__(self, url: URL, channel: str):
        self.url, self.channel = url, channel
        self._lock = threading.Lock()
        self._listening: pg_notify.Listener | None = None
        self._generation = 0  # moves with each new listening connection
        self._commits: Counter[str] = Counter()  # this process's commits, per server-side database
        self._own_tables: dict[str, Counter[str]] = {}  # this process's commits, per database and table

    def listener(self) -> pg_notify.Listener:
        """The live listening connection, opened again when lost."""
        with self._lock:
            if self._listening is None or not self._listening.alive():
                if self._listening is not None:
                    self._listening.close()
                self._listening = pg_notify.Listener(self.url, self.channel)
                self._generation += 1
            return self._listening

    def version(self, database: str) -> tuple[int, int, int]:
        """A value that changes whenever anything commits a write to that server-side database."""
        listener = self.listener()
        with self._lock:
            return self._generation, listener.others.get(database, 0), self._commits.get(database, 0)

    def written_marks(self, database: str) -> tuple[int, dict[str, Any]]:
        """(listener generation, {table: count of the last notification that wrote it}) of a database.

        Read before reading the database: a table written since then has a greater mark next time (a
        write whose tables are unknown marks « * »). A new listening connection starts a new generation.
        """
        self.listener()  # listening from now on, at the latest
        with self._lock:  # the generation of the listener read, even if it was replaced meanwhile
            marks = dict(self._listening.marks.get(database, {}))
            own = self._own_tables.get(database, {}).get(pg_notify.ANY_TABLE, 0)
            if own:  # a database this process made, replaced or dropped: at once, before its notification
                marks[pg_notify.ANY_TABLE] = (marks.get(pg_notify.ANY_TABLE, 0), own)
            return self._generation, marks

    def tables_version(self, database: str, tables: tuple[str, ...]) -> tuple:
        """A value that changes whenever a commit writes one of these tables of that database (or tables
        unknown): this process's commits at once, others' by NOTIFY, as ``version``."""
        listener = self.listener()
        watched = (*tables, pg_notify.ANY_TABLE)
        with self._lock:
            marks, own = listener.marks.get(database, {}), self._own_tables.get(database, {})
            return (self._generation, *(marks.get(t, 0) for t in watched), *(own.get(t, 0) for t in watched))

    def committed(self, database: str, tables: set[str] | None = None) -> None:
        """Count a commit of this process (called in the committing thread); ``tables`` it wrote, None:
        unknown."""
        with self._lock:
            self._commits[database] += 1
            own = self._own_tables.setdefault(database, Counter())
            known = tables is not None and pg_notify.ANY_TABLE not in tables
            if known:
                own.update(t for t in tables if t)
            else:
                own[pg_notify.ANY_TABLE] += 1

    def close(self) -> None:
        """Close the listening connection (a folder destroyed)."""
        with self._lock:
            listening, self._listening = self._listening, None
        if listening is not None:
            listening.close()

    def after_fork(self) -> None:
        """In a forked child: a new lock; the next change source listens on a connection of this process
        (the listening thread does not cross the fork)."""
        self._lock = threading.Lock()
        self._listening = None
