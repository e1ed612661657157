"""Administration: import a session's candidates (upload or paste → preview → confirm)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from grading.admin import bp, data
from grading.admin.forms import AccommodationForm, ConfirmImportForm, ImportForm, attach_error
from grading.console.auth import admin_required
from grading.models import Candidate
from grading.services.accommodations import as_text, describe, set_accommodation
from grading.services.candidates import decode, import_candidates, preview_candidates, refuse_binary
from grading.services.sessions import get_session
from grading.services.store import reading
from sandbox.services import ServiceError

MAX_BYTES = 2 * 1024 * 1024


def _session_or_404(session_id: int):
    with reading(data()) as db:
        try:
            return get_session(db, session_id)
        except ServiceError:
            return None


@bp.route("/sessions/<int:session_id>/candidats", methods=["GET", "POST"])
@admin_required
def import_form(session_id: int):
    """Upload or paste a CSV file; a valid post shows the preview, nothing is created yet."""
    exam = _session_or_404(session_id)
    if exam is None:
        abort(404, description=f"La session n° {session_id} n'existe pas.")
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        raw: bytes | str = (
            upload.read(MAX_BYTES + 1) if upload and upload.filename else (form.content.data or "")
        )
        if len(raw) > MAX_BYTES:
            form.file.errors = ["Fichier trop gros (2 Mo au plus)."]
        elif not raw.strip():
            form.content.errors = ["Choisissez un fichier ou collez son contenu."]
        else:
            try:
                preview = preview_candidates(data(), session_id, raw)
            except ServiceError as exc:  # not a text file: said next to the field, nothing read
                form.file.errors = [exc.message]
                return render_template("admin/import.html", exam=exam, form=form), 422
            form.content.data = decode(raw)[0]  # shown again, to be corrected in place
            confirm = ConfirmImportForm(formdata=None, content=form.content.data)
            return render_template(
                "admin/import_preview.html", exam=exam, preview=preview, confirm=confirm, form=form
            )
    return render_template("admin/import.html", exam=exam, form=form)


@bp.post("/sessions/<int:session_id>/candidats/confirmer")
@admin_required
def import_confirm(session_id: int):
    """Create every previewed candidate, or none (errors shown again line by line)."""
    exam = _session_or_404(session_id)
    if exam is None:
        abort(404, description=f"La session n° {session_id} n'existe pas.")
    confirm = ConfirmImportForm()
    try:
        refuse_binary(confirm.content.data or "")
    except ServiceError as exc:  # only a hand-made request sends this: the preview refused it already
        flash(exc.message, "error")
        return redirect(url_for("admin.import_form", session_id=session_id))
    if confirm.validate_on_submit():
        try:
            count = import_candidates(data(), session_id, confirm.content.data or "")
        except ServiceError:
            preview = preview_candidates(data(), session_id, confirm.content.data or "")
            return render_template(
                "admin/import_preview.html",
                exam=exam,
                preview=preview,
                confirm=confirm,
                form=ImportForm(formdata=None, content=confirm.content.data),
            ), 422
        flash(f"{count} candidat{'s' if count > 1 else ''} importé{'s' if count > 1 else ''}.", "success")
    return redirect(url_for("admin.session", session_id=session_id))


@bp.route("/candidats/<int:candidate_id>/amenagement", methods=["GET", "POST"])
@admin_required
def accommodation(candidate_id: int):
    """Give a candidate extra time (« tiers-temps » or « +20 »), or remove it, before their test."""
    with reading(data()) as db:
        candidate = db.get(Candidate, candidate_id)
        if candidate is None:
            missing = f"Le candidat n° {candidate_id} n'existe pas."
            abort(404, description=missing)
        exam = candidate.session
    form = AccommodationForm(data={"accommodation": as_text(candidate.accommodation)})
    if form.validate_on_submit():
        try:
            saved = set_accommodation(data(), candidate_id, form.accommodation.data or "")
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            what = describe(saved.accommodation, 40) or "aucun aménagement"
            flash(f"{saved.full_name} : {what}.", "success")
            return redirect(url_for("admin.session", session_id=exam.id))
    return render_template("admin/accommodation.html", candidate=candidate, exam=exam, form=form)
