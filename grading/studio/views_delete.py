"""Studio page: delete a draft, after a confirmation page that says what goes with it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from grading.studio import bp, data, library_required
from grading.studio.forms import ActionForm
from grading.studio.views import open_or_404
from sandbox.subjects.studio.draft import header
from sandbox.subjects.studio.removal import delete_draft
from sandbox.subjects.studio.trial import trial_title
from sandbox.subjects.studio.versions import list_versions


@bp.get("/<draft_id>/supprimer")
@library_required
def delete_confirm(draft_id: str):
    """« Supprimer le brouillon ? »: what is deleted, « Supprimer définitivement » or « Annuler »."""
    draft = open_or_404(draft_id)
    return render_template("studio/delete.html", draft=draft, head=header(draft), title=trial_title(draft),
                           versions=list_versions(draft), form=ActionForm())


@bp.post("/<draft_id>/supprimer")
@library_required
def delete(draft_id: str):
    """Delete the draft, its versions, its scratch seats and its trial."""
    draft = open_or_404(draft_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    title = trial_title(draft)
    delete_draft(data(), draft)
    flash(f"Brouillon « {title} » supprimé, avec ses versions et ses postes d'essai.", "success")
    return redirect(url_for("studio.index"))
