"""PostgreSQL storage: one database per template, seat and grading folder on a shared server.

A seat is ``CREATE DATABASE seat TEMPLATE tpl`` — measured faster than a schema copy
(``tests/benchmarks/bench_postgres_seats.py``). Every database name starts with the prefix recorded in the
data folder (``database.json``), so several data folders share one server without meeting. A folder may
also read the templates of a *library* prefix in place (templates are immutable once published): a copied
folder uses its source's templates until it installs its own.

This module runs the databases' life (create, copy, swap, remove) and hands out their engines; the rest
is beside it: ``pg_catalogue`` (which databases a folder has, under which names), ``pg_server``
(statements on the server's list of databases), ``pg_engines`` (pooled engines), ``pg_driver`` (plain
connections for one-shot work), ``pg_notify`` and ``pg_versions`` (change signals, data versions),
``pg_spares`` (seats made ahead), ``pg_export`` (pg_dump, portable SQLite snapshots)."""

from __future__ import annotations

import os
import secrets
import threading
import weakref
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, MetaData, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from sandbox.db import pg_driver, pg_export, pg_notify, pg_server, pg_spares
from sandbox.db.base import Base
from sandbox.db.engines import EngineCache
from sandbox.db.migrate import SEAT_MIGRATIONS, stamp_head
from sandbox.db.pg_catalogue import FolderCatalogue
from sandbox.db.pg_engines import BUSY_POOL, IDLE_SECONDS, MAX_ENGINES, SEAT_POOL, open_pg_engine
from sandbox.db.pg_server import quote
from sandbox.db.pg_versions import DataVersions

T = TypeVar("T")

_storages: weakref.WeakSet[PostgresStorage] = weakref.WeakSet()  # every instance, for _forget_parent


def _forget_parent() -> None:
    """In a forked child (``e5 serve --workers``, multiprocessing): drop what belongs to the parent.

    A pooled connection copied by fork shares its socket with the parent, so two processes read each
    other's answers (a child hung forever on a query); the listening thread does not cross the fork, and a
    lock another thread held at the fork stays held. ``dispose(close=False)`` leaves the parent's
    connections open for the parent; psycopg never closes a connection made in another process.
    """
    pg_server.forget_parent_engines()
    for storage in list(_storages):
        storage._lock = threading.Lock()
        storage.versions.after_fork()
        storage.spares = pg_spares.Filler(storage)  # the parent's filler thread and its lock stay there
        storage._seats.after_fork()
        engines, storage._engines = list(storage._engines.values()), {}  # grading keeps connections too
        for engine in engines:
            engine.dispose(close=False)


if hasattr(os, "register_at_fork"):  # not on Windows, which never forks
    os.register_at_fork(after_in_child=_forget_parent)


def _drop_later(storage: PostgresStorage, database: str) -> None:
    """Drop a set-aside database in a thread: DROP DATABASE waits for a checkpoint of the whole server
    (4 s of a 4,4 s reset under load), which nobody needs to wait for. Not a daemon: a command finishes
    its drops before it exits; a server killed meanwhile leaves a ``_x_`` database, dropped with the
    folder."""
    threading.Thread(target=storage._drop, args=(database,), name=f"drop {database}").start()


