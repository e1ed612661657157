"""A seat's observations kept per process: each check runs again only when a table it read was written.

On PostgreSQL every committed write's notification names the tables it wrote (``sandbox.db.pg_notify``),
so the storage gives, per database, the mark of the last write of each table (``written_marks``). Here
the checks run in one session, as ``observe_all`` runs them, and each keeps the seat tables named by the
SQL the run sent until its end (what it used may come from an earlier check's reads: the session's
objects, its caches, the context's memo); its observation is reused while none of them got a new mark
(nor « * », a write of unknown tables), on the same seat date, listener generation and named objects.
The marks are read before the seat is: a write committed meanwhile moves them and the check runs again
next time (late by one pass, never stale); a check runs again for a table only an earlier check read (the
price of sharing the session: a whole pass costs what ``observe_all`` costs). On SQLite, which gives no
marks, every check runs each time, as ``observe_all`` does.

The console's streams of every examiner and tab share what is kept (one computation per seat and write,
however many follow it), and a back-office change of one table costs the checks that read it, not the
whole grid (bench_academie: a customer's note no longer runs the stock and price checks again).
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.base import Base
from sandbox.db.pg_notify import ANY_TABLE
from sandbox.subjects.observables import FAILED, Observation, ObserveContext, observe, observe_all

WORD = re.compile(r"\w+")
MAX_SEATS = 2000  # seats whose observations a process keeps (a few kB each), least recently used dropped


@dataclass(frozen=True)
class _Kept:
    """One check's observation and the marks, when it ran, of the tables its SQL named."""

    generation: Any
    today: date
    marks: dict[str, int]
    observation: Observation

    def still(self, generation: Any, today: date, marks: dict[str, int]) -> bool:
        """Whether nothing it read was written since (same generation and date)."""
        return (generation == self.generation and today == self.today
                and all(marks.get(word, 0) == mark for word, mark in self.marks.items()))


_seats: OrderedDict[tuple, dict[str, _Kept]] = OrderedDict()
_lock = threading.Lock()


def _tables() -> set[str]:
    """The names of the seat's tables (every model imported by then: the checks read through them)."""
    return set(Base.metadata.tables)


def _kept_for(key: tuple) -> dict[str, _Kept]:
    with _lock:
        kept = _seats.pop(key, None) or {}
        _seats[key] = kept  # last: most recently used
        while len(_seats) > MAX_SEATS:
            _seats.popitem(last=False)
        return kept


def observe_seat(storage, name: str, subject) -> dict[str, list[Observation]]:
    """Observations of every grid line of the subject on a seat, by line id (as ``observe_all``)."""
    written = storage.written_marks("seats", name)  # before any read of the seat
    with Session(storage.engine("seats", name)) as db:
        return observe_in(db, storage, name, subject, written)


def observe_in(db: Session, storage, name: str, subject,
               written: tuple | None) -> dict[str, list[Observation]]:
    """``observe_seat`` in a session already open on the seat, ``written`` (``storage.written_marks``) read
    before that session read anything; ``observe_all`` where the storage gives no marks (None)."""
    if written is None:
        return observe_all(db, subject)
    return observe_kept(db.connection(), subject, _kept_for((str(storage.data), name)), *written)


def observe_kept(conn: Connection, subject, kept: dict[str, _Kept], generation: Any,
                 marks: dict[str, int]) -> dict[str, list[Observation]]:
    """``observe_all`` on one connection, reusing what ``kept`` holds under these marks (read before the
    connection read anything) and keeping what ran."""
    objects = json.dumps(subject.objects, sort_keys=True, default=str)
    read: set[str] = set()  # every word of the SQL this run sent so far

    def note(_conn, _cursor, statement, *_args) -> None:
        read.update(WORD.findall(statement))

    found: dict[str, list[Observation]] = {}
    event.listen(conn, "before_cursor_execute", note)
    try:
        with Session(bind=conn) as db:
            ctx = ObserveContext(db, subject.objects, seat_today(db))
            for line in subject.grid.lines:
                found[line.id] = []
                for observable in line.observables:
                    key = json.dumps([observable, objects], sort_keys=True, default=str)
                    known = kept.get(key)
                    if known is not None and known.still(generation, ctx.today, marks):
                        found[line.id].append(known.observation)
                        continue
                    observation = observe(ctx, observable)
                    found[line.id].append(observation)
                    if not observation.sentence.endswith(FAILED):  # a failure may not last: never kept
                        # What a check used may come from what the run read before it (the session's
                        # objects and caches, the context's memo and drafts): it depends at most on the
                        # tables the run read so far.
                        tables = (read & _tables()) | {ANY_TABLE}
                        kept[key] = _Kept(generation, ctx.today, {t: marks.get(t, 0) for t in tables},
                                          observation)
    finally:
        event.remove(conn, "before_cursor_execute", note)
    return found
