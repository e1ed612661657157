"""Studio pages: the files a subject adds to the seat's media library (add, take out)."""

from __future__ import annotations

from pathlib import Path

from flask import abort, flash, redirect, request, url_for

from grading.studio import bp, library_required
from grading.studio.forms import ActionForm, FileForm
from grading.studio.views import open_or_404, render_editor
from sandbox.services import ServiceError
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts


@bp.post("/<draft_id>/fichiers")
@library_required
def upload_file(draft_id: str):
    """Add a file for the seat's media library."""
    draft = open_or_404(draft_id)
    form = FileForm()
    file = request.files.get(form.file.name)
    if not form.validate_on_submit():
        return render_editor(draft, 400, file=form)
    if not file or not file.filename:
        form.file.errors = ["Choisissez le fichier à ajouter."]
        return render_editor(draft, 422, file=form)
    try:
        with studio.draft_lock(draft):
            studio.touch(draft, form.revision.data)
            parts.add_file(draft, file.filename, file.read(), title=form.file_title.data or "",
                           alt=form.alt.data or "")
    except ServiceError as exc:
        form.file.errors = [exc.message]
        return render_editor(draft, 409 if isinstance(exc, studio.DraftConflict) else 422, file=form)
    flash(f"Fichier « {Path(file.filename).name} » ajouté au sujet.", "success")
    return redirect(url_for("studio.edit", draft_id=draft.id) + "#files")


@bp.post("/<draft_id>/fichiers/retirer")
@library_required
def remove_file(draft_id: str):
    """Take a file out of the subject's media library."""
    draft = open_or_404(draft_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    rel = request.form.get("file", "")
    with studio.draft_lock(draft):
        studio.touch(draft)  # a tab still showing the file must reload before saving
        parts.remove_file(draft, rel)
    flash(f"Fichier « {Path(rel).name} » retiré du sujet.", "success")
    return redirect(url_for("studio.edit", draft_id=draft.id) + "#files")
