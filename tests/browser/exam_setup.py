"""Shared set-up for browser tests that need an exam: a shipped subject prepared for today, a session with its
candidates, and a slot of an examiner whose seats are ready (written once here instead of in each test)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.models import ExamSession, Slot
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from tests.browser.conftest import EXAMINER


def subject_today(live, subject: Path = DEMO_SUBJECT, skip_missing: bool = True) -> tuple[str, datetime]:
    """Prepare a shipped subject for today (skip when absent, if allowed); return its template and now."""
    if skip_missing and not (subject / "subject.toml").exists():
        pytest.skip(f"shipped subject {subject.name} not there")
    from sandbox.subjects.prepare import prepare_subject

    now = datetime.now().replace(second=0, microsecond=0)
    return prepare_subject(live.data, subject, now.date()), now


def session_today(
    live, now: datetime, candidates: str, commissions: str = "", centre: str = "Lycée Jean Moulin"
):
    """Create today's session in Lille and import its candidates (« numéro;nom;prénom » lines)."""
    session = create_session(live.data, now.date(), centre, "Lille", commissions, "admin")
    import_candidates(live.data, session.id, candidates)
    return session


def candidate_ids(live, session_id: int) -> list[int]:
    """The session's candidate ids, in the session's order (by name)."""
    with reading(live.data) as db:
        return [c.id for c in db.get(ExamSession, session_id).candidates]


def ready_slot(
    live,
    session_id: int,
    starts_at: datetime,
    template: str,
    minutes: int,
    commission: str = "",
    examiner: str = EXAMINER[0],
    candidates: list[int] | None = None,
) -> int:
    """A slot of the examiner for the given candidates (all the session's by default), its seats prepared."""
    with reading(live.data) as db:
        examiner_id = find_user(db, examiner).id
    ids = candidate_ids(live, session_id) if candidates is None else candidates
    slot = create_slot(live.data, session_id, starts_at, examiner_id, template, ids, minutes, commission)
    prepare_slot_seats(live.data, slot.id)
    return slot.id


def slot_places(live, slot_id: int) -> list[tuple[str, str]]:
    """Each seat of the slot as (candidate's full name, seat name), in the slot's order."""
    with reading(live.data) as db:
        return [(p.candidate.full_name, p.seat_name) for p in db.get(Slot, slot_id).seats]
