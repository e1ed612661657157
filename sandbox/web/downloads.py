"""File downloads: the one place where the CSV content type and the attachment headers are written."""

from __future__ import annotations

from flask import Response

CSV_MIMETYPE = "text/csv; charset=utf-8"


def download(body: bytes | str, mimetype: str, filename: str, private: bool = True) -> Response:
    """A file to save (« attachment »); private ones (marks, grids, personal data) are never cached."""
    response = Response(body, content_type=mimetype)  # verbatim: mimetype= would add a second charset
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response.headers["Cache-Control"] = "no-store"
    return response


def csv_download(body: bytes | str, filename: str) -> Response:
    """A CSV file for a French spreadsheet (the body already holds its BOM and « ; » separators)."""
    return download(body, CSV_MIMETYPE, filename)
