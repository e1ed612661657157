"""Practice seats: prepare a whole class in one action, reset a student's seat, join by class code.

Preparing 35 seats must take well under 2 s: the seat copy is a file copy, but each seat's password hash
(argon2, ~40 ms) dominates; argon2 releases the GIL, so the seats are made in a small thread pool.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from grading.models_practice import PracticeSeat
from grading.services.practice import (
    get_practice_session,
    is_practice_seat_name,
    practice_seat_name,
    session_by_code,
)
from grading.services.store import now, reading, writing
from sandbox.seats import (
    Seat,
    SeatError,
    create_seat,
    get_seat,
    remove_seat,
    reset_seat,
    set_deadline,
    set_practice,
)
from sandbox.services import ServiceError

WORKERS = 4


def _fresh_practice_seat(data: Path, name: str, template: str, show_observables: bool) -> Seat:
    """The seat as its template is; refuses to touch a seat that is not a practice seat."""
    if not is_practice_seat_name(name):
        raise ServiceError(f"Le poste « {name} » n'est pas un poste d'entraînement.")
    try:
        seat = get_seat(data, name)
    except SeatError:
        seat = None
    if seat is not None and not seat.practice:
        raise ServiceError(f"Le poste « {name} » est un poste d'examen : il ne sert pas à l'entraînement.")
    if seat is not None and seat.template == template:
        reset_seat(data, name)
        return set_practice(data, name, show_observables)
    if seat is not None:
        remove_seat(data, name)
    return create_seat(data, name, template, practice=True, show_observables=show_observables)


def prepare_practice_seats(data: Path, session_id: int) -> list[Seat]:
    """Create (or reset) one seat per student of the session, in one action, in parallel."""
    with reading(data) as db:
        session = get_practice_session(db, session_id)
        jobs = [(s.id, practice_seat_name(session.id, s.position), s.group.template)
                for s in session.students]
        show = session.show_observables
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            seats = list(pool.map(lambda job: _fresh_practice_seat(data, job[1], job[2], show), jobs))
    except SeatError as exc:
        raise ServiceError(str(exc)) from exc
    with writing(data) as db:
        session = get_practice_session(db, session_id)
        moment = now()
        for student, (_id, name, _template) in zip(session.students, jobs, strict=True):
            if student.seat is None:
                db.add(PracticeSeat(student=student, seat_name=name, prepared_at=moment, reset_count=0))
            else:
                student.seat.prepared_at = moment
        session.prepared_at = moment
    return seats


def reset_student_seat(data: Path, seat_name: str) -> Seat:
    """Reset a practice seat (same credentials, the subject from the start); refuses an exam seat."""
    try:
        seat = get_seat(data, seat_name)
    except SeatError as exc:
        raise ServiceError(str(exc)) from exc
    if not seat.practice or not is_practice_seat_name(seat_name):
        raise ServiceError("Seul un poste d'entraînement peut être remis à zéro ainsi.")
    seat = reset_seat(data, seat_name)
    with writing(data) as db:
        row = db.scalar(select(PracticeSeat).where(PracticeSeat.seat_name == seat_name))
        if row is not None:
            row.reset_count += 1
    return seat


def join_seat(data: Path, code: str, student_id: int) -> Seat:
    """The seat of the student who picked their name after typing the class code (its timer starts)."""
    with reading(data) as db:
        session = session_by_code(db, code)
        if session is None:
            raise ServiceError("Code de classe inconnu : vérifiez le code affiché au tableau.", "code")
        student = next((s for s in session.students if s.id == student_id), None)
        if student is None:
            raise ServiceError("Choisissez votre nom dans la liste.", "student")
        if student.seat is None:
            raise ServiceError("Votre poste n'est pas encore prêt : l'enseignant doit préparer les postes.")
        name, minutes = student.seat.seat_name, session.duration_minutes
    seat = get_seat(data, name)
    if minutes and not seat.deadline:
        seat = set_deadline(data, name, now() + timedelta(minutes=minutes))
    return seat
