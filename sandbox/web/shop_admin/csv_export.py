"""CSV downloads of the back office, in the format French spreadsheets open directly (UTF-8 BOM, « ; »)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from flask import Response

from sandbox.formatting import format_date, format_datetime
from sandbox.web.downloads import csv_download


def _cell(value) -> str:
    """French cells: 1234,50 (no thousands separator, so that spreadsheets read a number), 20/05/2027."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """The CSV text with its BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return "\ufeff" + out.getvalue()


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """A CSV file download."""
    return csv_download(csv_text(header, rows), filename)
