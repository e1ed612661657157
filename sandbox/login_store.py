"""The logins database of a data folder (``logins.sqlite``): failed tries and open login sessions.

Kept in a small SQLite file, not in process memory, so that every server process (``e5 serve --workers 2``)
sees the same throttling and the same logouts; shared by the seats and the console.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path

from sandbox.paths import private_file

FILE = "logins.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS login_failure (
    key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_at REAL NOT NULL, locked_until REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS login_session (
    token TEXT PRIMARY KEY, scope TEXT NOT NULL, account TEXT NOT NULL,
    started_at REAL NOT NULL, seen_at REAL NOT NULL
);
"""
_ready: set[Path] = set()


@contextmanager
def logins_db(data: Path):
    """A short connection to the logins database (created, private to the owner, on first use)."""
    path = Path(data) / FILE
    fresh = path not in _ready or not path.exists()  # a data folder made again at the same place
    if fresh:
        # Session tokens are secrets: private before SQLite opens it, so its -wal and -shm are too.
        private_file(path)
    with closing(sqlite3.connect(path, timeout=5, isolation_level=None)) as conn:
        if fresh:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            _ready.add(path)
        yield conn
