"""Observations kept between passes (``observables.kept``): never stale, and really kept.

Every case's change is made on a seat whose observations were kept before it: the kept path must then give
what ``observe_all`` gives. So every table a check's answer depends on is named by its SQL, and every
statement a change runs names the table it writes (``pg_notify.written_table``, what a commit's NOTIFY
carries), for every check type and every change the cases make (both engines: the marks are made here as
a notification would make them). On PostgreSQL, the marks also travel through real notifications.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from sqlalchemy import event, text, update
from sqlalchemy.orm import Session

from sandbox.db.pg_notify import written_table
from sandbox.db.storage import storage_for
from sandbox.models import Customer
from sandbox.subjects.observables import observe_all, validate_observable
from sandbox.subjects.observables.kept import observe_in, observe_kept, observe_seat
from tests.conftest import notifications_arrived
from tests.observables.both_ways import all_cases, arrange, named_objects
from tests.observables.conftest import BASE, CASE


def _groups() -> list[list]:
    """Per check type, its cases that make the first change its cases make (one seat for each group)."""
    groups: dict[str, list] = {}
    for case in all_cases():
        if case.arrange is not None and groups.setdefault(case.check, [case])[0].arrange is case.arrange:
            groups[case.check].append(case)
    return [cases[1:] for cases in groups.values()]


GROUPS = _groups()


def _subject(cases: list, objects: dict) -> SimpleNamespace:
    """A grid of one line per case (its check and params, validated as a pack would)."""
    names = {key: obj["type"] for key, obj in objects.items()}
    lines = []
    for n, case in enumerate(cases):
        observable, problems = validate_observable(
            {"check": case.check, **case.params}, file="grid.toml", where="lines", names=names)
        assert not problems, problems
        lines.append(SimpleNamespace(id=f"l{n}", observables=[observable]))
    return SimpleNamespace(objects=objects, grid=SimpleNamespace(lines=lines))


def _fresh(storage) -> None:
    storage.remove("seats", CASE)
    storage.copy("seats", BASE, "seats", CASE)
    notifications_arrived(storage, "seats", CASE)  # they move every table: not in the middle of a test


@contextmanager
def _undone(db: Session) -> Iterator[None]:
    """Roll back what the block did, PostgreSQL's sequences included (a rollback leaves them moved): the
    same change made again then gives its objects the same ids."""
    before = []
    if db.get_bind().dialect.name == "postgresql":
        for (name,) in db.execute(text("SELECT quote_ident(sequencename) FROM pg_sequences")):
            before.append((name, *db.execute(text(f"SELECT last_value, is_called FROM {name}")).one()))
    yield
    db.rollback()
    for name, last, called in before:
        db.execute(text("SELECT setval(:s, :v, :c)"), {"s": name, "v": last, "c": called})
    db.commit()


@pytest.mark.parametrize("cases", GROUPS, ids=[g[0].check for g in GROUPS])
def test_a_change_runs_again_every_check_whose_answer_it_moves(case_db, cases):
    engine = case_db.get_bind()
    with _undone(case_db):
        objects = named_objects(cases[0].arrange(case_db))  # the named objects the change will make
        case_db.flush()
    subject, kept = _subject(cases, objects), {}
    with engine.connect() as conn:
        observe_kept(conn, subject, kept, 0, {})
    written: set[str] = set()

    def note(_conn, _cursor, statement, *_args) -> None:
        table = written_table(statement)
        if table is not None:
            written.add(table)

    event.listen(engine, "after_cursor_execute", note)
    try:
        assert arrange(case_db, cases[0]) == objects
    finally:
        event.remove(engine, "after_cursor_execute", note)
    with engine.connect() as conn:
        found = observe_kept(conn, subject, kept, 0, dict.fromkeys(written, 1))
    case_db.rollback()
    assert found == observe_all(case_db, subject), f"written: {sorted(written)}"


def _demo_subject(objects: dict) -> SimpleNamespace:
    note = SimpleNamespace(check="customer.note", params={"customer": "@client", "contains": ["rappeler"]})
    stock = SimpleNamespace(check="product.stock", params={"name": "Plaid", "min": 1})
    subject = _subject([stock, note], objects)  # a check keeps what the run read before it: stock first
    subject.grid.lines[0].id, subject.grid.lines[1].id = "stock", "note"
    return subject


def _note_written(storage):
    """Write customer 1's note on the seat and wait for the commit's notification to come back; the seat's
    written marks from before the write (None on SQLite)."""
    marks = storage.written_marks("seats", CASE)
    with Session(storage.engine("seats", CASE)) as db:
        db.execute(update(Customer).where(Customer.id == 1).values(note="À rappeler mardi"))
        db.commit()
    deadline = time.monotonic() + 10
    while marks is not None and storage.written_marks("seats", CASE) == marks and time.monotonic() < deadline:
        time.sleep(0.05)  # the commit's notification on its way back
    return marks


def test_a_customer_note_runs_the_customer_check_again_and_keeps_the_stock_one(observed_data):
    """Only what a change's tables touch runs again, through the storage's marks (on PostgreSQL, real
    notifications between two commits; on SQLite, no marks: everything runs, as observe_all)."""
    storage = storage_for(observed_data)
    _fresh(storage)
    subject = _demo_subject({"client": {"type": "Customer", "id": 1}})
    before = observe_seat(storage, CASE, subject)
    assert before["note"][0].ok is False and before["stock"][0].ok is not None
    marks = _note_written(storage)
    after = observe_seat(storage, CASE, subject)
    with Session(storage.engine("seats", CASE)) as db:
        assert after == observe_all(db, subject)
    assert after["note"][0].ok is True
    if marks is not None:  # PostgreSQL: the stock check was kept, not run again
        assert after["stock"][0] is before["stock"][0]
        assert after["note"][0] is not before["note"][0]
    storage.remove("seats", CASE)


def test_a_session_already_open_on_the_seat_shares_what_the_console_kept(observed_data):
    """``observe_in`` (the class view: a session that read the seat's activity first) reuses what the
    console's ``observe_seat`` kept, and runs again what a write moved: never stale."""
    storage = storage_for(observed_data)
    _fresh(storage)
    subject = _demo_subject({"client": {"type": "Customer", "id": 1}})
    before = observe_seat(storage, CASE, subject)
    marks = _note_written(storage)
    written = storage.written_marks("seats", CASE)  # before the session reads anything
    with Session(storage.engine("seats", CASE)) as db:
        db.execute(text("SELECT count(*) FROM activity_event")).scalar()  # the class view's activity first
        after = observe_in(db, storage, CASE, subject, written)
    with Session(storage.engine("seats", CASE)) as db:
        assert after == observe_all(db, subject)
    assert after["note"][0].ok is True and before["note"][0].ok is False
    if marks is not None:  # PostgreSQL: the stock check the console ran is kept, the note's runs again
        assert after["stock"][0] is before["stock"][0]
        assert after["note"][0] is not before["note"][0]
    storage.remove("seats", CASE)


def test_a_seat_made_again_under_the_same_name_is_observed_afresh(observed_data):
    """What was kept of a seat removed then made again (a practice seat prepared again, a slot's seats
    again) is never shown for the new one: the new database's notification names every table."""
    storage = storage_for(observed_data)
    _fresh(storage)
    subject = _demo_subject({"client": {"type": "Customer", "id": 1}})
    with Session(storage.engine("seats", CASE)) as db:
        db.execute(update(Customer).where(Customer.id == 1).values(note="À rappeler mardi"))
        db.commit()
    time.sleep(0.2)
    deadline = time.monotonic() + 10
    while observe_seat(storage, CASE, subject)["note"][0].ok is not True and time.monotonic() < deadline:
        time.sleep(0.05)  # the commit's notification on its way back
    marks = storage.written_marks("seats", CASE)
    _fresh(storage)
    while marks is not None and storage.written_marks("seats", CASE) == marks and time.monotonic() < deadline:
        time.sleep(0.05)
    assert observe_seat(storage, CASE, subject)["note"][0].ok is False
    storage.remove("seats", CASE)
