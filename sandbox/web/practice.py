"""Practice seats only: the student's « Recommencer » (reset my seat, with a confirmation) and the
« Mes observables » panel of the « Sujet » page when the teacher's switch is on.

The decision comes from the seat's own metadata (``Seat.practice``, ``Seat.show_observables`` written
when the teacher prepared the seats), never from the URL: an exam seat never offers either.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired

from sandbox import throttle
from sandbox.seats import Seat, SeatError, get_seat, reset_seat, seat_key
from sandbox.security import check_password
from sandbox.subjects.observables import observe_all
from sandbox.subjects.store import read_subject
from sandbox.web.context import close_seat, data_folder

bp = Blueprint("practice", __name__, url_prefix="/entrainement")
MARKS = {True: "✓ constaté", False: "✗ non constaté", None: "• à apprécier"}


class RestartForm(FlaskForm):
    """Confirm the reset with the seat's password: it proves the student holds this seat's card."""

    password = PasswordField(
        "Mot de passe du poste", validators=[DataRequired("Tapez le mot de passe du poste.")]
    )
    confirm = BooleanField(
        "Je veux effacer tout mon travail et recommencer le sujet depuis le début",
        validators=[DataRequired("Cochez la case pour confirmer.")],
    )


@bp.app_template_global("practice_seat")
def practice_seat() -> Seat | None:
    """The current seat when it is a practice seat, else None (read once per request)."""
    if "seat" not in g:
        return None
    if "practice_seat" not in g:
        try:
            seat = get_seat(data_folder(), g.seat)
        except SeatError:
            seat = None
        g.practice_seat = seat if seat is not None and seat.practice else None
    return g.practice_seat


def my_observables() -> list[dict] | None:
    """The seat's observables by grid line, for the student, when the teacher allowed it; else None."""
    seat = practice_seat()
    if seat is None or not seat.show_observables:
        return None
    subject = read_subject(g.db)
    if subject is None:
        return None
    found = observe_all(g.db, subject)
    return [
        {"text": line.text,
         "items": [{"verdict": MARKS[o.ok], "sentence": o.sentence} for o in found.get(line.id, [])]}
        for line in subject.grid.lines
    ]


@bp.route("/recommencer", methods=["GET", "POST"])
def restart():
    """Reset my practice seat: the subject from the start, same credentials, after a confirmation."""
    seat = practice_seat()
    if seat is None:
        abort(404, description="Seul un poste d'entraînement peut être remis à zéro par l'élève.")
    form = RestartForm()
    if form.validate_on_submit():
        try:
            ok = throttle.attempt(data_folder(), f"{seat.name}:recommencer", seat.name, request.remote_addr,
                                  lambda: check_password(seat.password_hash, form.password.data,
                                                         seat_key(data_folder())))
        except throttle.Throttled as exc:
            form.password.errors = [exc.message]
            page = render_template("practice/restart.html", form=form, seat=seat)
            return page, 429, {"Retry-After": str(exc.retry_after)}
        if not ok:
            form.password.errors = ["Mot de passe incorrect : c'est celui de la fiche de votre poste."]
        else:
            close_seat()  # the seat file is overwritten: release this request's connection first
            reset_seat(data_folder(), seat.name)
            flash("Votre poste est remis à zéro : le sujet recommence depuis le début.", "success")
            return redirect(url_for("seat.home.index", seat=seat.name))
    return render_template("practice/restart.html", form=form, seat=seat)
