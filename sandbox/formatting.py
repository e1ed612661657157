"""French formats for money, numbers and dates, used by templates, summaries and exports."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from markupsafe import Markup

from sandbox.money import to_cents

NARROW_NBSP = "\u202f"


def format_number(value: Decimal | int | float, decimals: int = 0) -> str:
    """1234.5 → "1 234,50" with a narrow no-break space as thousands separator."""
    text = f"{Decimal(value):,.{decimals}f}"
    return text.replace(",", NARROW_NBSP).replace(".", ",")


def format_money(value: Decimal | int | float | None) -> str:
    """1234.5 → "1 234,50 €"."""
    if value is None:
        return ""
    return f"{format_number(to_cents(Decimal(value)), 2)}\xa0€"


def format_date(value: date | datetime | None) -> str:
    """A date as 20/05/2027."""
    return "" if value is None else value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    """A moment as 20/05/2027 14:05."""
    return "" if value is None else value.strftime("%d/%m/%Y %H:%M")


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def format_long_date(value: date | datetime | None) -> str:
    """A date written out as on a blog: « 20 mai 2027 », « 1er juin 2027 »."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def format_percent(rate_bp: int) -> str:
    """Basis points as a French percentage: 550 → "5,5 %"."""
    value = Decimal(rate_bp) / 100
    text = format_number(value, 2).rstrip("0").rstrip(",")
    return f"{text}\xa0%"


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
