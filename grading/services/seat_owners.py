"""Who works on each exam seat: the candidate and slot shown next to a seat's name in the console."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from grading.models import Candidate, Slot, SlotSeat
from sandbox.formatting import format_date


def seat_owners(db: Session, names: list[str]) -> dict[str, str]:
    """« PETIT Claire — créneau du 20/05/2027 à 14:00 » per seat name (seats of no slot are left out)."""
    rows = db.execute(
        select(SlotSeat.seat_name, Candidate, Slot.starts_at)
        .join(Candidate, Candidate.id == SlotSeat.candidate_id)
        .join(Slot, Slot.id == SlotSeat.slot_id)
        .where(SlotSeat.seat_name.in_(names))
    )
    return {
        name: f"{candidate.full_name} — créneau du {format_date(starts_at)} à {starts_at:%H:%M}"
        for name, candidate, starts_at in rows
    }
