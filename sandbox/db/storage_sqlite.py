"""SQLite storage (the embedded default): one file per database, copied with the backup API.

Same interface as ``storage_postgres.PostgresStorage``; callers get either from ``storage.storage_for``.
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

    dialect = "sqlite"

    def __init__(self, data: Path):
        self.data = Path(data)
        self._engines: dict[str, Engine] = {}
        self._lock = threading.Lock()

    def meta_path(self, kind: str, name: str) -> Path:
        """The JSON record kept beside a database (seat card, template info)."""
        return self.path(kind, name).with_suffix(".json")

    @staticmethod
    def begin_write(conn) -> None:
        """Open a write transaction that holds the write lock from its first read (BEGIN IMMEDIATE)."""
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    # -- naming -----------------------------------------------------------------------------
    def path(self, kind: str, name: str) -> Path:
        """File of a database of one kind ("templates" or "seats")."""
        folder = self.data / kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{name}.sqlite"

    def exists(self, kind: str, name: str) -> bool:
        """Whether that database exists."""
        return self.path(kind, name).exists()

    def names(self, kind: str) -> list[str]:
        """Names of the databases of one kind, sorted."""
        folder = self.data / kind
        return sorted(p.stem for p in folder.glob("*.sqlite")) if folder.exists() else []

    def read_setting(self, kind: str, name: str, key: str) -> str | None:
        """One seat setting read on a short read-only connection (None: missing, or not a seat database)."""
        try:
            with closing(sqlite3.connect(f"file:{self.path(kind, name)}?mode=ro", uri=True)) as conn:
                row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

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

    def dispose(self, kind: str, name: str) -> None:
        """Close pooled connections on a database (before replacing or removing it)."""
        with self._lock:
            engine = self._engines.pop(f"{kind}/{name}", None)
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