class PostgresStorage(FolderCatalogue):
    """Databases ``<prefix>_<kind letter>_<name>`` on one PostgreSQL server."""

    dialect = "postgresql"
    # CREATE DATABASE's copy strategy (PostgreSQL 15+). With a production server's durability (fsync on),
    # WAL_LOG measured 4× faster than FILE_COPY (377 ms / 1 480 ms for a 19,5 Mio seat, load 17,
    # bench_postgres_seats): FILE_COPY forces two checkpoints of the whole server, costly while other
    # seats are busy; WAL_LOG writes the copy once through the WAL. (With fsync off, FILE_COPY wins.)
    strategy = "WAL_LOG"

    def __init__(self, data: Path, url: str, prefix: str, library: str | None = None):
        self.data = Path(data)
        self.url = make_url(url)
        super().__init__(pg_server.admin_engine(url), DataVersions(self.url, prefix), prefix, library)
        self._engines: dict[str, Engine] = {}  # every kind but seats: few
        self._seats = EngineCache(MAX_ENGINES, IDLE_SECONDS, opener=self._open)
        _storages.add(self)
        self.closed = False  # destroyed: the spare filler stops
        self.spares = pg_spares.Filler(self)

    # -- naming: see pg_catalogue ---------------------------------------------------------------
    def meta_path(self, kind: str, name: str) -> Path:
        """The JSON record kept in the data folder beside the database (seat card, template info)."""
        folder = self.data / kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{name}.json"

    def read_setting(self, kind: str, name: str, key: str) -> str | None:
        """One seat setting (None: missing, or not a seat database)."""
        try:
            with self.engine(kind, name).connect() as conn:
                return conn.execute(text("SELECT value FROM setting WHERE key = :k"), {"k": key}).scalar()
        except (DBAPIError, LookupError):
            return None

    # -- engines ----------------------------------------------------------------------------
    def engine(self, kind: str, name: str) -> Engine:
        """An engine on an existing database (cached per process).

        Seats keep a connection each, in a bounded number of engines (``sandbox.db.pg_engines``); the
        grading database keeps a few, always; other kinds connect per use (no pool), so that nothing stays
        connected to a template that CREATE DATABASE … TEMPLATE copies.
        """
        key = f"{kind}/{name}"
        if kind == "seats":
            database = self._resolve(kind, name)
            if not self._has(database):
                raise LookupError(f"La base « {name} » n'existe pas ({kind}).")
            return self._seats.get(key, database)
        with self._lock:
            engine = self._engines.get(key)
        if engine is None:
            database = self._resolve(kind, name)
            if not self._has(database):
                raise LookupError(f"La base « {name} » n'existe pas ({kind}).")
            engine = self._open(database, BUSY_POOL if kind == "grading" else 0)
            with self._lock:
                engine = self._engines.setdefault(key, engine)
        return engine

    def _open(self, database: str, pool_size: int = SEAT_POOL) -> Engine:
        """An engine that signals its commits; ``pool_size`` 0: a connection per use."""
        address = self.url.set(database=database)
        engine = open_pg_engine(address, pool_size) if pool_size else \
            create_engine(address, poolclass=NullPool)
        pg_notify.send_on_commit(engine, self.admin, self.prefix, database, self.versions.committed)
        return engine

    def schema_state(self, kind: str, name: str) -> tuple[str | None, bool]:
        """(Alembic revision, whether any table exists) of one database, on one plain driver connection.

        Not through an engine: a new engine's first connection runs several set-up queries, and
        `e5` checks every seat of the folder before each command (hundreds on an académie server).
        """
        with pg_driver.connect(self.url, self._resolve(kind, name), autocommit=True) as conn:
            tables = [row[0] for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
            if "alembic_version" not in tables:
                return None, bool(tables)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return (row[0] if row else None), True

    def change_source(self, kind: str, name: str) -> tuple[Hashable, Callable[[], Any]]:
        """(key, factory) of the change source of a database, for ``changes.watcher().follow``."""
        database = self._resolve(kind, name)
        return ("postgresql", database), lambda: pg_notify.NotifiedChanges(self.versions.listener(), database)

    def data_version(self, kind: str, name: str) -> tuple[int, int, int]:
        """A value that changes whenever anything commits a write to that database (``pg_versions``)."""
        return self.versions.version(self.engine(kind, name).url.database)

    def tables_version(self, kind: str, name: str, tables: tuple[str, ...]) -> tuple:
        """A value that changes whenever a commit writes one of these tables of that database
        (``pg_versions``)."""
        return self.versions.tables_version(self.engine(kind, name).url.database, tables)

    def written_marks(self, kind: str, name: str) -> tuple[int, dict[str, int]]:
        """(listener generation, {table: count of the last notification that wrote it}) of a database
        (``pg_versions``)."""
        return self.versions.written_marks(self.engine(kind, name).url.database)

    def dispose(self, kind: str, name: str) -> None:
        """Forget the engine of a database (before replacing or removing it)."""
        self._seats.dispose(f"{kind}/{name}")
        with self._lock:
            engine = self._engines.pop(f"{kind}/{name}", None)
        if engine is not None:
            engine.dispose()

    @staticmethod
    def begin_write(conn) -> None:
        """Serialise writers like SQLite's BEGIN IMMEDIATE: a transaction-scoped advisory lock."""
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(5005)")

    # -- lifecycle --------------------------------------------------------------------------
    def create_database(self, database: str, name: str, template: str | None = None) -> None:
        """Create a server-side database (from a template database when given), named by its comment."""
        try:
            pg_server.create(self.admin, database, name, template, self.strategy)
        finally:
            self._catalogue_changed()

    def _drop(self, database: str) -> None:
        try:
            pg_server.drop(self.admin, database)
        finally:
            self._catalogue_changed()

    def ensure(self, kind: str, name: str) -> bool:
        """Create an empty database (no table) when missing; True when it was created here."""
        if self.exists(kind, name):
            return False
        try:
            self.create_database(self.database_name(kind, name), name)
        except DBAPIError as exc:
            # Another process made it first: fine.
            if pg_server.sqlstate(exc) not in (pg_server.DUPLICATE_DATABASE, pg_server.UNIQUE_VIOLATION):
                raise
            return False
        return True

    def create_empty(self, kind: str, name: str) -> Engine:
        """Create (or recreate) an empty database with every table, in a deterministic DDL order."""
        self.remove(kind, name)
        self.create_database(self.database_name(kind, name), name)
        engine = self.engine(kind, name)
        Base.metadata.create_all(engine)
        stamp_head(engine, SEAT_MIGRATIONS)
        return engine

    def finalize_template(self, kind: str, name: str) -> None:
        """Make a freshly seeded database ready to be copied: sequences past explicit ids, vacuumed."""
        engine = self.engine(kind, name)
        with engine.begin() as conn:
            pg_server.reset_sequences(conn)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (FREEZE, ANALYZE)")
        self.dispose(kind, name)

    def _prepare(self, database: str, prepare: Callable[[Any], T]) -> T:
        with pg_driver.connect(self.url, database) as conn:  # committed when the block ends without error
            return prepare(pg_driver.QmarkConnection(conn))

    def copy(self, source_kind: str, source: str, target_kind: str, target: str,
             prepare: Callable[[Any], T] | None = None) -> T | None:
        """Copy one database onto another (created, or replaced: made aside, then swapped in).

        ``prepare(conn)`` edits the copy before anybody sees it (sqlite3-style calls, see
        ``pg_driver.QmarkConnection``) and its answer is returned.
        """
        src = self._resolve(source_kind, source)
        if not self._has(src):
            raise LookupError(f"La base modèle « {source} » n'existe pas : installez-la d'abord.")
        self.dispose(source_kind, source)
        if source_kind == "seats":  # another server process may keep a connection to it (a studio seat)
            with self.admin.connect() as conn:  # they reconnect when next used (``pool_pre_ping``)
                pg_server.end_sessions(conn, src, idle_only=True)
        self.dispose(target_kind, target)
        dst = self.database_name(target_kind, target)
        fresh = not self._has(dst)
        made = dst if fresh else f"{self.prefix}_x_{secrets.token_hex(6)}"
        seat = (source_kind, target_kind) == ("templates", "seats")
        if not (seat and pg_spares.wanted() and pg_spares.take(self, src, made, target)):
            self.create_database(made, target, template=src)
        if seat:
            self.spares.request(src)  # the spare taken (or the first seat of a template) is replaced
        try:
            result = self._prepare(made, prepare) if prepare is not None else None
        except BaseException:
            self._drop(made)
            raise
        if not fresh:
            old = f"{self.prefix}_x_{secrets.token_hex(6)}"
            # Both renames in one transaction (one commit): no moment without a database of that name.
            swap = f"ALTER DATABASE {quote(made)} RENAME TO {quote(dst)}"
            pg_server.set_aside(self.admin, dst, old, then=swap)
            self._catalogue_changed()
        # Every table of that name moved: streams read the new copy at once, and what any process kept of
        # an earlier database of that name (observations, ``observables.kept``) is read again.
        self._replaced(dst)
        if not fresh:
            _drop_later(self, old)
        return result

    def _replaced(self, database: str) -> None:
        """Signal a database made, replaced or dropped outside its own transactions (tables unknown)."""
        self.versions.committed(database)
        pg_notify.notify(self.admin, self.prefix, database)

    def keep_spares(self, templates: Iterable[str]) -> None:
        """Have spare seats of these templates made at once, in the background (a template just prepared,
        a server starting): the first seats made or reset from them are renames, not copies."""
        for name in templates:
            database = self._resolve("templates", name)
            if self._has(database):
                self.spares.request(database)

    def settle(self, timeout: float | None = None) -> None:
        """Wait for the spares being made in the background (a command, before it exits)."""
        self.spares.join(timeout)

    def remove(self, kind: str, name: str) -> None:
        """Delete a database (its open sessions are ended; a template's spares go with it)."""
        self.dispose(kind, name)
        if kind == "templates":
            pg_spares.drop_all(self, self.database_name(kind, name))
        database = self.database_name(kind, name)
        self._drop(database)
        # A database made again under that name starts from other rows: what was kept of it must not match;
        # its streams see it gone at once.
        self._replaced(database)

    def destroy(self) -> None:
        """Drop every database of this data folder (a throw-away folder at the end of a test)."""
        self.closed = True
        self.spares.join()
        with self._lock:
            engines, self._engines = list(self._engines.values()), {}
        self.versions.close()
        self._seats.clear()
        for engine in engines:
            engine.dispose()
        for database in self.all_databases():
            self._drop(database)

    def dump(self, kind: str, name: str, target: Path) -> Path | None:
        """``pg_dump`` of one database into ``target`` + ``.dump``; None without pg_dump here."""
        return pg_export.pg_dump(self.url, self._resolve(kind, name), target, f"{kind}/{name}")

    def snapshot(self, kind: str, name: str, target: Path, metadata: MetaData | None = None) -> None:
        """Write the database to a portable SQLite file (evidence archives, backups): every table of
        ``metadata`` (the seat tables unless told), row by row."""
        pg_export.sqlite_snapshot(self.engine(kind, name), target, metadata)
