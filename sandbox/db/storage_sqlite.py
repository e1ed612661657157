"""SQLite storage (the embedded default): one file per database, copied with the backup API.

Same interface as ``storage_postgres.PostgresStorage``; callers get either from ``storage.storage_for``.
"""

from __future__ import annotations

import itertools
import os
import queue
import secrets
import shutil
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable
from contextlib import closing
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine

from sandbox.db.base import Base
from sandbox.db.changes import SQLiteFileChanges
from sandbox.db.engines import MAX_OPEN, EngineCache
from sandbox.db.migrate import SEAT_MIGRATIONS, stamp_head

T = TypeVar("T")


def _replace_if_unused(fresh: Path, target: Path) -> bool:
    """Rename ``fresh`` over ``target`` if no connection of any process has it open; False otherwise.

    In WAL mode every open connection keeps a shared lock on the database file, so leaving WAL mode
    (which needs the only connection) tells whether anybody else is there. The exclusive lock taken
    then is held across the rename, so a process opening the old file meanwhile waits and, at worst,
    reads the old content once (the engines' inode check then sends it to the new file).
    """
    if not target.exists():
        os.replace(fresh, target)
        return True
    conn = sqlite3.connect(target, timeout=0, isolation_level=None, check_same_thread=False)
    try:
        # Only a WAL database tells who has it open (in rollback mode an idle connection holds no lock).
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.close()
            return False
        conn.execute("PRAGMA synchronous=OFF")  # the old content is dropped: no fsync for its checkpoint
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        if conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0] != "delete":
            conn.close()
            return False
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError:  # « database is locked »: somebody has it open
        conn.close()
        return False
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, target)
    _close_aside(conn)
    return True


_to_close: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
_closer_lock = threading.Lock()
_closer: threading.Thread | None = None


def _close_aside(conn: sqlite3.Connection) -> None:
    """Close a connection on a renamed-away file in a background thread.

    Its last descriptor frees the old file's blocks (4–10 ms for a seat, as long as the copy itself):
    done aside, so that a reset answers as soon as the new file is in place.
    """
    global _closer
    _to_close.put(conn)
    with _closer_lock:
        if _closer is None or not _closer.is_alive():
            _closer = threading.Thread(target=_close_forever, name="e5-close-replaced", daemon=True)
            _closer.start()


def _close_forever() -> None:
    while True:
        _to_close.get().close()


def backup_database(source: Path, target: Path, read_only: bool = True) -> None:
    """Copy a database with SQLite's online backup API (consistent even while the source is in use)."""
    with closing(sqlite3.connect(f"file:{source}?mode={'ro' if read_only else 'rw'}", uri=True)) as src, \
            closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


