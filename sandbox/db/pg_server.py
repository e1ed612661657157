"""Statements on a PostgreSQL server's list of databases: create, drop, rename, end the sessions on one.

They run on the server's maintenance database through one autocommit engine per server address
(``admin_engine``), shared by every data folder of the process. Nothing here knows about data folders,
kinds or seats: ``storage_postgres`` names the databases and says when a folder's catalogue changed.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from sandbox.db.pg_engines import ADMIN_OVERFLOW, ADMIN_POOL

OBJECT_IN_USE = "55006"  # CREATE DATABASE … TEMPLATE while another session is connected to the template
DUPLICATE_DATABASE = "42P04"
# DROP DATABASE … WITH (FORCE) by a non-superuser account while an autovacuum worker is on the database
# (PostgreSQL 15 refuses to signal it: « must be a member of the role whose process is being terminated »).
INSUFFICIENT_PRIVILEGE = "42501"
# Two CREATE DATABASE of one name at the same moment: the loser meets the catalog's unique index instead.
UNIQUE_VIOLATION = "23505"

_admins: dict[str, Engine] = {}
_admins_lock = threading.Lock()

SERIAL_COLUMNS = """
SELECT t.relname, a.attname, pg_get_serial_sequence(quote_ident(t.relname), a.attname)
FROM pg_class t
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = 'public' AND t.relkind = 'r'
  AND pg_get_serial_sequence(quote_ident(t.relname), a.attname) IS NOT NULL
"""


def quote(name: str) -> str:
    """An identifier quoted for SQL (database names are made here, but never trusted blindly)."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    """A string literal for the statements that take no bound parameter (COMMENT, several in one call)."""
    return "'" + value.replace("'", "''") + "'"


def sqlstate(exc: DBAPIError) -> str | None:
    """The SQLSTATE code of a driver error wrapped by SQLAlchemy."""
    return getattr(exc.orig, "sqlstate", None)


def admin_engine(url: str) -> Engine:
    """An autocommit engine on the server's maintenance database (CREATE/DROP DATABASE), one per URL."""
    with _admins_lock:
        if url not in _admins:
            # Sized for a busy server: every page asks it the data version (page caches), every
            # notification goes through it (bench_academie, 300 seats at 30 changes/s: a 4 + 16 pool ran
            # out, requests waited 30 s for it and failed; threads holding one wait for the GIL).
            _admins[url] = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=ADMIN_POOL,
                                         max_overflow=ADMIN_OVERFLOW, pool_pre_ping=True)
        return _admins[url]


def forget_parent_engines() -> None:
    """In a forked child: a new lock, and the parent's pooled connections left to the parent (see
    ``storage_postgres._forget_parent``)."""
    global _admins_lock
    _admins_lock = threading.Lock()
    for engine in _admins.values():
        engine.dispose(close=False)


def end_sessions(conn, database: str, idle_only: bool = False) -> None:
    """End the client sessions on a database (``idle_only``: those not running a statement), never the
    autovacuum workers: a non-superuser account may not end them, and RENAME or DROP ends them itself."""
    conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n "
                      "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
                      "AND (state = 'idle' OR NOT :idle_only)"), {"n": database, "idle_only": idle_only})


def create(admin: Engine, database: str, comment: str, template: str | None, strategy: str) -> None:
    """CREATE DATABASE (a copy of ``template`` when given) with its comment, waiting for a template that
    another session is briefly connected to."""
    sql = f"CREATE DATABASE {quote(database)}"
    if template:
        sql += f" TEMPLATE {quote(template)} STRATEGY {strategy}"
    for attempt in range(100):
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(sql)
                conn.exec_driver_sql(f"COMMENT ON DATABASE {quote(database)} IS {literal(comment)}")
            return
        except DBAPIError as exc:
            # Another process may hold a short connection on the template: wait for it to end.
            if sqlstate(exc) != OBJECT_IN_USE or attempt == 99:
                raise
            time.sleep(0.05)


def drop(admin: Engine, database: str) -> None:
    """DROP DATABASE IF EXISTS, ending the sessions still on it."""
    with admin.connect() as conn:
        try:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote(database)} WITH (FORCE)")
        except DBAPIError as exc:
            if sqlstate(exc) != INSUFFICIENT_PRIVILEGE:
                raise
            # A session the account may not end: on a deployment's own (non-superuser) account, an
            # autovacuum worker busy on a freshly filled database. A plain DROP ends autovacuum
            # workers itself and waits (5 s) for the other sessions to leave.
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote(database)}")


def set_aside(admin: Engine, database: str, new_name: str, then: str = "") -> None:
    """Rename a database out of the way, ending the sessions still open on it (a reset seat);
    ``then``: a statement committed with the rename (the replacement renamed into place)."""
    import psycopg

    rename = f"ALTER DATABASE {quote(database)} RENAME TO {quote(new_name)}"
    rename += f"; {then}" if then else ""
    for attempt in range(100):
        try:
            with admin.connect() as conn:
                end_sessions(conn, database)
                # Statements sent together (no parameters) run as one transaction.
                conn.connection.driver_connection.execute(rename)
            return
        except psycopg.Error as exc:  # a request opened a session in between: end it too
            if exc.sqlstate != OBJECT_IN_USE or attempt == 99:
                raise
            time.sleep(0.02)


def reset_sequences(conn) -> None:
    """Move every serial sequence past the largest id (rows inserted with explicit ids leave them behind)."""
    for table, column, sequence in conn.execute(text(SERIAL_COLUMNS)).all():
        largest = f"SELECT max({quote(column)}) FROM {quote(table)}"  # noqa: S608 — names from the catalog, quoted
        conn.execute(text(f"SELECT setval(:seq, COALESCE(({largest}), 0) + 1, false)"), {"seq": sequence})
