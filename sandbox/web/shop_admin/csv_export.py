"""CSV downloads of the back office, in the format French spreadsheets open directly (UTF-8 BOM, « ; »)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask import Response

from sandbox.spreadsheet import csv_text
from sandbox.web.downloads import csv_download


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """A CSV file download."""
    return csv_download(csv_text(header, rows), filename)
