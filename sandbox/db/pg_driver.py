"""Plain psycopg connections to one database, for one-shot work that a SQLAlchemy engine would slow down.

A new engine's first connection runs several set-up queries (server version, settings…): a third of a
seat's personalisation on a spare, and `e5` checks the schema of every seat of the folder before each
command (hundreds on an académie server).
"""

from __future__ import annotations

from sqlalchemy.engine import URL


def connect(url: URL, database: str, autocommit: bool = False):
    """A psycopg connection to ``database`` on the server of ``url`` (committed when its block ends
    without error, unless ``autocommit``)."""
    import psycopg  # the optional driver: only needed once a folder is on PostgreSQL

    address = url.set(drivername="postgresql", database=database)
    return psycopg.connect(address.render_as_string(hide_password=False), autocommit=autocommit)


class QmarkConnection:
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
