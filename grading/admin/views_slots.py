"""Administration: slots (create, add a candidate, prepare, archive evidence), seat cards, examiner sheet."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, g, redirect, render_template, request, url_for

from grading.admin import bp, check_slot_access, data
from grading.admin.forms import AddCandidateForm, SlotForm, attach_error
from grading.console.address import address_context
from grading.console.auth import admin_required, console_login_required
from grading.services import timers
from grading.services.accommodations import as_text
from grading.services.evidence import archive_evidence
from grading.services.sessions import get_session, list_examiners, session_candidates
from grading.services.slots import (
    WrongSubjectDate,
    add_candidate,
    create_slot,
    get_place,
    get_slot,
    prepare_slot_seats,
)
from grading.services.store import reading
from grading.services.subjects import available_subjects, subject_choices
from sandbox.seats import SeatError, get_seat
from sandbox.services import ServiceError

SLOT_FIELDS = {
    "template": "template",
    "examiner": "examiner",
    "candidates": "candidates",
    "time": "time",
    "duration": "duration",
    "commission": "commission",
}


def _not_found(message: str):
    abort(404, description=message)


def _candidate_choices(db, session_id: int) -> list[tuple[int, str]]:
    """Candidates, each with their accommodation and the slot they already have (overlaps are refused)."""
    taken = {}
    for slot in get_session(db, session_id).slots:
        for place in slot.seats:
            taken.setdefault(place.candidate_id, []).append(f"{slot.starts_at:%H:%M}")
    return [
        (
            c.id,
            f"{c.full_name} (n° {c.number})"
            + (f" — aménagement : {as_text(c.accommodation)}" if c.accommodation else "")
            + (f" — déjà au créneau de {', '.join(taken[c.id])}" if c.id in taken else ""),
        )
        for c in session_candidates(db, session_id)
    ]


@bp.route("/sessions/<int:session_id>/creneaux/nouveau", methods=["GET", "POST"])
@admin_required
def slot_new(session_id: int):
    """Create a slot: one examiner, one subject, a start time, up to three candidates."""
    form = SlotForm()
    error = fix = None
    if request.method == "GET" and request.args.get("sujet"):
        form.template.data = request.args["sujet"]  # back from « Préparer ce sujet pour le … »
    with reading(data()) as db:
        try:
            exam = get_session(db, session_id)
        except ServiceError as exc:
            return _not_found(exc.message)
        subjects = available_subjects(data())
        form.examiner.choices = [(0, "— choisir —")] + [(u.id, u.display_name) for u in list_examiners(db)]
        form.template.choices = [("", "— choisir —")] + subject_choices(subjects)
        form.commission.choices = [("", "—")] + [(c, c) for c in exam.commission_list]
        if request.method == "GET" and len(exam.commission_list) == 1:
            form.commission.data = exam.commission_list[0]  # the session's only commission: nothing to choose
        form.candidates.choices = _candidate_choices(db, session_id)
        if form.validate_on_submit():
            try:
                slot = create_slot(
                    data(),
                    session_id,
                    datetime.combine(exam.date, form.time.data),
                    form.examiner.data,
                    form.template.data,
                    form.candidates.data or [],
                    form.duration.data,
                    form.commission.data or "",
                )
            except ServiceError as exc:
                error = attach_error(form, exc, SLOT_FIELDS)
                fix = exc if isinstance(exc, WrongSubjectDate) else None
            else:
                flash("Créneau créé. Préparez maintenant les postes.", "success")
                return redirect(url_for("admin.slot", slot_id=slot.id))
        return render_template(
            "admin/slot_new.html", exam=exam, form=form, error=error, subjects=subjects, fix=fix
        )


def _seats(slot) -> dict[int, object]:
    """The seat of each place (None while not prepared)."""
    seats = {}
    for place in slot.seats:
        try:
            seats[place.id] = get_seat(data(), place.seat_name)
        except SeatError:
            seats[place.id] = None
    return seats


@bp.get("/creneaux/<int:slot_id>/")
@console_login_required
def slot(slot_id: int):
    """A slot: candidates, seats, timers, marks, evidence; actions for the administrator."""
    with reading(data()) as db:
        try:
            slot = get_slot(db, slot_id)
        except ServiceError as exc:
            return _not_found(exc.message)
        check_slot_access(slot)
        form = AddCandidateForm()
        form.candidate.choices = [(0, "— choisir —")] + _candidate_choices(db, slot.session_id)
        return render_template(
            "admin/slot.html",
            slot=slot,
            seats=_seats(slot),
            form=form,
            timers=timers,
            is_admin=g.console_user.get("role") == "admin",
        )


@bp.post("/creneaux/<int:slot_id>/candidats")
@admin_required
def slot_add_candidate(slot_id: int):
    """Add one candidate to a slot (a fourth one is refused)."""
    form = AddCandidateForm()
    form.candidate.choices = []
    if form.validate_on_submit():
        try:
            add_candidate(data(), slot_id, form.candidate.data)
            flash("Candidat ajouté au créneau : préparez de nouveau les postes.", "success")
        except ServiceError as exc:
            flash(exc.message, "error")
    else:
        flash("Choisissez un candidat.", "error")
    return redirect(url_for("admin.slot", slot_id=slot_id))


@bp.post("/creneaux/<int:slot_id>/preparer")
@admin_required
def slot_prepare(slot_id: int):
    """« Préparer les postes »: create or reset one seat per candidate from the subject template."""
    try:
        places = prepare_slot_seats(data(), slot_id)
    except ServiceError as exc:
        flash(exc.message, "error")
    else:
        flash(
            f"{len(places)} poste{'s' if len(places) > 1 else ''} prêt{'s' if len(places) > 1 else ''} : "
            "imprimez les fiches des postes.",
            "success",
        )
    return redirect(url_for("admin.slot", slot_id=slot_id))


@bp.post("/places/<int:place_id>/archiver")
@admin_required
def place_archive(place_id: int):
    """Archive a finished test's evidence (seat snapshot, timeline, grid)."""
    with reading(data()) as db:
        try:
            slot_id = get_place(db, place_id).slot_id
        except ServiceError as exc:
            return _not_found(exc.message)
    try:
        evidence = archive_evidence(data(), place_id)
    except ServiceError as exc:
        flash(exc.message, "error")
    else:
        flash(f"Preuves archivées dans {evidence.folder}.", "success")
    return redirect(url_for("admin.slot", slot_id=slot_id))


@bp.get("/creneaux/<int:slot_id>/fiches-postes")
@admin_required
def seat_cards(slot_id: int):
    """Printable seat cards: one per candidate with the seat address, logins and password."""
    with reading(data()) as db:
        try:
            slot = get_slot(db, slot_id)
        except ServiceError as exc:
            return _not_found(exc.message)
        return render_template("admin/seat_cards.html", slot=slot, seats=_seats(slot), **address_context())


@bp.get("/creneaux/<int:slot_id>/fiche-examinateur")
@console_login_required
def examiner_sheet(slot_id: int):
    """Printable examiner sheet: slot, subject, candidates and their seats."""
    with reading(data()) as db:
        try:
            slot = get_slot(db, slot_id)
        except ServiceError as exc:
            return _not_found(exc.message)
        check_slot_access(slot)
        return render_template(
            "admin/examiner_sheet.html", slot=slot, seats=_seats(slot), **address_context()
        )
