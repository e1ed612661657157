"""Spare seat databases on PostgreSQL: copies of a template made ahead, so that a new seat is a rename.

``CREATE DATABASE … TEMPLATE`` writes the whole template through the WAL (100 ms on a calm server, seconds
on a busy one, fsync on); ``ALTER DATABASE … RENAME`` is one catalog row. So each template that seats are
made from keeps a few spares, ``<prefix>_p_<key>_<random>``, refilled by a background thread of the
process that took one; they are first made as soon as a template is prepared (``keep_spares``) and when a
server starts (for the templates its seats use), so that no first seat pays a copy. The key hashes the
template database's identity (its OID: a re-prepared template is a new database) and this release's seat
schema revision, so a spare of an older template or release is never handed out (and is dropped at the
next refill). Taking a spare is the rename itself, atomic: of two processes renaming the same spare, the
loser is told it no longer exists and tries the next.
Spares are not seats: ``names()`` never lists them (kind letter ``p``), nothing upgrades or copies them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from sandbox.db import pg_driver, pg_notify
from sandbox.db.migrate import SEAT_MIGRATIONS, head
from sandbox.db.pg_notify import CATALOGUE
from sandbox.db.pg_server import literal

if TYPE_CHECKING:
    from sandbox.db.storage_postgres import PostgresStorage

ENV = "E5_SEAT_SPARES"
# Spares per template in use: enough for the resets and late arrivals of an exam slot or a class (each
# takes one, refilled behind them), few enough to stay small on disk (3 × 20 Mio for the national context).
DEFAULT_SPARES = 3
KIND = "p"
# What a rename that lost the race meets: the spare is gone (3D000), or somebody is on it (55006).
LOST = ("3D000", "55006")
# How long the filler waits without a seat made or reset before each copy. 0: it refills during a burst
# too (a slot or a class being prepared): its copy runs on the other core while the burst personalises
# the seats it took. Measured (bench_postgres_seats --burst-only, 30 creates back to back, fsync on, six
# pairs against a 2 s wait, load 15 to 88): median lower in 5 of 6 (160 to 240 ms against 440 to 650 ms,
# 18 to 22 spares taken against 3 or 4), whole burst shorter in 4 of 6 (9,6 to 12,3 s against 14 to
# 21 s); longer in 2 (42,5 against 22,9 s at load 57 to 88, 29,3 against 17,6 s): two copies at once
# then fight for the disk.
QUIET = 0.0
FILL_LOCK = "e5 spares"  # one filler per template at a time, whichever process (advisory lock)


def wanted() -> int:
    """How many spares each template in use keeps (``$E5_SEAT_SPARES``, 0 turns them off)."""
    value = os.environ.get(ENV, "")
    return max(0, int(value)) if value.strip().isdigit() else DEFAULT_SPARES


@functools.cache
def _head() -> str:
    return head(SEAT_MIGRATIONS)


def _start(storage: PostgresStorage, key: str = "") -> str:
    return f"{storage.prefix}_{KIND}_{key}"


def _key(database: str, oid: int) -> str:
    return hashlib.sha256(f"{database}:{oid}:{_head()}".encode()).hexdigest()[:8]


def _template_key(conn, template: str) -> str | None:
    oid = conn.execute(text("SELECT oid FROM pg_database WHERE datname = :n"), {"n": template}).scalar()
    return None if oid is None else _key(template, oid)


def _spares(conn, start: str) -> list[str]:
    return list(conn.execute(text("SELECT datname FROM pg_database WHERE left(datname, :n) = :s "
                                  "ORDER BY datname"), {"n": len(start), "s": start}).scalars())


def take(storage: PostgresStorage, template: str, database: str, name: str) -> bool:
    """Rename a spare of ``template`` to ``database`` (commented ``name``); False when none is left."""
    import psycopg  # the optional driver: only needed once a folder is on PostgreSQL

    start = _start(storage)
    changed = literal(pg_notify.payload(CATALOGUE))  # as pg_notify.notify() sends it
    with storage.admin.connect() as conn:
        oid, spares = conn.execute(text(
            "SELECT (SELECT oid FROM pg_database WHERE datname = :t), "
            "array(SELECT datname FROM pg_database WHERE left(datname, :n) = :s ORDER BY datname)"),
            {"t": template, "n": len(start), "s": start}).one()
        mine = f"{start}{_key(template, oid)}_" if oid is not None else None
        candidates = [spare for spare in spares if mine and spare.startswith(mine)]
        # Processes start at different spares: two creating together rarely try the same one first.
        shift = secrets.randbelow(len(candidates)) if candidates else 0
        driver = conn.connection.driver_connection
        for spare in candidates[shift:] + candidates[:shift]:
            try:
                # One round trip, one commit: statements sent together run as one transaction (the
                # notification that the folder's catalogue changed included: sent at the commit).
                driver.execute(f'ALTER DATABASE "{spare}" RENAME TO "{database}"; '
                               f'COMMENT ON DATABASE "{database}" IS {literal(name)}; '
                               f"SELECT pg_notify({literal(storage.prefix)}, {changed})")
            except psycopg.Error as exc:
                if exc.sqlstate not in LOST:
                    raise
                continue
            storage.versions.committed(CATALOGUE)
            return True
    return False


def _warm(storage: PostgresStorage, database: str) -> None:
    """Connect once: the first session of a new database builds its catalog cache file (tens of ms),
    kept with the database, so the seat's first connection (its personalisation) does not."""
    import psycopg

    # A seat may take the spare the moment it exists (renamed: « does not exist » here); it then pays its
    # own catalog cache once, which is all the warming saves.
    with contextlib.suppress(psycopg.OperationalError), \
            pg_driver.connect(storage.url, database, autocommit=True) as conn:
        conn.execute("SELECT count(*) FROM employee, site_user, setting WHERE false").fetchall()


