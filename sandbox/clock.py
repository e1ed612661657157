"""The seat clock: "today" is the exam session's date (or the context's reference date), not the machine's."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from sandbox.db.timeshift import shift_dates
from sandbox.models import get_setting, set_setting


def seat_today(db: Session) -> date:
    """The date a seat lives on (setting ``clock.today``, ISO format)."""
    return date.fromisoformat(get_setting(db, "clock.today"))


def seat_now(db: Session) -> datetime:
    """Seat date with the machine's time of day: orders and messages made during the test."""
    return datetime.combine(seat_today(db), datetime.now().time().replace(microsecond=0))


def move_seat_day(db: Session, day: date) -> int:
    """Set the seat clock to ``day``, moving the whole seeded history with it; returns the shift in days."""
    days = (day - seat_today(db)).days
    shift_dates(db, days)
    set_setting(db, "clock.today", day.isoformat())
    return days
