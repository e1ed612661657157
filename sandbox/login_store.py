"""The logins database of a data folder: failed tries and open login sessions.

Shared by every server process (``e5 serve --workers 2``, an académie's servers behind nginx) so that all
see the same throttling and the same logouts; shared by the seats and the console. On SQLite it is a small
file of the data folder (``logins.sqlite``, not versioned: two tables made on first use); on PostgreSQL it is
the folder's own database on the server (migrated by Alembic like the others, see ``LOGINS_MIGRATIONS``), so
several machines share it without locking a file over NFS. Callers write SQL with ``?`` placeholders that
runs on both.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import Column, Engine, Float, Integer, MetaData, Table, Text, create_engine, inspect

from sandbox.db.migrate import stamp_head_in
from sandbox.db.storage import storage_for
from sandbox.paths import private_file

FILE = "logins.sqlite"
LOGINS_DATABASE = ("logins", "main")  # (kind, name) on a PostgreSQL storage
LOGINS_MIGRATIONS = Path(__file__).resolve().parent / "db" / "logins_migrations"

metadata = MetaData()
Table("login_failure", metadata, Column("key", Text, primary_key=True),
      Column("failures", Integer, nullable=False), Column("last_at", Float, nullable=False),
      Column("locked_until", Float, nullable=False))
Table("login_session", metadata, Column("token", Text, primary_key=True),
      Column("scope", Text, nullable=False), Column("account", Text, nullable=False),
      Column("started_at", Float, nullable=False), Column("seen_at", Float, nullable=False))

_SCHEMA = """
CREATE TABLE IF NOT EXISTS login_failure (
    key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_at REAL NOT NULL, locked_until REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS login_session (
    token TEXT PRIMARY KEY, scope TEXT NOT NULL, account TEXT NOT NULL,
    started_at REAL NOT NULL, seen_at REAL NOT NULL
);
"""
WRITE_LOCK = 5012  # PostgreSQL advisory lock serialising throttle writers, as SQLite's BEGIN IMMEDIATE does
_ready: set[Path] = set()
_creating = threading.Lock()
_server_engines: dict[str, Engine] = {}


def _server_sql(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s``; a literal ``%`` (``LIKE 'adresse:%'``) doubled, since
    psycopg reads every ``%`` of a statement given parameters (even none) as a placeholder."""
    return sql.replace("%", "%%").replace("?", "%s")


def _forget_parent() -> None:
    """In a forked child: new pools and lock (the parent's pooled connections share their sockets with it;
    see ``storage_postgres._forget_parent``)."""
    global _creating
    _creating = threading.Lock()
    for engine in _server_engines.values():
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):  # not on Windows, which never forks
    os.register_at_fork(after_in_child=_forget_parent)


class LoginsConnection:
    """sqlite3-style calls (``?`` placeholders) on either engine, plus one serialised write transaction."""

    def __init__(self, conn, server: bool):
        self._conn, self._server = conn, server

    def execute(self, sql: str, params=()):
        """Run one statement; the cursor answers fetchone()/fetchall()."""
        return self._conn.execute(_server_sql(sql) if self._server else sql, params)

    def executemany(self, sql: str, rows) -> None:
        """Run one statement for each row of parameters."""
        if not self._server:
            self._conn.executemany(sql, rows)
            return
        with self._conn.cursor() as cursor:
            cursor.executemany(_server_sql(sql), rows)

    @contextmanager
    def writing(self):
        """One transaction that no other writer of the logins runs alongside (read-modify-write)."""
        self.execute("BEGIN" if self._server else "BEGIN IMMEDIATE")
        try:
            if self._server:
                self.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            yield self
        except BaseException:
            self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")


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


def _server_engine(storage) -> Engine:
    """A pooled autocommit engine on the folder's logins database, made with its tables on first use.

    Pooled (unlike seat engines): every request reads its login session, one small database.
    """
    database = storage.database_name(*LOGINS_DATABASE)
    key = str(storage.url.set(database=database))
    engine = _server_engines.get(key)
    if engine is not None:
        return engine
    with _creating:
        if key in _server_engines:
            return _server_engines[key]
        storage.ensure(*LOGINS_DATABASE)
        # Two servers starting together: the lock lets one make and stamp the tables, the other sees them.
        with storage.engine(*LOGINS_DATABASE).begin() as conn:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            if not inspect(conn).has_table("alembic_version"):
                metadata.create_all(conn)
                stamp_head_in(conn, LOGINS_MIGRATIONS)
        storage.dispose(*LOGINS_DATABASE)
        engine = create_engine(storage.url.set(database=database), isolation_level="AUTOCOMMIT",
                               pool_size=4, max_overflow=16)
        _server_engines[key] = engine
        return engine


@contextmanager
def logins_db(data: Path):
    """A short connection to the logins database (created, private to the owner, on first use)."""
    storage = storage_for(data)
    if storage.dialect != "sqlite":
        raw = _server_engine(storage).raw_connection()
        try:
            yield LoginsConnection(raw.driver_connection, server=True)
        finally:
            raw.close()
        return
    path = Path(data) / FILE
    if path not in _ready or not path.exists():  # not yet, or a data folder made again at the same place
        _create(path)
    with closing(sqlite3.connect(path, timeout=5, isolation_level=None)) as conn:
        yield LoginsConnection(conn, server=False)
