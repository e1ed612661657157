"""PostgreSQL storage: one database per template, seat and grading folder on a shared server.

A seat is ``CREATE DATABASE seat TEMPLATE tpl`` — measured faster than a schema copy
(``tests/benchmarks/bench_postgres_seats.py``). Every database name starts with the prefix recorded in the
data folder (``database.json``), so several data folders share one server without meeting; the name the
application uses is kept as the database's comment (names longer than PostgreSQL's 63 bytes are
shortened with a hash). A folder may also read the templates of a *library* prefix in place (templates
are immutable once published): a copied folder uses its source's templates until it installs its own.
Evidence snapshots are portable SQLite files: the seat's rows copied table by
table through SQLAlchemy (no pg_dump needed), so an archive reads the same whatever the engine.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, MetaData, create_engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from sandbox.db import pg_notify, pg_spares
from sandbox.db.base import Base
from sandbox.db.engines import EngineCache
from sandbox.db.migrate import SEAT_MIGRATIONS, stamp_head
from sandbox.db.pg_engines import (
    ADMIN_OVERFLOW,
    ADMIN_POOL,
    BUSY_POOL,
    IDLE_SECONDS,
    MAX_ENGINES,
    SEAT_POOL,
    open_pg_engine,
)
from sandbox.paths import private_file

# One letter per kind keeps names short; any other kind (a scratch copy) uses its first three letters.
KINDS = {"templates": "t", "seats": "s", "staging": "w", "grading": "g", "dry": "d"}
OBJECT_IN_USE = "55006"  # CREATE DATABASE … TEMPLATE while another session is connected to the template
DUPLICATE_DATABASE = "42P04"
# DROP DATABASE … WITH (FORCE) by a non-superuser account while an autovacuum worker is on the database
# (PostgreSQL 15 refuses to signal it: « must be a member of the role whose process is being terminated »).
INSUFFICIENT_PRIVILEGE = "42501"
# Two CREATE DATABASE of one name at the same moment: the loser meets the catalog's unique index instead.
UNIQUE_VIOLATION = "23505"
MAX_NAME = 63
CATALOGUE = ""  # the notification payload (never a database name) of a database made, dropped or renamed
T = TypeVar("T")

_admins: dict[str, Engine] = {}
_admins_lock = threading.Lock()
_storages: weakref.WeakSet[PostgresStorage] = weakref.WeakSet()  # every instance, for _forget_parent

SERIAL_COLUMNS = """
SELECT t.relname, a.attname, pg_get_serial_sequence(quote_ident(t.relname), a.attname)
FROM pg_class t
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = 'public' AND t.relkind = 'r'
  AND pg_get_serial_sequence(quote_ident(t.relname), a.attname) IS NOT NULL
"""


class _QmarkConnection:
    """sqlite3-style calls (``?`` placeholders) on a psycopg connection: a copy's ``prepare`` step,
    written once, runs on either storage."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql: str, params=()):
        """Run one statement; the cursor answers fetchone()/fetchall()."""
        return self._conn.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, rows) -> None:
        """Run one statement for each row of parameters."""
        with self._conn.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)


def _major(path: str) -> int:
    """The major version in /usr/lib/postgresql/<major>/bin/… (Debian's layout), to pick the newest."""
    return int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def reset_sequences(conn) -> None:
    """Move every serial sequence past the largest id (rows inserted with explicit ids leave them behind)."""
    for table, column, sequence in conn.execute(text(SERIAL_COLUMNS)).all():
        largest = f"SELECT max({_quote(column)}) FROM {_quote(table)}"  # noqa: S608 — names from the catalog, quoted
        conn.execute(text(f"SELECT setval(:seq, COALESCE(({largest}), 0) + 1, false)"), {"seq": sequence})


def _admin(url: str) -> Engine:
    """An autocommit engine on the server's maintenance database (CREATE/DROP DATABASE), one per URL."""
    with _admins_lock:
        if url not in _admins:
            # Sized for a busy server: every page asks it the data version (page caches), every
            # notification goes through it (bench_academie, 300 seats at 30 changes/s: a 4 + 16 pool ran
            # out, requests waited 30 s for it and failed; threads holding one wait for the GIL).
            _admins[url] = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=ADMIN_POOL,
                                         max_overflow=ADMIN_OVERFLOW, pool_pre_ping=True)
        return _admins[url]


def _forget_parent() -> None:
    """In a forked child (``e5 serve --workers``, multiprocessing): drop what belongs to the parent.

    A pooled connection copied by fork shares its socket with the parent, so two processes read each
    other's answers (a child hung forever on a query); the listening thread does not cross the fork, and a
    lock another thread held at the fork stays held. ``dispose(close=False)`` leaves the parent's
    connections open for the parent; psycopg never closes a connection made in another process.
    """
    global _admins_lock
    _admins_lock = threading.Lock()
    for engine in _admins.values():
        engine.dispose(close=False)
    for storage in list(_storages):
        storage._lock = threading.Lock()
        storage._listening = None  # the next change source listens on a connection of this process
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


