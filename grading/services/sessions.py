"""Exam sessions of the centre and the examiners' accounts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from grading.accounts import create_account
from grading.db import CentreUser
from grading.models import Candidate, ExamSession
from grading.services.store import now, writing
from sandbox.services import ServiceError


def create_session(
    data: Path, day: date | None, centre_name: str, academie: str, commissions: str, created_by: str
) -> ExamSession:
    """Create an exam session; commission numbers are typed separated by commas."""
    centre_name, academie = (centre_name or "").strip(), (academie or "").strip()
    if day is None:
        raise ServiceError("Indiquez la date de la session (JJ/MM/AAAA).", "date")
    if not centre_name:
        raise ServiceError("Indiquez le nom du centre d'examen.", "centre_name")
    if not academie:
        raise ServiceError("Indiquez l'académie.", "academie")
    numbers = [c.strip() for c in (commissions or "").split(",") if c.strip()]
    if len(set(numbers)) != len(numbers):
        raise ServiceError("Un numéro de commission est saisi deux fois.", "commissions")
    with writing(data) as db:
        session = ExamSession(
            date=day,
            centre_name=centre_name,
            academie=academie,
            commissions=", ".join(numbers),
            created_by=created_by,
            created_at=now(),
        )
        db.add(session)
    return session


def list_sessions(db: Session) -> list[ExamSession]:
    """Every session, the most recent date first."""
    return list(db.scalars(select(ExamSession).order_by(ExamSession.date.desc(), ExamSession.id.desc())))


def get_session(db: Session, session_id: int) -> ExamSession:
    """The session with that id, or ServiceError."""
    session = db.get(ExamSession, session_id)
    if session is None:
        raise ServiceError(f"La session n° {session_id} n'existe pas.")
    return session


def session_candidates(db: Session, session_id: int) -> list[Candidate]:
    """The session's candidates in alphabetical order."""
    return list(
        db.scalars(
            select(Candidate)
            .where(Candidate.session_id == session_id)
            .order_by(Candidate.last_name, Candidate.first_name, Candidate.number)
        )
    )


def create_examiner(data: Path, username: str, display_name: str, password: str) -> CentreUser:
    """Create an examiner's centre account (« Mme Martin »); refusals come from grading.accounts."""
    return create_account(data, "examiner", username, display_name, password)


def list_examiners(db: Session) -> list[CentreUser]:
    """Active examiners' accounts by name (a disabled examiner gets no new slot)."""
    return list(
        db.scalars(
            select(CentreUser)
            .where(CentreUser.role == "examiner", CentreUser.disabled_at.is_(None))
            .order_by(CentreUser.display_name)
        )
    )
