"""The session's marks, one row per candidate's place: what the CSV export and harmonisation read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from grading.models import Slot, SlotSeat
from grading.services.accommodations import describe
from grading.services.sheets import changed_after_signing


@dataclass
class MarkRow:
    """A candidate's mark with who gave it, on which subject, and whether the grid is signed."""

    place_id: int
    sheet_id: int
    number: str
    last_name: str
    first_name: str
    commission: str
    starts_at: datetime
    examiner: str
    subject: str  # « A — E5B-2027-LN-A »
    subject_id: str
    mark: Decimal | None
    signed_by: str
    signed_at: datetime | None
    accommodation: str = ""  # « tiers-temps (+13 min 20 s) », or ""
    changed_after_signing: datetime | None = None  # last change of the mark or a level once signed


def subject_label(slot: Slot) -> str:
    """A subject as people name it: « Sujet A (E5B-2027-LN-A) », else its id."""
    if slot.subject_letter:
        return f"Sujet {slot.subject_letter}" + (f" ({slot.subject_code})" if slot.subject_code else "")
    return slot.subject_code or slot.subject_id


def mark_rows(db: Session, session_id: int) -> list[MarkRow]:
    """Every place of the session's slots, ordered by candidate name."""
    places = db.scalars(
        select(SlotSeat).join(Slot, SlotSeat.slot_id == Slot.id).where(Slot.session_id == session_id)
    )
    rows = [
        MarkRow(
            place_id=p.id,
            sheet_id=p.sheet.id,
            number=p.candidate.number,
            last_name=p.candidate.last_name,
            first_name=p.candidate.first_name,
            commission=p.slot.commission,
            starts_at=p.slot.starts_at,
            examiner=p.slot.examiner.display_name,
            subject=subject_label(p.slot),
            subject_id=p.slot.subject_id,
            mark=p.sheet.mark,
            signed_by=p.sheet.signed_by_name,
            signed_at=p.sheet.signed_at,
            accommodation=describe(p.candidate.accommodation, p.slot.duration_minutes),
            changed_after_signing=changed_after_signing(p.sheet),
        )
        for p in places
    ]
    return sorted(rows, key=lambda r: (r.last_name.lower(), r.first_name.lower(), r.number))
