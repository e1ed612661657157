"""A complete demo exam day on the installed context: a session today, an examiner, three candidates on a
shipped subject, their seats ready. Idempotent: running it again reuses everything that exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from grading.accounts import create_user
from grading.db import find_user
from grading.models import ExamSession, Slot
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from sandbox.db.storage import storage_for
from sandbox.paths import write_private
from sandbox.seats import Seat, get_seat
from sandbox.security import generate_password

SUBJECTS = Path(__file__).resolve().parent.parent / "subjects"
DEMO_SUBJECT = SUBJECTS / "ln-boutique-a"
CENTRE = "Centre d'examen de démonstration"
EXAMINER = ("examinateur", "Mme Examinatrice (démo)")
EXAMINER_PASSWORD_FILE = "demo-examiner-password.txt"  # noqa: S105 — a file name, not a password
CANDIDATES = "numéro;nom;prénom\nD0001;Lambert;Camille\nD0002;Nguyen;Théo\nD0003;Diallo;Awa\n"


@dataclass
class DemoPlace:
    """A demo candidate and their seat (with its credentials)."""

    candidate: str
    seat: Seat


@dataclass
class DemoDay:
    """What the demo prints: the examiner's credentials, the slot and its seats."""

    examiner: str
    examiner_password: str
    slot_id: int
    slot_label: str
    places: list[DemoPlace]


def ensure_examiner(data: Path) -> str:
    """The demo examiner's account (created once); returns its password, kept in the data folder."""
    saved = data / EXAMINER_PASSWORD_FILE
    with reading(data) as db:
        exists = find_user(db, EXAMINER[0]) is not None
    if exists:
        return saved.read_text(encoding="utf-8").strip() if saved.exists() else "(celui choisi à la création)"
    password = generate_password()
    create_user(data, EXAMINER[0], password, "examiner", EXAMINER[1])
    write_private(saved, password + "\n")
    return password


def ensure_subject(data: Path, subject: Path, day: date) -> str:
    """The subject template prepared for that day (prepared only when missing)."""
    from sandbox.subjects.prepare import prepare_subject

    name = f"subject-{subject.name}-{day.isoformat()}"
    if storage_for(data).exists("templates", name):
        return name
    return prepare_subject(data, subject, day)


def ensure_session(data: Path, day: date) -> int:
    """The demo centre's session of that day, with its three candidates."""
    with reading(data) as db:
        session = db.scalar(
            select(ExamSession).where(ExamSession.date == day, ExamSession.centre_name == CENTRE)
        )
    if session is None:
        session = create_session(data, day, CENTRE, "Lille", "DEMO-1", "demo")
    with reading(data) as db:
        has_candidates = bool(db.get(ExamSession, session.id).candidates)
    if not has_candidates:
        import_candidates(data, session.id, CANDIDATES)
    return session.id


def ensure_slot(data: Path, session_id: int, template: str, now: datetime) -> int:
    """The demo examiner's slot of the session on that subject, with its seats prepared."""
    with reading(data) as db:
        examiner = find_user(db, EXAMINER[0])
        session = db.get(ExamSession, session_id)
        mine = [s for s in session.slots if s.examiner_id == examiner.id and s.template == template]
        slot = mine[0] if mine else None
        candidate_ids = [c.id for c in session.candidates][:3]
    if slot is None:
        starts_at = now.replace(second=0, microsecond=0)
        slot = create_slot(data, session_id, starts_at, examiner.id, template, candidate_ids, 40, "DEMO-1")
    if slot.prepared_at is None:
        prepare_slot_seats(data, slot.id)
    return slot.id


def demo_day(data: Path, subject: Path = DEMO_SUBJECT, now: datetime | None = None) -> DemoDay:
    """Set up (or find again) the demo exam day of today."""
    now = now or datetime.now()
    password = ensure_examiner(data)
    template = ensure_subject(data, subject, now.date())
    slot_id = ensure_slot(data, ensure_session(data, now.date()), template, now)
    with reading(data) as db:
        slot = db.get(Slot, slot_id)
        subject = slot.subject_letter or slot.subject_id
        label = f"Créneau du {slot.starts_at:%d/%m/%Y à %H:%M} — sujet {subject}"
        places = [DemoPlace(p.candidate.full_name, get_seat(data, p.seat_name)) for p in slot.seats]
    return DemoDay(EXAMINER[0], password, slot_id, label, places)