class PostgresStorage:
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
        self.prefix = prefix
        self.library = library
        self._listening: pg_notify.Listener | None = None
        self._generation = 0  # moves with each new listening connection (see data_version)
        self._commits: Counter[str] = Counter()  # this process's commits, per server-side database
        self._known: dict[str, tuple[tuple[int, int, int] | None, bool]] = {}  # see _has
        self._engines: dict[str, Engine] = {}  # every kind but seats: few
        self._seats = EngineCache(MAX_ENGINES, IDLE_SECONDS, opener=self._open)
        self._lock = threading.Lock()
        self.admin = _admin(url)
        _storages.add(self)
        self.closed = False  # destroyed: the spare filler stops
        self.spares = pg_spares.Filler(self)

    # -- naming -----------------------------------------------------------------------------
    def database_name(self, kind: str, name: str, prefix: str | None = None) -> str:
        """The server-side name of one database of this data folder (or of another prefix)."""
        full = f"{prefix or self.prefix}_{KINDS.get(kind, kind[:3])}_{name}"
        if len(full.encode()) > MAX_NAME:
            full = full[:MAX_NAME - 9] + "_" + hashlib.sha256(full.encode()).hexdigest()[:8]
        return full

    def meta_path(self, kind: str, name: str) -> Path:
        """The JSON record kept in the data folder beside the database (seat card, template info)."""
        folder = self.data / kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{name}.json"

    def _has(self, database: str) -> bool:
        """Whether the server has that database; this folder's answers are kept until its catalogue
        changes (every seat request asks: no round trip while no database was made or dropped)."""
        own = database.startswith(self.prefix + "_")
        version = self._version(CATALOGUE) if own else None
        with self._lock:
            known = self._known.get(database)
        if known is not None and known[0] == version:
            return known[1]
        with self.admin.connect() as conn:
            found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": database})
            found = found.first() is not None
        if own:  # read before asking: a change made meanwhile moves the version, and is asked again
            with self._lock:
                self._known[database] = (version, found)
        return found

    def _catalogue_changed(self) -> None:
        """A database of this folder was made, dropped or renamed: every process asks the server again."""
        self._committed(CATALOGUE)
        pg_notify.notify(self.admin, self.prefix, CATALOGUE)

    def _resolve(self, kind: str, name: str) -> str:
        """The database read under that name: this folder's own, else a template of its library."""
        own = self.database_name(kind, name)
        if kind != "templates" or not self.library or self._has(own):
            return own
        shared = self.database_name(kind, name, self.library)
        return shared if self._has(shared) else own

    def exists(self, kind: str, name: str) -> bool:
        """Whether that database exists."""
        return self._has(self._resolve(kind, name))

    def names(self, kind: str) -> list[str]:
        """Names of the databases of one kind, sorted (read from their comments)."""
        prefixes = [self.prefix] + ([self.library] if self.library and kind == "templates" else [])
        found: set[str] = set()
        with self.admin.connect() as conn:
            for prefix in prefixes:
                start = f"{prefix}_{KINDS.get(kind, kind[:3])}_"
                found.update(conn.execute(text(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                    "WHERE left(datname, :n) = :s"), {"n": len(start), "s": start}).scalars())
        return sorted(name for name in found if name)

    def all_databases(self) -> list[str]:
        """Every server-side database of this data folder."""
        with self.admin.connect() as conn:
            return list(conn.execute(text("SELECT datname FROM pg_database WHERE left(datname, :n) = :s"),
                                     {"n": len(self.prefix) + 1, "s": self.prefix + "_"}).scalars())

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
        pg_notify.send_on_commit(engine, self.admin, self.prefix, database, self._committed)
        return engine

    def schema_state(self, kind: str, name: str) -> tuple[str | None, bool]:
        """(Alembic revision, whether any table exists) of one database, on one plain driver connection.

        Not through an engine: a new engine's first connection runs several set-up queries, and
        `e5` checks every seat of the folder before each command (hundreds on an académie server).
        """
        import psycopg

        address = self.url.set(drivername="postgresql", database=self._resolve(kind, name))
        with psycopg.connect(address.render_as_string(hide_password=False), autocommit=True) as conn:
            tables = [row[0] for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
            if "alembic_version" not in tables:
                return None, bool(tables)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return (row[0] if row else None), True

    def change_source(self, kind: str, name: str) -> tuple[Hashable, Callable[[], Any]]:
        """(key, factory) of the change source of a database, for ``changes.watcher().follow``."""
        database = self._resolve(kind, name)
        return ("postgresql", database), lambda: pg_notify.NotifiedChanges(self._listener(), database)

    def _listener(self) -> pg_notify.Listener:
        with self._lock:
            if self._listening is None or not self._listening.alive():
                if self._listening is not None:
                    self._listening.close()
                self._listening = pg_notify.Listener(self.url, self.prefix)
                self._generation += 1
            return self._listening

    def data_version(self, kind: str, name: str) -> tuple[int, int, int]:
        """A value that changes whenever anything commits a write to that database (page caches key on it).

        (listener generation, notifications received, own commits): this process's commits count at
        once, in the committing thread; other processes' arrive by NOTIFY within milliseconds. A new
        listening connection (the old one lost) starts a new generation: nothing kept before is reused.
        """
        return self._version(self.engine(kind, name).url.database)

    def written_marks(self, kind: str, name: str) -> tuple[int, dict[str, int]]:
        """(listener generation, {table: count of the last notification that wrote it}) of a database.

        Read before reading the database: a table written since then has a greater mark next time (a
        write whose tables are unknown marks « * »). A new listening connection starts a new generation.
        """
        database = self.engine(kind, name).url.database
        self._listener()  # listening from now on, at the latest
        with self._lock:  # the generation of the listener read, even if it was replaced meanwhile
            return self._generation, dict(self._listening.marks.get(database, {}))

    def _version(self, database: str) -> tuple[int, int, int]:
        listener = self._listener()
        with self._lock:
            return self._generation, listener.others.get(database, 0), self._commits.get(database, 0)

    def _committed(self, database: str) -> None:
        with self._lock:
            self._commits[database] += 1

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
        sql = f"CREATE DATABASE {_quote(database)}"
        if template:
            sql += f" TEMPLATE {_quote(template)} STRATEGY {self.strategy}"
        try:
            for attempt in range(100):
                try:
                    with self.admin.connect() as conn:
                        conn.exec_driver_sql(sql)
                        literal = "'" + name.replace("'", "''") + "'"  # COMMENT takes no bound parameter
                        conn.exec_driver_sql(f"COMMENT ON DATABASE {_quote(database)} IS {literal}")
                    return
                except DBAPIError as exc:
                    # Another process may hold a short connection on the template: wait for it to end.
                    if _sqlstate(exc) != OBJECT_IN_USE or attempt == 99:
                        raise
                    time.sleep(0.05)
        finally:
            self._catalogue_changed()

    def _drop(self, database: str) -> None:
        try:
            with self.admin.connect() as conn:
                try:
                    conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {_quote(database)} WITH (FORCE)")
                except DBAPIError as exc:
                    if _sqlstate(exc) != INSUFFICIENT_PRIVILEGE:
                        raise
                    # A session the account may not end: on a deployment's own (non-superuser) account, an
                    # autovacuum worker busy on a freshly filled database. A plain DROP ends autovacuum
                    # workers itself and waits (5 s) for the other sessions to leave.
                    conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {_quote(database)}")
        finally:
            self._catalogue_changed()

    def ensure(self, kind: str, name: str) -> bool:
        """Create an empty database (no table) when missing; True when it was created here."""
        if self.exists(kind, name):
            return False
        try:
            self.create_database(self.database_name(kind, name), name)
        except DBAPIError as exc:
            if _sqlstate(exc) not in (DUPLICATE_DATABASE, UNIQUE_VIOLATION):  # another made it first: fine
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
            reset_sequences(conn)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (FREEZE, ANALYZE)")
        self.dispose(kind, name)

    def _prepare(self, database: str, prepare: Callable[[Any], T]) -> T:
        # A plain driver connection: a new SQLAlchemy engine's first connection runs several set-up
        # queries (server version, settings…), a third of a seat's personalisation on a spare.
        import psycopg

        address = self.url.set(drivername="postgresql", database=database)
        # Committed when the block ends without error.
        with psycopg.connect(address.render_as_string(hide_password=False)) as conn:
            return prepare(_QmarkConnection(conn))

    def copy(self, source_kind: str, source: str, target_kind: str, target: str,
             prepare: Callable[[Any], T] | None = None) -> T | None:
        """Copy one database onto another (created, or replaced: made aside, then swapped in).

        ``prepare(conn)`` edits the copy before anybody sees it (sqlite3-style calls, see
        ``_QmarkConnection``) and its answer is returned.
        """
        src = self._resolve(source_kind, source)
        if not self._has(src):
            raise LookupError(f"La base modèle « {source} » n'existe pas : installez-la d'abord.")
        self.dispose(source_kind, source)
        if source_kind == "seats":  # another server process may keep a connection to it (a studio seat)
            self._end_idle_sessions(src)
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
            self._set_aside(dst, old, then=f"ALTER DATABASE {_quote(made)} RENAME TO {_quote(dst)}")
            self._catalogue_changed()
            self._committed(dst)
            pg_notify.notify(self.admin, self.prefix, dst)  # streams on the old copy read the new one
            _drop_later(self, old)
        return result

    def _end_idle_sessions(self, database: str) -> None:
        """End the idle sessions on a database (kept in other processes' pools: they reconnect when next
        used, see ``pool_pre_ping``), so that CREATE DATABASE can copy it."""
        with self.admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n "
                              "AND state = 'idle' AND pid <> pg_backend_pid()"), {"n": database})

    def _set_aside(self, database: str, new_name: str, then: str = "") -> None:
        """Rename a database out of the way, ending the sessions still open on it (a reset seat);
        ``then``: a statement committed with the rename (the replacement renamed into place)."""
        import psycopg

        rename = f"ALTER DATABASE {_quote(database)} RENAME TO {_quote(new_name)}"
        rename += f"; {then}" if then else ""
        for attempt in range(100):
            try:
                with self.admin.connect() as conn:
                    conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE datname = :n AND pid <> pg_backend_pid() "
                                      # not autovacuum: a non-superuser may not end it; RENAME does
                                      "AND backend_type = 'client backend'"), {"n": database})
                    # Statements sent together (no parameters) run as one transaction.
                    conn.connection.driver_connection.execute(rename)
                return
            except psycopg.Error as exc:  # a request opened a session in between: end it too
                if exc.sqlstate != OBJECT_IN_USE or attempt == 99:
                    raise
                time.sleep(0.02)

    def remove(self, kind: str, name: str) -> None:
        """Delete a database (its open sessions are ended; a template's spares go with it)."""
        self.dispose(kind, name)
        if kind == "templates":
            pg_spares.drop_all(self, self.database_name(kind, name))
        self._drop(self.database_name(kind, name))

    def destroy(self) -> None:
        """Drop every database of this data folder (a throw-away folder at the end of a test)."""
        self.closed = True
        self.spares.join()
        with self._lock:
            engines, self._engines = list(self._engines.values()), {}
            listening, self._listening = self._listening, None
        if listening is not None:
            listening.close()
        self._seats.clear()
        for engine in engines:
            engine.dispose()
        for database in self.all_databases():
            self._drop(database)

    def dump(self, kind: str, name: str, target: Path) -> Path | None:
        """``pg_dump --format=custom`` of one database into ``target`` + ``.dump`` (restored with
        ``pg_restore``); None when no pg_dump is installed here (the caller keeps a SQLite snapshot)."""
        import glob
        import shutil
        import subprocess

        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), key=_major) or \
            [shutil.which("pg_dump")]
        if found[-1] is None:
            return None
        out = private_file(target.with_name(target.name + ".dump"))  # marks, account hashes: owner only
        address = self.url.set(drivername="postgresql", database=self._resolve(kind, name), password=None)
        # The password through the environment: a command line is readable by every account (ps).
        secret = {"PGPASSWORD": self.url.password} if self.url.password else {}
        done = subprocess.run(  # noqa: S603 — our own pg_dump, arguments as a list, no shell
            [found[-1], "--format=custom", "--no-owner", "--file", str(out), "--dbname",
             address.render_as_string(hide_password=False)],
            capture_output=True, text=True, check=False, env={**os.environ, **secret})
        if done.returncode:
            raise RuntimeError(f"pg_dump de {kind}/{name} a échoué : {done.stderr.strip()}")
        return out

    def snapshot(self, kind: str, name: str, target: Path, metadata: MetaData | None = None) -> None:
        """Write the database to a portable SQLite file (evidence archives, backups): every table of
        ``metadata`` (the seat tables unless told), row by row."""
        import sandbox.models  # noqa: F401  (registers every seat table)

        metadata = metadata if metadata is not None else Base.metadata
        dst = create_engine(f"sqlite:///{target}")
        try:
            metadata.create_all(dst)
            with self.engine(kind, name).connect() as src, dst.begin() as out:
                for table in metadata.sorted_tables:
                    result = src.execute(select(table).order_by(*table.primary_key.columns))
                    while rows := result.mappings().fetchmany(2000):
                        out.execute(table.insert(), [dict(row) for row in rows])
                if inspect(src).has_table("alembic_version"):  # the schema revision travels with the rows
                    revision = src.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                    out.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
                    out.exec_driver_sql("INSERT INTO alembic_version VALUES (?)", (revision,))
        finally:
            dst.dispose()
