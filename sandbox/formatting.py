"""French formats for money, numbers and dates (Babel, locale fr_FR), used by templates, summaries and
exports: 1 234,50 € with CLDR's narrow no-break space between thousands, 20/05/2027, « 1er juin 2027 »."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel import dates, numbers
from markupsafe import Markup

from sandbox.money import to_cents

LOCALE = "fr_FR"


def format_number(value: Decimal | int | float, decimals: int = 0) -> str:
    """1234.5 → "1 234,50" with a narrow no-break space as thousands separator."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(Decimal(value), format=pattern, locale=LOCALE)


def format_money(value: Decimal | int | float | None) -> str:
    """1234.5 → "1 234,50 €" (rounded half up to the cent, as invoices are)."""
    if value is None:
        return ""
    return _money(str(to_cents(Decimal(value))))  # by text: -0.00 and 0.00 are equal Decimals


# Babel takes ~0.1 ms a figure and a back-office page shows dozens, mostly the same prices and days again.
@lru_cache(maxsize=8192)
def _money(cents: str) -> str:
    return numbers.format_currency(Decimal(cents), "EUR", locale=LOCALE)


def format_date(value: date | datetime | None) -> str:
    """A date as 20/05/2027."""
    if value is None:
        return ""
    return _day(value.date() if isinstance(value, datetime) else value)


@lru_cache(maxsize=8192)
def _day(value: date) -> str:
    return dates.format_date(value, "dd/MM/y", locale=LOCALE)


def format_datetime(value: datetime | None) -> str:
    """A moment as 20/05/2027 14:05 (the moment as stored: no time-zone conversion)."""
    return "" if value is None else f"{format_date(value)} {value:%H:%M}"


def format_long_date(value: date | datetime | None) -> str:
    """A date written out as on a blog: « 20 mai 2027 », « 1er juin 2027 » (the ordinal is French usage)."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {dates.format_date(value, 'MMMM y', locale=LOCALE)}"


def format_month(year: int, month: int, short: bool = False) -> str:
    """A month as a calendar heads it: « mai 2027 », short « janv. 27 »."""
    return dates.format_date(date(year, month, 1), "MMM yy" if short else "MMMM y", locale=LOCALE)


def format_percent(rate_bp: int) -> str:
    """Basis points as a French percentage: 550 → "5,5 %" (no-break space, as on price tags)."""
    return numbers.format_percent(Decimal(rate_bp) / 10_000, format="#,##0.##\xa0%", locale=LOCALE)


# "http://", then pieces that each start with "/" or "." (a host name, a port and a seat name stay whole).
_ADDRESS_PIECES = re.compile(r"^[a-z][a-z0-9+.-]*://|[./]?[^./]+|[./]")


def format_address(url: str) -> Markup:
    """A printed address that wraps only before « / » or « . », never inside a name or a port.

    A candidate copies it by hand from a seat card: « salle-e5.lycee.test:81 » / « 10/s/s1-1/ » reads as
    another address. The text is unchanged (spans and <wbr> only), so copy and paste still work."""
    pieces = _ADDRESS_PIECES.findall(url) or [url]
    return Markup("<wbr>").join(Markup('<span class="nowrap">{}</span>').format(p) for p in pieces)


def register_filters(app) -> None:
    """Expose the formats as Jinja filters: money, number, date, long_date, datetime, percent, address."""
    app.jinja_env.filters.update(
        money=format_money,
        number=format_number,
        date=format_date,
        long_date=format_long_date,
        datetime=format_datetime,
        percent=format_percent,
        address=format_address,
    )
