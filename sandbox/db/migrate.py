"""Alembic migrations of one database (SQLite file or PostgreSQL): its revision, stamping, upgrading.

Each schema keeps its scripts in a package folder (``sandbox/db/migrations`` for seats and templates,
``grading/migrations`` for the grading database); the revision is stored in the database itself
(``alembic_version``), so a copied seat carries the revision of its template.
"""

from __future__ import annotations

import functools
import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, create_engine, event, inspect

SEAT_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "r1a03002"  # the schema of the release before migrations (commit 1a03002)


def _config(location: Path, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(location))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _scripts(location: Path) -> ScriptDirectory:
    # Read once per process: every command checks the data folder before it runs.
    return ScriptDirectory.from_config(_config(location))


def head(location: Path) -> str:
    """The latest revision of a migration folder."""
    return _scripts(location).get_current_head()


def known_revisions(location: Path) -> set[str]:
    """Every revision this release knows."""
    return {script.revision for script in _scripts(location).walk_revisions()}


def revision(path: Path) -> str | None:
    """The revision stored in a database file; None for a database made before migrations existed."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None


def revision_of(engine: Engine) -> str | None:
    """The revision stored in a database reached through an engine (any dialect)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def has_tables_of(engine: Engine) -> bool:
    """Whether a database reached through an engine holds any table."""
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def has_tables(path: Path) -> bool:
    """Whether a database file holds any table (an empty file is created on first use, not migrated)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone() is not None


def stamp_head(engine: Engine, location: Path) -> None:
    """Record that a database just created with every table is at the latest revision."""
    with engine.begin() as conn:
        stamp_head_in(conn, location)


def stamp_head_in(conn: Connection, location: Path) -> None:
    """stamp_head inside the caller's transaction (tables made and stamped all at once)."""
    command.stamp(_config(location, conn), "head")


def matches(conn: Connection, metadata: MetaData) -> bool:
    """Whether a database already has exactly the tables and columns of ``metadata``."""
    context = MigrationContext.configure(conn, opts={
        "compare_type": True,
        "include_name": lambda name, kind, _parent: not (kind == "table" and name == "alembic_version"),
    })
    return not compare_metadata(context, metadata)


def _transactional_engine(path: Path) -> Engine:
    """A plain engine whose transactions include DDL (pysqlite commits before DDL by default).

    Foreign keys stay off, as SQLite's table rebuilds (batch mode) require.
    """
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def upgrade(path: Path, location: Path, metadata: MetaData) -> None:
    """Bring a database file to the latest revision, all or nothing.

    A database without revision is taken as the baseline, unless it already has today's schema
    (made by a development build between two releases): then it is only stamped.
    """
    engine = _transactional_engine(path)
    try:
        upgrade_engine(engine, location, metadata)
    finally:
        engine.dispose()


def upgrade_engine(engine: Engine, location: Path, metadata: MetaData) -> None:
    """Bring an engine's database (its transactions include DDL) to the latest revision, all or nothing."""
    with engine.begin() as conn:
        config = _config(location, conn)
        if not inspect(conn).has_table("alembic_version"):
            command.stamp(config, "head" if matches(conn, metadata) else BASELINE)
        command.upgrade(config, "head")


def run_migrations(context) -> None:
    """Body of every migration folder's env.py: migrate the connection handed over by this module."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Migrations run through `e5 upgrade`, not through the alembic command.")
    context.configure(connection=connection, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
