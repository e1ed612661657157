"""The session archive: one zip with the marks CSV, every grid as PDF and every evidence file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from grading.exports.marks_csv import marks_csv
from grading.models import Slot, SlotSeat
from grading.services.evidence import evidence_files, grid_document
from grading.services.marks import mark_rows


def grid_file_name(place: SlotSeat) -> str:
    """« grille-<numéro>-<NOM>.pdf », safe in any file system."""
    name = "".join(c if c.isalnum() else "-" for c in place.candidate.last_name.upper())
    return f"grille-{place.candidate.number}-{name}.pdf"


def session_archive(data: Path, db: Session, session_id: int) -> bytes:
    """The zip of a session: notes.csv, grilles/*.pdf, preuves/<archive>/* (seat DB, timeline, grid)."""
    # fpdf (with fontTools) weighs ~20 MB: loaded by the first PDF, not by every server process.
    from grading.exports.pdf import grid_pdf

    buffer = io.BytesIO()
    places = db.scalars(
        select(SlotSeat)
        .join(Slot, SlotSeat.slot_id == Slot.id)
        .where(Slot.session_id == session_id)
        .order_by(Slot.starts_at, SlotSeat.position)
    )
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.csv", marks_csv(mark_rows(db, session_id)))
        for place in places:
            archive.writestr(f"grilles/{grid_file_name(place)}", grid_pdf(grid_document(place)))
            for evidence in place.evidence:
                for path in evidence_files(data, evidence):
                    archive.write(path, f"preuves/{Path(evidence.folder).name}/{path.name}")
    return buffer.getvalue()
