"""Practice seats: prepare a whole class in one action, reset a student's seat, join by class code.

Preparing 35 seats must take well under 2 s: a seat is a file copy (its password hash is a keyed hash of
microseconds, see sandbox.security); file copies release the GIL, so the seats are made in a small pool.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
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
    set_practice,
)
from sandbox.services import ServiceError

WORKERS = 4


def _fresh_practice_seat(data: Path, name: str, template: str, show_observables: bool, minutes: int) -> Seat:
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
    else:
        if seat is not None:
            remove_seat(data, name)
        create_seat(data, name, template, practice=True, show_observables=show_observables)
    return set_practice(data, name, show_observables, minutes)


def prepare_practice_seats(data: Path, session_id: int) -> list[Seat]:
    """Create (or reset) one seat per student of the session, in one action, in parallel."""
    with reading(data) as db:
        session = get_practice_session(db, session_id)
        jobs = [(s.id, practice_seat_name(session.id, s.position), s.group.template)
                for s in session.students]
        show, minutes = session.show_observables, session.duration_minutes or 0
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            seats = list(pool.map(lambda job: _fresh_practice_seat(data, *job[1:], show, minutes), jobs))
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


TAKEN = ("Ce nom a déjà été choisi depuis un autre navigateur : si c'est bien vous, demandez à "
         "l'enseignant de le libérer.")


def join_seat(data: Path, code: str, student_id: int, browser: str) -> Seat:
    """The seat of the student who picked their name after typing the class code.

    The first browser to pick a name keeps it (``browser``: a random id of its session): another browser
    is refused until the teacher releases the name. The timer starts at the first login in the seat.
    """
    with writing(data) as db:
        session = session_by_code(db, code)
        if session is None:
            raise ServiceError("Code de classe inconnu : vérifiez le code affiché au tableau.", "code")
        student = next((s for s in session.students if s.id == student_id), None)
        if student is None:
            raise ServiceError("Choisissez votre nom dans la liste.", "student")
        if student.seat is None:
            raise ServiceError("Votre poste n'est pas encore prêt : l'enseignant doit préparer les postes.")
        if student.seat.claimed_by not in (None, browser):
            raise ServiceError(TAKEN, "student")
        if student.seat.claimed_by is None:
            student.seat.claimed_by, student.seat.claimed_at = browser, now()
        name = student.seat.seat_name
    return get_seat(data, name)


def release_student(data: Path, session_id: int, student_id: int) -> str:
    """The teacher's « Libérer »: the student's name may be picked again from any browser; their name."""
    with writing(data) as db:
        session = get_practice_session(db, session_id)
        student = next((s for s in session.students if s.id == student_id), None)
        if student is None:
            raise ServiceError("Cet élève n'est pas dans la séance.")
        if student.seat is not None:
            student.seat.claimed_by = student.seat.claimed_at = None
        return student.name
