"""One helper writes every CSV download: content type declared once, attachment, never cached."""

from __future__ import annotations

from flask import Flask

from sandbox.web.downloads import CSV_MIMETYPE, csv_download


def test_csv_download_headers():
    with Flask(__name__).test_request_context():
        response = csv_download("\ufeffa;b\r\n", "notes.csv")
    assert response.headers["Content-Type"] == CSV_MIMETYPE == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="notes.csv"'
    assert response.headers["Cache-Control"] == "no-store"
