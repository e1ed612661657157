"""Checks that a seat's history agrees with its clock, shared by the subject, practice and exam tests."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from html import unescape

from sqlalchemy import DateTime, func, select
from sqlalchemy.orm import Session

from sandbox.db.timeshift import AHEAD, dated_columns
from sandbox.formatting import format_date
from sandbox.models import Order, TrafficDay
from tests.integration.shop_admin_helpers import ADMIN, login, text

WORLD_STOPS = time(8, 0)  # the seeded world stops on its day at 08:00 (sandbox.seeding)


def late_values(db: Session, day: date) -> list[str]:
    """« table.column = value » for each history value after the seat day (every table, found generically)."""
    late, last_moment = [], datetime.combine(day, WORLD_STOPS)
    for table, columns in dated_columns():
        for column in columns:
            if f"{table.name}.{column.name}" in AHEAD:
                continue
            latest = db.scalar(select(func.max(column)))
            limit = last_moment if isinstance(column.type, DateTime) else day
            if latest is not None and latest > limit:
                late.append(f"{table.name}.{column.name} = {latest}")
    return late


def history_end(db: Session) -> tuple[date, date]:
    """The last day with traffic and the day of the last order."""
    last_order = db.scalar(select(func.max(Order.created_at)))
    return db.scalar(select(func.max(TrafficDay.day))), last_order.date()


def statistics_show_last_30_days(client, seat_name: str, login_seat, day: date) -> list[list[str]]:
    """Open « Statistiques » (30 days by default) and its per-day CSV; returns the CSV rows after checking
    the period shown and that every day before the seat day has visits and the period has orders."""
    login(client, login_seat)
    base = ADMIN.format(seat=seat_name)
    html = client.get(f"{base}/statistiques").get_data(as_text=True)
    start = day - timedelta(days=29)
    assert f"Du {format_date(start)} au {format_date(day)} (30 jours)" in text(html)
    link = re.search(r'<a href="([^"]+)">Exporter les chiffres par jour \(CSV\)</a>', html)
    assert link, "no « Exporter les chiffres par jour (CSV) » link"
    response = client.get(unescape(link.group(1)))
    assert response.status_code == 200, response.status_code
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["Jour", "Visites"]
    days = [r[0] for r in rows[1:]]
    assert days == [format_date(start + timedelta(days=n)) for n in range(30)]
    visits = [int(r[1]) for r in rows[1:]]
    assert all(v > 0 for v in visits[:-1]), visits  # every day of the history, up to yesterday
    assert visits[-1] == 0  # nothing has happened yet today
    assert sum(int(r[3]) for r in rows[1:]) > 0  # valid orders in the period
    return rows
