"""The logins database of a data folder (``logins.sqlite``): failed tries and open login sessions.

Kept in a small SQLite file, not in process memory, so that every server process (``e5 serve --workers 2``)
sees the same throttling and the same logouts; shared by the seats and the console.
"""

from __future__ import annotations

import sqlite3
import threading
import time
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
_creating = threading.Lock()


def _create(path: Path) -> None:
    """Make the database ready (WAL, tables) once per process, whatever other processes do meanwhile.

    Two servers starting together (an académie behind nginx, e5 serve --workers 2) open it for the first
    time at the same moment: while one switches the new file to WAL, the other can get « disk I/O error »
    or not see the tables yet. Both are transient: try again shortly.
    """
    with _creating:
        if path in _ready and path.exists():
            return
        # Session tokens are secrets: private before SQLite opens it, so its -wal and -shm are too.
        private_file(path)
        for attempt in range(40):
            try:
                with closing(sqlite3.connect(path, timeout=5, isolation_level=None)) as conn:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.executescript(_SCHEMA)
                    conn.execute("SELECT 1 FROM login_session, login_failure LIMIT 1").fetchall()
                break
            except sqlite3.OperationalError:
                if attempt == 39:
                    raise
                time.sleep(0.05)
        _ready.add(path)


@contextmanager
def logins_db(data: Path):
    """A short connection to the logins database (created, private to the owner, on first use)."""
    path = Path(data) / FILE
    if path not in _ready or not path.exists():  # not yet, or a data folder made again at the same place
        _create(path)
    with closing(sqlite3.connect(path, timeout=5, isolation_level=None)) as conn:
        yield conn
