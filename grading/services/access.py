"""Who may open what: the administrator opens every slot, an examiner only their own.

``user`` is the console session's dict ({"id", "role", …}) or a CentreUser.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from grading.models import GridSheet, Slot, SlotSeat
from grading.models_practice import PracticeSeat


def _user_field(user: Any, name: str) -> Any:
    return user.get(name) if isinstance(user, dict) else getattr(user, name, None)


def is_admin(user: Any) -> bool:
    """Whether the console user (session dict or CentreUser) is the centre administrator."""
    return user is not None and _user_field(user, "role") == "admin"


def can_open_slot(user: Any, slot: Slot) -> bool:
    """An examiner opens only their own slots; the administrator opens every slot."""
    if user is None:
        return False
    return is_admin(user) or (
        _user_field(user, "role") == "examiner" and _user_field(user, "id") == slot.examiner_id
    )


def slots_for(db: Session, user: Any, session_id: int | None = None) -> list[Slot]:
    """The slots a console user may open (all for the administrator), by start time."""
    query = select(Slot).order_by(Slot.starts_at, Slot.id)
    if session_id is not None:
        query = query.where(Slot.session_id == session_id)
    if not is_admin(user):
        query = query.where(Slot.examiner_id == (_user_field(user, "id") or -1))
    return list(db.scalars(query))


def exam_seat_names(db: Session, user: Any) -> set[str] | None:
    """The exam seats a console user may follow: None (every one) for the administrator, the seats of
    their own slots for an examiner, none for a teacher (practice seats have their class view)."""
    if is_admin(user):
        return None
    if user is None or _user_field(user, "role") != "examiner":
        return set()
    query = select(SlotSeat.seat_name).join(Slot).where(Slot.examiner_id == (_user_field(user, "id") or -1))
    return set(db.scalars(query))


def can_write_sheet(user: Any, sheet: GridSheet) -> bool:
    """Only the slot's examiner (or the administrator) writes a candidate's grid; a practice grid, only
    the session's teacher."""
    if sheet.practice_seat_id is not None:
        seat = object_session(sheet).get(PracticeSeat, sheet.practice_seat_id)
        return (user is not None and seat is not None and _user_field(user, "role") == "teacher"
                and _user_field(user, "id") == seat.student.session.teacher_id)
    return can_open_slot(user, sheet.slot_seat.slot)
