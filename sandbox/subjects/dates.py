"""Dates relative to the exam session: "today", "today+15", "today-3 14:30", and {{ today+15 }} in texts.

A subject is written once and used on any session date, so it never holds a calendar date: every
date is an offset from the seat clock (setting ``clock.today``), resolved when the subject is prepared
or observed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from sandbox.formatting import format_date

RELATIVE = re.compile(r"^today\s*(?:([+-])\s*(\d{1,4}))?(?:\s+(\d{1,2}):(\d{2}))?$")
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
DEFAULT_TIME = time(9, 0)
DATE_FIX = 'écrivez "today", "today+15" ou "today-3" (éventuellement suivi d\'une heure : "today-1 14:30")'


class DateSyntaxError(ValueError):
    """A date that is not relative to the exam day; the message is in French."""


def parse_relative(text: object) -> tuple[int, time | None]:
    """Offset in days (and time of day when given) of "today±N [HH:MM]"; DateSyntaxError otherwise."""
    if not isinstance(text, str):
        raise DateSyntaxError(f"« {text} » n'est pas une date relative au jour de l'épreuve")
    match = RELATIVE.match(text.strip())
    if match is None:
        raise DateSyntaxError(f"« {text} » n'est pas une date relative au jour de l'épreuve")
    sign, days, hours, minutes = match.groups()
    offset = int(days or 0) * (-1 if sign == "-" else 1)
    at = None
    if hours is not None:
        if int(hours) > 23 or int(minutes) > 59:
            raise DateSyntaxError(f"« {text} » : heure impossible")
        at = time(int(hours), int(minutes))
    return offset, at


def is_relative(text: object) -> bool:
    """Whether a value is a valid relative date."""
    try:
        parse_relative(text)
    except DateSyntaxError:
        return False
    return True


def in_words(text: str) -> str:
    """A relative date as a teacher reads it: « le jour de l'épreuve + 30 j », « … - 1 j à 14:30 »."""
    offset, at = parse_relative(text)
    words = "le jour de l'épreuve" + (f" {'+' if offset > 0 else '-'} {abs(offset)} j" if offset else "")
    return words + (f" à {at:%H:%M}" if at else "")


def resolve_date(text: str, today: date) -> date:
    """The calendar date of a relative date on the given exam day."""
    offset, _at = parse_relative(text)
    return today + timedelta(days=offset)


def resolve_datetime(text: str, today: date) -> datetime:
    """The moment of a relative date (09:00 when no time is given) on the given exam day."""
    offset, at = parse_relative(text)
    return datetime.combine(today + timedelta(days=offset), at or DEFAULT_TIME)


def placeholder_problems(text: str) -> list[str]:
    """The {{ … }} placeholders of a text that are not relative dates."""
    return [m.group(0) for m in PLACEHOLDER.finditer(text) if not is_relative(m.group(1))]


def fill_dates(text: str, today: date) -> str:
    """Replace {{ today+15 }} and the like by French dates (04/06/2027); other braces are left alone."""

    def replace(match: re.Match) -> str:
        expr = match.group(1)
        return format_date(resolve_date(expr, today)) if is_relative(expr) else match.group(0)

    return PLACEHOLDER.sub(replace, text)
