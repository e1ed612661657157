"""Change signals on PostgreSQL: every write transaction of a seat or grading database sends ``NOTIFY``,
and one listening connection per data folder and process turns them into change counters.

The channel is the data folder's database prefix, the payload the server-side name of the database that
committed, a tab and the sending process's mark, then a tab and the tables the transaction wrote (comma
separated; no third field: unknown, as « * »), so that a reader knows which tables moved (the console
computes again only the observables that read one of them, ``sandbox.subjects.observables.kept``).
PostgreSQL delivers a notification only within the database it was sent in, so it is sent on the
server's maintenance database (where the listeners are), once the connection that wrote is given back
after its commit. ``NotifiedChanges`` is a change source for ``sandbox.db.changes.ChangeWatcher`` (the
watcher of perf-seats): streams of any number of server processes, on any machine, wake when another
process commits, instead of polling the databases.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from collections import Counter
from collections.abc import Callable, Hashable
from contextlib import suppress

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL

from sandbox.db.changes import watcher

WROTE, COMMITTED = "e5_wrote", "e5_committed"
ANY_TABLE = "*"  # a write whose tables are unknown (DDL, a database replaced): every table moved
# The table an INSERT, UPDATE or DELETE writes, as SQLAlchemy writes them (a quoted name: « "order" »).
_TARGET = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?[\s(]', re.I)
_NO_TABLE = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")
# Who sent a notification (after a tab in the payload): a process counts its own commits at once, so
# their echo must not count a second time for it (a page cache would miss once more, late). Per process
# id: server workers forked after the import each get their own.
_senders: dict[int, str] = {}
CATALOGUE = ""  # the database named when one of the folder's databases was made, dropped or renamed


def sender() -> str:
    """This process's sender mark."""
    pid = os.getpid()
    if pid not in _senders:
        _senders[pid] = f"{pid}-{secrets.token_hex(4)}"
    return _senders[pid]


def written_table(statement: str) -> str | None:
    """The table a statement writes: None for a read, "" for transaction control, ``ANY_TABLE`` unknown."""
    if statement.lstrip()[:6].upper().startswith(("SELECT", "SHOW")):
        return None
    found = _TARGET.match(statement)
    if found:
        return found.group(1)
    return "" if statement.lstrip()[:9].upper().startswith(_NO_TABLE) else ANY_TABLE


def send_on_commit(engine: Engine, admin: Engine, channel: str, database: str,
                   committed: Callable[[str, set[str]], None] | None = None) -> None:
    """Make every committed transaction of ``engine`` that changed something NOTIFY ``channel``
    (and call ``committed(database, tables written)`` first, in the committing thread)."""

    @event.listens_for(engine, "after_cursor_execute")
    def _remember_writes(conn, _cursor, statement, _params, _context, _many) -> None:
        table = written_table(statement)
        if table is not None:
            conn.info.setdefault(WROTE, set()).add(table)

    @event.listens_for(engine, "commit")
    def _committing(conn) -> None:
        written = conn.info.pop(WROTE, None)
        if written is not None:
            conn.info.setdefault(COMMITTED, set()).update(written)

    @event.listens_for(engine, "rollback")
    def _forget(conn) -> None:
        conn.info.pop(WROTE, None)

    @event.listens_for(engine.pool, "checkin")
    def _notify(_dbapi_connection, record) -> None:
        # Given back after the commit: a stream woken now reads the committed rows.
        written = record.info.pop(COMMITTED, None) if record is not None else None
        if written is not None:
            if committed is not None:
                committed(database, written)
            notify(admin, channel, database, written)


def payload(database: str, tables: set[str] | None = None) -> str:
    """What this process sends when ``database`` changed: with the tables a commit wrote, when known."""
    sent = f"{database}\t{sender()}"
    if tables is not None and ANY_TABLE not in tables:
        sent += "\t" + ",".join(sorted(t for t in tables if t))
    return sent


def notify(admin: Engine, channel: str, database: str, tables: set[str] | None = None) -> None:
    """Signal a change of that database: a commit that wrote ``tables``, or (None) a change made outside
    any transaction of it, a seat replaced by a reset, whose tables are unknown."""
    with admin.connect() as conn:
        conn.exec_driver_sql("SELECT pg_notify(%(c)s, %(d)s)", {"c": channel, "d": payload(database, tables)})


class Listener:
    """One LISTEN connection and its reading thread; counts the notifications per database."""

    def __init__(self, url: URL, channel: str):
        import psycopg  # the optional driver: only needed once a folder is on PostgreSQL

        self._errors = psycopg.Error
        self.counts: Counter[str] = Counter()  # every notification, per database
        self.others: Counter[str] = Counter()  # those sent by other processes
        # Per database, per table written: the count (``counts``) of the last notification that wrote it.
        self.marks: dict[str, dict[str, int]] = {}
        args = url.translate_connect_args(username="user", database="dbname")
        self._conn = psycopg.connect(**args, autocommit=True)
        self._conn.execute(f'LISTEN "{channel}"')
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"e5-listen-{channel}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stopped.is_set():
                own = sender()
                for note in self._conn.notifies(timeout=1.0):
                    database, _, sent_by = note.payload.partition("\t")
                    sent_by, tabbed, written = sent_by.partition("\t")
                    count = self.counts[database] + 1
                    marks = self.marks.setdefault(database, {})
                    for table in written.split(",") if tabbed else (ANY_TABLE,):
                        marks[table] = count  # before the count: a stream woken by it sees the marks
                    self.counts[database] = count
                    if sent_by != own:
                        self.others[database] += 1
                    watcher().poke()  # the streams of that database wake now, not at the next look
        except self._errors:  # the server went away: the streams fall back to their idle wake
            pass
        finally:
            # Closed by this thread, the only one using it: closing it from another thread while
            # notifies() waits on its socket is unsafe.
            with suppress(self._errors):
                self._conn.close()

    def alive(self) -> bool:
        """Whether notifications still arrive (False once the server closed the connection)."""
        return self._thread.is_alive() and not self._stopped.is_set()

    def close(self) -> None:
        """Stop listening: the reading thread closes the connection within its one-second wait.

        Not waited for: joining the thread cost half a second on average to every throw-away data
        folder (each test's, on PostgreSQL) for nothing, since nobody reads the counts any more.
        """
        self._stopped.set()


class NotifiedChanges:
    """A change source: how many notifications one database has sent since the listener started (pushed:
    the listener pokes the watcher, which then does not poll)."""

    pushed = True

    def __init__(self, listener: Listener, database: str):
        self._listener, self._database = listener, database

    def version(self) -> Hashable:
        """The count (a dictionary read: the watcher reads it every tick)."""
        return self._listener.counts.get(self._database, 0)

    def close(self) -> None:
        """Nothing held per source: the listener serves the whole data folder."""