class SQLiteStorage:
    """Databases as files under ``<data>/templates`` and ``<data>/seats``."""

    dialect = "sqlite"

    def __init__(self, data: Path):
        self.data = Path(data)
        self._engines = EngineCache()
        self._watchers: dict[str, tuple[sqlite3.Connection, int, int]] = {}
        self._serials = itertools.count()
        self._watch_lock = threading.Lock()

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
        """Whether that database exists (on every request's way: a single stat, no folder made)."""
        return os.path.exists(f"{self.data}/{kind}/{name}.sqlite")

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

    def change_source(self, kind: str, name: str) -> tuple[Hashable, Callable[[], SQLiteFileChanges]]:
        """(key, factory) of the change source of a database, for ``changes.watcher().follow``."""
        path = self.data / "grading.sqlite" if kind == "grading" else self.path(kind, name)
        return ("sqlite", str(path)), lambda: SQLiteFileChanges(path)

    # -- engines ----------------------------------------------------------------------------
    def engine(self, kind: str, name: str) -> Engine:
        """A pooled engine on an existing database (cached per process, see sandbox.db.engines)."""
        if not self.exists(kind, name):  # one stat on every request's way, no folder made
            raise LookupError(f"La base « {name} » n'existe pas ({kind}).")
        return self._engines.get(f"{kind}/{name}", self.data / kind / f"{name}.sqlite")

    def data_version(self, kind: str, name: str) -> tuple[int, int, int]:
        """A value that changes whenever any connection of any process commits to that database.

        SQLite's ``PRAGMA data_version`` on a connection of our own that never writes (microseconds,
        no file read), paired with the file's inode so that a database replaced whole counts as changed,
        and with the watcher's serial number: a file removed then made again may get the old inode back (and
        a new watcher starts its counter afresh).
        """
        path = f"{self.data}/{kind}/{name}.sqlite"
        inode = os.stat(path).st_ino
        key = f"{kind}/{name}"
        with self._watch_lock:
            watcher = self._watchers.pop(key, None)  # put back last: the dict stays least recently used first
            if watcher is None or watcher[1] != inode:
                if watcher is not None:
                    watcher[0].close()
                watcher = (sqlite3.connect(path, check_same_thread=False), inode, next(self._serials))
            self._watchers[key] = watcher
            while len(self._watchers) > MAX_OPEN:  # bounded as the engines: one connection per seat ever seen
                self._watchers.pop(next(iter(self._watchers)))[0].close()
            return inode, watcher[2], watcher[0].execute("PRAGMA data_version").fetchone()[0]

    def tables_version(self, kind: str, name: str, _tables: tuple[str, ...]) -> tuple[int, int, int]:
        """The data version: SQLite's change counter does not say which tables moved."""
        return self.data_version(kind, name)

    @staticmethod
    def written_marks(_kind: str, _name: str) -> None:
        """None: SQLite's change counter does not say which tables moved (see PostgresStorage)."""
        return None

    def dispose(self, kind: str, name: str) -> None:
        """Close pooled connections on a database (before replacing or removing it)."""
        with self._watch_lock:
            watcher = self._watchers.pop(f"{kind}/{name}", None)
        if watcher is not None:
            watcher[0].close()
        self._engines.dispose(f"{kind}/{name}")

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

    def copy(self, source_kind: str, source: str, target_kind: str, target: str,
             prepare: Callable[[sqlite3.Connection], T] | None = None) -> T | None:
        """Copy one database onto another (created or overwritten); ``prepare`` edits the copy first.

        The copy is made in a private file that nobody else opens: a template is immutable once
        published, so a plain file copy; ``prepare(conn)`` then runs on it with no journal and no fsync
        (a crash leaves only that file behind) and its answer is returned. The copy then takes the
        target's place at once: a rename when no connection of any process has the target open,
        SQLite's online backup API (safe under open connections) otherwise. Either way readers see
        the old database or the prepared one, never a half-copied or a not-yet-prepared one.
        """
        src_path = self.path(source_kind, source)
        if not src_path.exists():
            raise LookupError(f"La base modèle « {source} » n'existe pas : installez-la d'abord.")
        dst_path = self.path(target_kind, target)
        tmp = dst_path.with_name(f"{dst_path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            if source_kind == "templates":  # immutable once published: a plain file copy is consistent
                shutil.copyfile(src_path, tmp)
            else:
                backup_database(src_path, tmp)
            with closing(sqlite3.connect(tmp, isolation_level=None)) as conn:
                conn.execute("PRAGMA synchronous=OFF")
                conn.execute("PRAGMA journal_mode=OFF")
                conn.execute("BEGIN")
                result = prepare(conn) if prepare is not None else None
                conn.execute("COMMIT")
                if target_kind == "seats":
                    conn.execute("PRAGMA journal_mode=WAL")
            if target_kind == "templates":
                os.replace(tmp, dst_path)
            elif not _replace_if_unused(tmp, dst_path):
                backup_database(tmp, dst_path, read_only=False)  # our own file: no read-only WAL caveats
                if target_kind == "seats":
                    with closing(sqlite3.connect(dst_path)) as conn:
                        conn.execute("PRAGMA journal_mode=WAL")
        finally:
            tmp.unlink(missing_ok=True)
        return result

    def keep_spares(self, templates: Iterable[str]) -> None:
        """Nothing to make ahead: a SQLite seat is a file copy (spare seats are a PostgreSQL need)."""

    def settle(self, timeout: float | None = None) -> None:
        """Nothing runs in the background here."""

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

