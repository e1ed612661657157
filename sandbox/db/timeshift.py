"""Move a seeded database in time: every Date and DateTime column of every table, by a whole number of days.

A context is seeded once, on its reference date; a subject is prepared for an exam or practice date. Shifting
the whole world by (date − reference date) makes the seat the reference world seen that many days later: the
history ends the day before, and every fact relative to today stays true (ages to the day, a promotion that
is running or expired, a restock in three weeks, a post scheduled in five days). What depends on the calendar
itself does not survive the move: weekdays, seasons, month boundaries and dates written in texts.

The pass is generic (a new table is covered without touching this file) and runs a few SQL UPDATEs per table,
never a loop over rows in Python. The time of day is kept verbatim, so values keep their stored format.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Table,
    UniqueConstraint,
    cast,
    func,
    literal,
    literal_column,
    select,
    update,
)
from sqlalchemy.orm import Session

import sandbox.models  # noqa: F401  (registers every table on the metadata walked below)
from sandbox.db.base import Base

# Columns that may hold a date after the seat day (plans, not history): validity periods, a restock date, a
# scheduled post. They move with the rest, so they stay the same number of days ahead.
AHEAD = frozenset(
    {
        "cart_rule.date_from",
        "cart_rule.date_to",
        "catalog_rule.date_from",
        "catalog_rule.date_to",
        "specific_price.date_from",
        "specific_price.date_to",
        "popup.starts_on",
        "popup.ends_on",
        "product.available_date",
        "post.published_at",  # a scheduled post (status « future »)
        "post.updated_at",  # the seeding dates a scheduled post's last change on its publication day
    }
)


def _kind(column: Column):
    return getattr(column.type, "impl_instance", column.type)  # a TypeDecorator over a date type counts too


def _is_dated(column: Column) -> bool:
    return isinstance(_kind(column), (Date, DateTime))


def dated_columns(metadata=Base.metadata) -> Iterator[tuple[Table, list[Column]]]:
    """Every table that has Date/DateTime columns, with those columns, in dependency order."""
    for table in metadata.sorted_tables:
        columns = [c for c in table.columns if _is_dated(c)]
        if columns:
            yield table, columns


def _shifted(column: Column, days: int, dialect: str = "sqlite"):
    """SQL for the column moved by ``days`` (SQLite stores « YYYY-MM-DD[ HH:MM:SS.ffffff] » text;
    PostgreSQL adds an interval, which keeps the time of day too)."""
    if dialect == "postgresql":  # date + integer is a date; timestamp + interval keeps its time of day
        step = "interval '{} days'" if isinstance(_kind(column), DateTime) else "{}"
        return column + literal_column(step.format(int(days)))
    moved = func.date(column, literal(f"{days:+d} days"))
    if isinstance(_kind(column), DateTime):
        return moved.op("||")(func.substr(column, 11))  # the time of day, untouched
    return moved


def _is_key(table: Table, column: Column) -> bool:
    """Whether the column is part of the primary key or of a unique constraint or index."""
    if column.primary_key:
        return True
    uniques = [c.columns for c in table.constraints if isinstance(c, UniqueConstraint)]
    uniques += [i.columns for i in table.indexes if i.unique]
    return any(column.name in cols for cols in uniques)


def _span_days(db: Session, column: Column) -> int:
    """Days between the smallest and the largest value of the column (0 when empty)."""
    if db.get_bind().dialect.name == "postgresql":
        span = cast(func.max(column), Date) - cast(func.min(column), Date)
    else:
        span = func.julianday(func.max(func.date(column))) - func.julianday(func.min(func.date(column)))
    return int(db.scalar(select(span)) or 0)


def shift_dates(db: Session, days: int, metadata=Base.metadata) -> None:
    """Move every Date/DateTime value of the database by ``days`` days (SQLite, PostgreSQL; no-op for 0)."""
    if not days:
        return
    dialect = db.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"shift_dates: {dialect} is not supported yet")
    for table, columns in dated_columns(metadata):
        keyed = [c for c in columns if _is_key(table, c)]
        plain = [c for c in columns if not _is_key(table, c)]  # (not « c not in keyed »: Column overloads ==)
        if plain:
            db.execute(update(table).values({c.name: _shifted(c, days, dialect) for c in plain}))
        for column in keyed:
            # SQLite checks a key row by row: moving in one step could collide with a row not moved yet.
            # Go first past every current value, then come back to the target.
            detour = _span_days(db, column) + 1 + abs(days)
            db.execute(update(table).values({column.name: _shifted(column, days + detour, dialect)}))
            db.execute(update(table).values({column.name: _shifted(column, -detour, dialect)}))
