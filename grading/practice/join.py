"""The students' side, public: type the class code, pick your name, get your seat and its credentials.

A practice session is formative: the student who picks a name sees that seat's password (the README says
so). Exam seats are never reachable from here: only practice seats are listed.
"""

from __future__ import annotations

import secrets

from flask import redirect, render_template, request, session, url_for

from grading.console.address import centre_base_url
from grading.practice import data, join_bp
from grading.practice.forms import JoinForm, PickForm
from grading.services.practice import session_by_code
from grading.services.practice_seats import join_seat
from grading.services.store import reading
from sandbox import throttle
from sandbox.services import ServiceError


def _browser() -> str:
    """A random id of this browser (kept in its session): the name it picks stays its own."""
    if "practice_browser" not in session:
        session["practice_browser"] = secrets.token_hex(16)
    return session["practice_browser"]


def _find(code: str):
    """The session of a class code, or None; guesses are throttled per client address, as passwords are."""
    def lookup():
        with reading(data()) as db:
            return session_by_code(db, code)
    return throttle.attempt(data(), "code-classe", None, request.remote_addr, lookup)


@join_bp.route("/", methods=["GET", "POST"])
def join():
    """Type the class code shown on the projector."""
    form = JoinForm()
    if form.validate_on_submit():
        try:
            found = _find(form.code.data)
        except throttle.Throttled as exc:
            form.code.errors = [exc.message]
            page = render_template("practice/join.html", form=form)
            return page, 429, {"Retry-After": str(exc.retry_after)}
        if found is None:
            form.code.errors = ["Code inconnu : vérifiez le code affiché au tableau (6 caractères)."]
        else:
            return redirect(url_for("practice_join.pick", code=found.code))
    return render_template("practice/join.html", form=form)


def _label(student) -> str:
    """The student's name, marked when another browser already picked it (only the teacher can free it)."""
    claimed = student.seat is not None and student.seat.claimed_by not in (None, _browser())
    return f"{student.name} (déjà choisi)" if claimed else student.name


@join_bp.route("/<code>", methods=["GET", "POST"])
def pick(code: str):
    """Pick your name; then the seat's address and credentials are shown."""
    try:
        found = _find(code)
    except throttle.Throttled:
        found = None  # back to the code form, which says so
    if found is None:
        return redirect(url_for("practice_join.join"))
    form = PickForm()
    form.student.choices = [(0, "— choisissez —")] + [(s.id, _label(s)) for s in found.students]
    seat, error = None, None
    if form.validate_on_submit():
        try:
            seat = join_seat(data(), found.code, form.student.data, _browser())
        except ServiceError as exc:
            form.student.errors = [exc.message] if exc.field == "student" else []
            error = None if exc.field == "student" else exc.message
    return render_template("practice/pick.html", form=form, practice=found, seat=seat, error=error,
                           base_url=centre_base_url())
