"""The students' side, public: type the class code, pick your name, get your seat and its credentials.

A practice session is formative: the student who picks a name sees that seat's password (the README says
so). Exam seats are never reachable from here: only practice seats are listed.
"""

from __future__ import annotations

from flask import redirect, render_template, url_for

from grading.console.address import centre_base_url
from grading.practice import data, join_bp
from grading.practice.forms import JoinForm, PickForm
from grading.services.practice import session_by_code
from grading.services.practice_seats import join_seat
from grading.services.store import reading
from sandbox.services import ServiceError


@join_bp.route("/", methods=["GET", "POST"])
def join():
    """Type the class code shown on the projector."""
    form = JoinForm()
    if form.validate_on_submit():
        with reading(data()) as db:
            found = session_by_code(db, form.code.data)
        if found is None:
            form.code.errors = ["Code inconnu : vérifiez le code affiché au tableau (6 caractères)."]
        else:
            return redirect(url_for("practice_join.pick", code=found.code))
    return render_template("practice/join.html", form=form)


@join_bp.route("/<code>", methods=["GET", "POST"])
def pick(code: str):
    """Pick your name; then the seat's address and credentials are shown."""
    with reading(data()) as db:
        found = session_by_code(db, code)
    if found is None:
        return redirect(url_for("practice_join.join"))
    form = PickForm()
    form.student.choices = [(0, "— choisissez —")] + [(s.id, s.name) for s in found.students]
    seat, error = None, None
    if form.validate_on_submit():
        try:
            seat = join_seat(data(), found.code, form.student.data)
        except ServiceError as exc:
            form.student.errors = [exc.message] if exc.field == "student" else []
            error = None if exc.field == "student" else exc.message
    return render_template("practice/pick.html", form=form, practice=found, seat=seat, error=error,
                           base_url=centre_base_url())