def _templates(storage: PostgresStorage, conn) -> list[tuple[str, int]]:
    """(database, OID) of every template the folder reads: its own, else its library's of that name."""
    found: dict[str, tuple[str, int]] = {}
    for prefix in ([storage.library] if storage.library else []) + [storage.prefix]:  # own ones win
        start = storage.database_name("templates", "", prefix)
        for datname, oid, name in conn.execute(text(
                "SELECT datname, oid, shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE left(datname, :n) = :s"), {"n": len(start), "s": start}).all():
            found[name or datname] = (datname, oid)
    return list(found.values())


def fill(storage: PostgresStorage, template: str, count: int | None = None,
         before_each: Callable[[], None] | None = None) -> int:
    """Drop stale spares, then make spares of ``template`` until it has ``count``; answers how many made
    (``before_each`` runs before each copy: the filler waits there for a quiet moment)."""
    count = wanted() if count is None else count
    made = 0
    with storage.admin.connect() as conn:
        current = {_key(datname, oid) for datname, oid in _templates(storage, conn)}
        spares = _spares(conn, _start(storage))
        key = _template_key(conn, template)
    for spare in spares:
        if spare[len(_start(storage)):].split("_")[0] not in current:
            storage._drop(spare)
    if key is None:
        return 0
    have = sum(spare.startswith(_start(storage, f"{key}_")) for spare in spares)
    while have + made < count and not storage.closed:
        if before_each is not None:
            before_each()
        if storage.closed:
            break
        spare = _start(storage, f"{key}_{secrets.token_hex(4)}")
        storage.create_database(spare, f"réserve de {template}", template=template)
        _warm(storage, spare)
        made += 1
    return made


def drop_all(storage: PostgresStorage, template: str | None = None) -> None:
    """Drop the spares of one template database (None: every spare of the folder)."""
    with storage.admin.connect() as conn:
        key = _template_key(conn, template) if template else ""
        spares = _spares(conn, _start(storage, f"{key}_" if key else "")) if key is not None else []
    for spare in spares:
        storage._drop(spare)


class Filler:
    """One background thread per storage that refills the spares of the templates it is told about."""

    def __init__(self, storage: PostgresStorage):
        self.storage = storage
        self._pending: list[str] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._last = 0.0  # when a seat was last made or reset here (time.monotonic)
        self.quiet = QUIET  # bench_postgres_seats compares with a wait

    def request(self, template: str) -> None:
        """Refill that template's spares soon (a daemon thread: an exiting command does not wait)."""
        if wanted() == 0:
            return
        with self._lock:
            self._last = time.monotonic()
            if template not in self._pending:
                self._pending.append(template)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="e5 spares", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while not self.storage.closed:
            with self._lock:
                if not self._pending:
                    self._thread = None
                    return
                template = self._pending.pop(0)
            # A template replaced or removed meanwhile: the next request starts again.
            with contextlib.suppress(DBAPIError):
                self._fill_locked(template)

    def _fill_locked(self, template: str) -> None:
        # Two server processes refilling one template together would both overshoot: one fills it,
        # the other skips it.
        lock = {"k": f"{FILL_LOCK} {template}"}
        with self.storage.admin.connect() as conn:
            if not conn.execute(text("SELECT pg_try_advisory_lock(hashtext(:k))"), lock).scalar():
                return
            try:
                fill(self.storage, template, before_each=self._quiet)
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(hashtext(:k))"), lock)

    def _quiet(self) -> None:
        while not self.storage.closed and (left := self._last + self.quiet - time.monotonic()) > 0:
            time.sleep(min(left, 0.1))

    def join(self, timeout: float | None = None) -> None:
        """Wait for the current refill to end (after ``storage.closed`` is set, it stops soon)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
