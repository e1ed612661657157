"""Teacher pages: my sessions, a new session (class list pasted or CSV), prepare the seats, seat cards."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from grading.admin.forms import attach_error
from grading.console.address import address_context
from grading.practice import bp, data, teacher_required
from grading.practice.forms import PracticeForm
from grading.services.practice import (
    can_open_practice,
    class_problems,
    create_practice_session,
    get_practice_session,
    sessions_of,
)
from grading.services.practice_seats import prepare_practice_seats
from grading.services.store import reading
from grading.services.subjects import available_subjects, subject_choices
from sandbox.seats import SeatError, get_seat
from sandbox.services import ServiceError


def open_session(db, session_id: int):
    """The teacher's own session, or 404 / 403."""
    try:
        session = get_practice_session(db, session_id)
    except ServiceError as exc:
        abort(404, description=exc.message)
    if not can_open_practice(g.console_user, session):
        abort(403, description="Cette séance d'entraînement est celle d'un autre enseignant.")
    return session


def seats_of(session) -> dict[int, object]:
    """Each student's seat (None while not prepared)."""
    found = {}
    for student in session.students:
        try:
            found[student.id] = get_seat(data(), student.seat.seat_name) if student.seat else None
        except SeatError:
            found[student.id] = None
    return found


@bp.get("/")
@teacher_required
def index():
    """The teacher's practice sessions."""
    with reading(data()) as db:
        return render_template("practice/index.html", sessions=sessions_of(db, g.console_user))


@bp.route("/nouvelle", methods=["GET", "POST"])
@teacher_required
def new():
    """Create a session: title, subjects (one group each), class list, duration, feedback switch."""
    form = PracticeForm()
    subjects = available_subjects(data())
    form.subjects.choices = subject_choices(subjects)
    error = None
    if form.is_submitted():
        valid = form.validate()
        text = form.students.data or ""
        upload = request.files.get(form.file.name)
        if upload and upload.filename:
            text = upload.read().decode("utf-8-sig", errors="replace")
        # All the refusals at once, each beside its field (not the form's first, then the service's).
        for problem in class_problems(data(), form.subjects.data, text):
            valid = False
            error = attach_error(form, problem) or error
    if form.is_submitted() and valid:
        try:
            session = create_practice_session(
                data(), g.console_user, form.title.data, form.subjects.data, text,
                duration_minutes=form.duration.data, show_observables=form.show_observables.data,
                stuck_minutes=form.stuck.data or 5,
            )
        except ServiceError as exc:
            error = attach_error(form, exc)
        else:
            flash(f"Séance créée : code de la classe {session.code}.", "success")
            return redirect(url_for("practice.session", session_id=session.id))
    return render_template("practice/new.html", form=form, error=error, has_subjects=bool(subjects))


@bp.get("/<int:session_id>/")
@teacher_required
def session(session_id: int):
    """A session: class code, students and their seats, actions."""
    with reading(data()) as db:
        found = open_session(db, session_id)
        return render_template("practice/session.html", practice=found, seats=seats_of(found),
                               **address_context())


@bp.post("/<int:session_id>/postes")
@teacher_required
def prepare(session_id: int):
    """Prepare (or reset) every student's seat in one action."""
    with reading(data()) as db:
        open_session(db, session_id)
    try:
        seats = prepare_practice_seats(data(), session_id)
    except ServiceError as exc:
        flash(exc.message, "error")
    else:
        flash(f"{len(seats)} postes prêts.", "success")
    return redirect(url_for("practice.session", session_id=session_id))


@bp.get("/<int:session_id>/fiches-postes")
@teacher_required
def cards(session_id: int):
    """Printable seat cards: one per student, with the class code to join from the projector."""
    with reading(data()) as db:
        found = open_session(db, session_id)
        return render_template("practice/cards.html", practice=found, seats=seats_of(found),
                               **address_context())
