"""Where seat and template databases live, behind one small interface.

SQLite is the embedded default: one file per database, copied with the backup API (safe while the
source is open). A PostgreSQL implementation will provide the same methods with
``CREATE DATABASE … TEMPLATE``. Callers never build URLs or paths themselves.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from sandbox.db.base import Base
from sandbox.db.migrate import SEAT_MIGRATIONS, stamp_head


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # In WAL mode NORMAL never corrupts and skips an fsync per commit; only the last commits of a
    # power cut may be lost — acceptable for a seat (marks live in the grading DB, synchronous=FULL).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def backup_database(source: Path, target: Path) -> None:
    """Copy a database with SQLite's online backup API (consistent even while the source is in use)."""
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src, \
            closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


class SQLiteStorage:
    """Databases as files under ``<data>/templates`` and ``<data>/seats``."""

    def __init__(self, data: Path):
        self.data = Path(data)
        self._engines: dict[str, Engine] = {}
        self._lock = threading.Lock()
        self._watchers: dict[str, tuple[sqlite3.Connection, int]] = {}
        self._watch_lock = threading.Lock()

    # -- naming -----------------------------------------------------------------------------
    def path(self, kind: str, name: str) -> Path:
        """File of a database of one kind ("templates" or "seats")."""
        folder = self.data / kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{name}.sqlite"

    def exists(self, kind: str, name: str) -> bool:
        """Whether that database exists (on every request's way: a single stat, no folder made)."""
        return os.path.exists(f"{self.data}/{kind}/{name}.sqlite")

    def names(self, kind: str) -> list[str]:
        """Names of the databases of one kind, sorted."""
        folder = self.data / kind
        return sorted(p.stem for p in folder.glob("*.sqlite")) if folder.exists() else []

    # -- engines ----------------------------------------------------------------------------
    def engine(self, kind: str, name: str) -> Engine:
        """A pooled engine on an existing database (cached per process)."""
        key = f"{kind}/{name}"
        with self._lock:
            engine = self._engines.get(key)
            if engine is None:
                path = self.path(kind, name)
                if not path.exists():
                    raise LookupError(f"La base « {name} » n'existe pas ({kind}).")
                engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
                event.listen(engine, "connect", _sqlite_pragmas)
                self._engines[key] = engine
            return engine

    def data_version(self, kind: str, name: str) -> tuple[int, int]:
        """A value that changes whenever any connection of any process commits to that database.

        SQLite's ``PRAGMA data_version`` on a connection of our own that never writes (microseconds,
        no file read), paired with the file's inode so that a database replaced whole counts as changed.
        """
        path = f"{self.data}/{kind}/{name}.sqlite"
        inode = os.stat(path).st_ino
        key = f"{kind}/{name}"
        with self._watch_lock:
            watcher = self._watchers.get(key)
            if watcher is None or watcher[1] != inode:
                if watcher is not None:
                    watcher[0].close()
                watcher = self._watchers[key] = (sqlite3.connect(path, check_same_thread=False), inode)
            return inode, watcher[0].execute("PRAGMA data_version").fetchone()[0]

    def dispose(self, kind: str, name: str) -> None:
        """Close pooled connections on a database (before replacing or removing it)."""
        with self._lock:
            engine = self._engines.pop(f"{kind}/{name}", None)
        with self._watch_lock:
            watcher = self._watchers.pop(f"{kind}/{name}", None)
        if watcher is not None:
            watcher[0].close()
        if engine is not None:
            engine.dispose()

    # -- lifecycle --------------------------------------------------------------------------
    def create_empty(self, kind: str, name: str) -> Engine:
        """Create (or recreate) an empty database with every table, in a deterministic DDL order."""
        self.dispose(kind, name)
        path = self.path(kind, name)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.touch()  # an empty file is an empty SQLite database; engine() refuses a missing one
        engine = self.engine(kind, name)
        Base.metadata.create_all(engine)
        stamp_head(engine, SEAT_MIGRATIONS)  # seats copied from it carry the revision along
        return engine

    def finalize_template(self, kind: str, name: str) -> None:
        """Make a freshly seeded database ready to be copied: checkpoint, compact, close."""
        engine = self.engine(kind, name)
        with engine.connect() as conn:
            conn.exec_driver_sql("VACUUM")
        self.dispose(kind, name)

    def copy(self, source_kind: str, source: str, target_kind: str, target: str) -> None:
        """Copy one database onto another (created or overwritten).

        Templates are immutable once published (replaced whole, atomically), so a new seat is a plain
        file copy — about ten times faster than the backup API. Overwriting a live seat (a reset) goes
        through SQLite's online backup API, which is safe while other connections have it open.
        """
        src_path = self.path(source_kind, source)
        if not src_path.exists():
            raise LookupError(f"La base modèle « {source} » n'existe pas : installez-la d'abord.")
        dst_path = self.path(target_kind, target)
        if target_kind == "templates":
            tmp = dst_path.with_name(f"{dst_path.name}.{os.getpid()}.tmp")
            backup_database(src_path, tmp)
            os.replace(tmp, dst_path)
        elif source_kind == "templates" and not dst_path.exists():
            tmp = dst_path.with_name(f"{dst_path.name}.{os.getpid()}.tmp")
            shutil.copyfile(src_path, tmp)
            os.replace(tmp, dst_path)
        else:
            backup_database(src_path, dst_path)
        if target_kind == "seats":
            with closing(sqlite3.connect(dst_path)) as conn:
                conn.execute("PRAGMA journal_mode=WAL")

    def remove(self, kind: str, name: str) -> None:
        """Delete a database and its side files."""
        self.dispose(kind, name)
        path = self.path(kind, name)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def snapshot(self, kind: str, name: str, target: Path) -> None:
        """Write a consistent copy of a database to an arbitrary file (evidence archives)."""
        src = sqlite3.connect(self.path(kind, name))
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        os.chmod(target, 0o444)


_storages: dict[Path, SQLiteStorage] = {}


_by_given: dict[str, SQLiteStorage] = {}


def storage_for(data: Path) -> SQLiteStorage:
    """The storage of a data folder (one instance per folder and process)."""
    given = str(data)
    storage = _by_given.get(given)  # resolving the path is a few system calls: once per absolute path
    if storage is None:
        key = Path(data).resolve()
        if key not in _storages:
            _storages[key] = SQLiteStorage(key)
        storage = _storages[key]
        if Path(data).is_absolute():
            _by_given[given] = storage
    return storage
