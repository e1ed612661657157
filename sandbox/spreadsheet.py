"""CSV files for French spreadsheets: the one writer every export uses (UTF-8 BOM, « ; », no formulas).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel and LibreOffice: a customer named ``=HYPERLINK(…)`` would run in the teacher's spreadsheet
(« CSV injection »). Such text cells get a leading apostrophe, which spreadsheets show as plain text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from sandbox.formatting import format_date, format_datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# « -12,5 » or « +4 % » are figures already formatted for a French reader, not formulas.
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}([\u202f\u00a0 ]\d{3})+)(,\d+)?([\u202f\u00a0 ]?[%€])?$")


def _text(value) -> str:
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


def safe_cell(value) -> str:
    """One cell as text, a leading apostrophe added when a spreadsheet would read it as a formula."""
    text = _text(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """The CSV text with its BOM, « ; » separators and CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + out.getvalue()


def annex_csv(rows: Iterable[Sequence[str]]) -> str:
    """The CSV of a subject pack's table annex, as the shipped packs write them (« ; », LF, no BOM).

    Not an export: the pack reader shows it as an HTML table, so cells are kept exactly as typed."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    return out.getvalue()
