"""The seat's clock and its history agree: a subject prepared for any date moves the seeded world with it."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import DateTime, select
from sqlalchemy.orm import Session

from sandbox.clock import move_seat_day, seat_today
from sandbox.db.dump import dump_digest
from sandbox.db.storage import storage_for
from sandbox.db.timeshift import dated_columns, shift_dates
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, login, text
from tests.subjects.clock_checks import history_end, late_values, statistics_show_last_30_days
from tests.subjects.conftest import SUBJECTS, seat_session

REFERENCE = date(2027, 5, 20)
DAYS = [REFERENCE, date(2026, 5, 20), date(2027, 12, 20), date(2028, 2, 29)]  # a year before, 7 months after
CONTEXT = "context-lin-et-nature"


def _values(path, days: int = 0) -> dict[str, dict[tuple, tuple]]:
    """Every table's dated values by row (moved by ``days`` days), read with plain sqlite3."""
    found = {}
    with sqlite3.connect(path) as con:
        for table, columns in dated_columns():
            keys = ["rowid"]  # not the primary key: a date can be part of it (traffic_day)
            rows = con.execute(f"SELECT {', '.join(keys + [c.name for c in columns])} FROM {table.name}")
            moved = {}
            for row in rows:
                values = []
                for column, raw in zip(columns, row[len(keys):], strict=True):
                    timed = isinstance(column.type, DateTime)
                    parse = datetime.fromisoformat if timed else date.fromisoformat
                    values.append(None if raw is None else parse(raw) + timedelta(days=days))
                moved[row[: len(keys)]] = tuple(values)
            found[table.name] = moved
    return found


def _sorted_values(engine, days: int = 0) -> dict[str, list[tuple]]:
    """Every table's dated values (moved by ``days`` days), sorted: PostgreSQL has no stable row id."""
    def moved(value):
        return None if value is None else value + timedelta(days=days)

    found = {}
    with engine.connect() as conn:
        for table, columns in dated_columns():
            rows = conn.execute(select(*columns)).all()
            found[table.name] = sorted((tuple(moved(v) for v in row) for row in rows),
                                       key=lambda row: [(v is None, str(v)) for v in row])
    return found


def test_the_shift_moves_every_dated_value_by_the_same_days_and_nothing_else(data):
    storage = storage_for(data)
    storage.copy("templates", CONTEXT, "seats", "moved")
    before = dump_digest(storage.engine("templates", CONTEXT))
    engine = storage.engine("seats", "moved")
    with Session(engine) as db, db.begin():
        shift_dates(db, -400)
    if storage.dialect == "sqlite":
        original = storage.path("templates", CONTEXT)
        assert _values(storage.path("seats", "moved")) == _values(original, -400)
        assert _values(original)["traffic_day"]  # the walk sees the seeded tables
    else:
        original = _sorted_values(storage.engine("templates", CONTEXT), -400)
        assert _sorted_values(engine) == original
        assert original["traffic_day"]
    with Session(engine) as db, db.begin():
        shift_dates(db, 400)
    assert dump_digest(engine) == before  # back where it was: same rows, same stored formats, nothing else


def test_the_reference_date_changes_nothing(data):
    storage = storage_for(data)
    storage.copy("templates", CONTEXT, "seats", "same")
    engine = storage.engine("seats", "same")
    before = dump_digest(engine)
    with Session(engine) as db, db.begin():
        assert seat_today(db) == REFERENCE
        assert move_seat_day(db, REFERENCE) == 0
    assert dump_digest(engine) == before


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_a_seat_prepared_for_a_date_has_its_whole_history_before_it(data, prepared, client, day):
    started = time.perf_counter()
    seat = prepared("ln-boutique-a", day=day)
    print(f"\nsubject prepared for {day} and seat created in {time.perf_counter() - started:.2f} s")
    with seat_session(data, seat.name) as db:
        assert seat_today(db) == day
        assert late_values(db, day) == []
        assert history_end(db) == (day - timedelta(days=1), day - timedelta(days=1))
    statistics_show_last_30_days(client, seat.name, seat, day)


def test_every_shipped_subject_keeps_its_history_before_a_december_seat(data):
    from sandbox.subjects.prepare import prepare_subject

    day = date(2026, 12, 5)
    storage = storage_for(data)
    for folder in sorted(p for p in SUBJECTS.iterdir() if (p / "subject.toml").is_file()):
        name = prepare_subject(data, folder, day)
        with Session(storage.engine("templates", name)) as db:
            assert late_values(db, day) == [], folder.name
        storage.dispose("templates", name)



SHOP_PAGES = ["/", "/commandes", "/clients", "/service-client", "/retours", "/avoirs",
              "/commentaires-produits", "/stocks", "/statistiques"]
SITE_PAGES = ["/", "/articles", "/commentaires", "/messages", "/medias", "/newsletter"]
FRENCH_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def _dates(client, url: str) -> set[date]:
    """The French dates a page shows (the page must open: 200, not a login redirect)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    found = FRENCH_DATE.findall(text(response.get_data(as_text=True)))
    return {date(int(y), int(m), int(d)) for d, m, y in found}


def test_the_back_offices_and_public_pages_of_a_december_seat_show_no_date_after_it(data, prepared, client):
    day = date(2026, 12, 5)
    seat = prepared("ln-boutique-a", day=day)
    login(client, seat)
    shop, site = ADMIN.format(seat=seat.name), f"/s/{seat.name}/site/admin"
    form = client.get(f"{site}/login").get_data(as_text=True)
    client.post(f"{site}/login", data={"csrf_token": csrf_token(form), "login": "candidat",
                                       "password": seat.password})
    shown = {f"boutique{page}": _dates(client, f"{shop}{page}") for page in SHOP_PAGES}
    shown |= {f"site{page}": _dates(client, f"{site}{page}") for page in SITE_PAGES}
    shown |= {page: _dates(client, f"/s/{seat.name}{page}") for page in ("/site/", "/boutique/")}
    assert date(2026, 12, 4) in shown["boutique/commandes"]  # yesterday's orders are there
    late = {page: sorted(d for d in dates if d > day) for page, dates in shown.items()}
    scheduled = [day + timedelta(days=5)]  # the seeded scheduled post: 5 days ahead, as on the reference day
    assert {page: d for page, d in late.items() if d} == {"site/": scheduled, "site/articles": scheduled}
