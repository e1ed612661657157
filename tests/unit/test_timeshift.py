"""The generic move of dated columns on a throw-away schema: colliding keys, times, NULLs, leap days."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.orm import Session

from sandbox.db.timeshift import dated_columns, shift_dates

META = MetaData()
VISIT = Table("visit", META, Column("day", Date, primary_key=True),
              Column("source", String, primary_key=True), Column("seen_at", DateTime), Column("n", Integer))
NOTE = Table("note", META, Column("id", Integer, primary_key=True), Column("text", String))
DAYS = [date(2028, 2, 26), date(2028, 2, 27), date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)]


@pytest.fixture
def db(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'shift.sqlite'}")
    META.create_all(engine)
    with Session(engine) as session, session.begin():
        late = [datetime(d.year, d.month, d.day, 23, 59, 58, 123456) for d in DAYS]
        rows = [{"day": d, "source": s, "seen_at": late[i] if s == "a" else None, "n": i}
                for i, d in enumerate(DAYS) for s in ("a", "b")]
        session.execute(insert(VISIT), rows)
        session.execute(insert(NOTE), [{"id": 1, "text": "2028-02-29"}])
    with Session(engine) as session:
        yield session


@pytest.mark.parametrize("days", [1, -1, -2, 3, 366, -366])
def test_every_date_moves_even_in_a_primary_key_and_times_nulls_and_texts_stay(db, days):
    before = db.execute(select(VISIT).order_by(VISIT.c.n, VISIT.c.source)).all()
    shift_dates(db, days, META)
    after = db.execute(select(VISIT).order_by(VISIT.c.n, VISIT.c.source)).all()
    assert [(r.day - b.day).days for r, b in zip(after, before, strict=True)] == [days] * len(before)
    for r, b in zip(after, before, strict=True):
        assert (r.seen_at is None) == (b.seen_at is None)
        if b.seen_at is not None:
            assert (r.seen_at - b.seen_at).days == days and r.seen_at.time() == b.seen_at.time()
    assert db.scalar(select(NOTE.c.text)) == "2028-02-29"  # a text that looks like a date is not a date
    raw = db.connection().exec_driver_sql("SELECT seen_at FROM visit WHERE seen_at IS NOT NULL").scalar()
    assert raw.endswith(" 23:59:58.123456")  # the stored format is kept, so string comparisons still hold


def test_zero_days_sends_no_statement_and_the_walk_finds_only_dated_columns(db):
    sent = []
    event.listen(db.get_bind(), "before_cursor_execute", lambda *args: sent.append(args[2]))
    shift_dates(db, 0, META)
    assert sent == []
    found = [(t.name, [c.name for c in cols]) for t, cols in dated_columns(META)]
    assert found == [("visit", ["day", "seen_at"])]
