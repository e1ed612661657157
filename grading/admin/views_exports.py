"""Administration: harmonisation page and downloads (marks CSV, grid PDFs, session archive)."""

from __future__ import annotations

from flask import abort, render_template

from grading.admin import bp, check_slot_access, data
from grading.console.auth import admin_required, console_login_required
from grading.exports.archive import grid_file_name, session_archive
from grading.exports.marks_csv import marks_csv
from grading.models import GridSheet
from grading.services.evidence import grid_document
from grading.services.harmonisation import harmonisation as harmonisation_data
from grading.services.marks import mark_rows
from grading.services.sessions import get_session
from grading.services.store import reading
from sandbox.services import ServiceError
from sandbox.web.downloads import csv_download, download


def _not_found(message: str):
    abort(404, description=message)


@bp.get("/sessions/<int:session_id>/harmonisation")
@admin_required
def harmonisation(session_id: int):
    """Marks by examiner and by subject: count, mean, median, extremes, distribution."""
    with reading(data()) as db:
        try:
            exam = get_session(db, session_id)
        except ServiceError as exc:
            return _not_found(exc.message)
        rows = mark_rows(db, session_id)
        return render_template(
            "admin/harmonisation.html", exam=exam, groups=harmonisation_data(rows), rows=rows
        )


@bp.get("/sessions/<int:session_id>/notes.csv")
@admin_required
def marks_export(session_id: int):
    """The session's marks as CSV (French spreadsheet)."""
    with reading(data()) as db:
        try:
            exam = get_session(db, session_id)
        except ServiceError as exc:
            return _not_found(exc.message)
        content = marks_csv(mark_rows(db, session_id))
    return csv_download(content, f"notes-e5-{exam.date.isoformat()}.csv")


@bp.get("/sessions/<int:session_id>/archive.zip")
@admin_required
def session_export(session_id: int):
    """The whole session: marks CSV, every grid PDF, every evidence file."""
    with reading(data()) as db:
        try:
            exam = get_session(db, session_id)
        except ServiceError as exc:
            return _not_found(exc.message)
        content = session_archive(data(), db, session_id)
    return download(content, "application/zip", f"session-e5-{exam.date.isoformat()}.zip")


@bp.get("/grilles/<int:sheet_id>.pdf")
@console_login_required
def grid_export(sheet_id: int):
    """One candidate's grid as PDF (administrator, or the slot's examiner)."""
    with reading(data()) as db:
        sheet = db.get(GridSheet, sheet_id)
        if sheet is None:
            return _not_found(f"La grille n° {sheet_id} n'existe pas.")
        check_slot_access(sheet.slot_seat.slot)
        # fpdf (with fontTools) weighs ~20 MB: loaded by the first PDF, not by every server process.
        from grading.exports.pdf import grid_pdf

        content = grid_pdf(grid_document(sheet.slot_seat))
        name = grid_file_name(sheet.slot_seat)
    return download(content, "application/pdf", name)
