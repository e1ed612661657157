"""Studio pages: versions (save, history with differences, restore), « Essayer comme candidat » and
« Ajouter à la bibliothèque »."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from grading.console.address import centre_base_url
from grading.services.store import now as clock_now
from grading.studio import author, bp, data, library_required
from grading.studio.forms import ActionForm, RestoreForm, VersionForm
from grading.studio.views import open_or_404, render_editor
from sandbox.packs.errors import PackError
from sandbox.services import ServiceError
from sandbox.subjects.studio.draft import draft_lock, touch
from sandbox.subjects.studio.share import add_to_library
from sandbox.subjects.studio.trial import trial_title, try_as_candidate
from sandbox.subjects.studio.versions import diff_summary, list_versions, restore_version, save_version


@bp.post("/<draft_id>/versions")
@library_required
def save_version_(draft_id: str):
    """« Enregistrer une version »: keep the draft as it is now, with a comment."""
    draft = open_or_404(draft_id)
    form = VersionForm()
    if not form.validate_on_submit():
        return render_editor(draft, 400, version=form)
    with draft_lock(draft):
        version = save_version(draft, author(), form.comment.data or "")
    flash(f"Version {version.number} enregistrée.", "success")
    return redirect(url_for("studio.history", draft_id=draft.id))


@bp.get("/<draft_id>/versions/")
@library_required
def history(draft_id: str):
    """Every version: author, date, comment, what changed since, and « Restaurer »."""
    draft = open_or_404(draft_id)
    versions = list_versions(draft)
    return render_template("studio/history.html", draft=draft, versions=versions, restore=RestoreForm(),
                           diffs={v.number: diff_summary(draft, v.number) for v in versions})


@bp.post("/<draft_id>/versions/restaurer")
@library_required
def restore(draft_id: str):
    """Put a version back (the current state is saved as a version first: nothing is lost)."""
    draft = open_or_404(draft_id)
    form = RestoreForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        number = form.number.data
        with draft_lock(draft):
            kept = save_version(draft, author(), f"Avant la restauration de la version {number}")
            restore_version(draft, number)
            touch(draft)  # a tab still open on the older state gets the conflict message
    except ServiceError as exc:
        flash(exc.message, "error")
        return redirect(url_for("studio.history", draft_id=draft.id))
    flash(f"Version {number} restaurée ; l'état précédent est gardé comme version {kept.number}.", "success")
    return redirect(url_for("studio.edit", draft_id=draft.id))


@bp.post("/<draft_id>/essayer")
@library_required
def try_it(draft_id: str):
    """Prepare the draft for today in its practice seat, then show how to open it as a candidate."""
    draft = open_or_404(draft_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        seat = try_as_candidate(data(), draft, clock_now().date())
    except PackError as exc:
        flash(f"Le sujet ne peut pas encore être essayé : {len(exc.problems)} problème(s) à corriger "
              "(indiqués à côté des champs).", "error")
        return redirect(url_for("studio.edit", draft_id=draft.id))
    return render_template("studio/trial.html", draft=draft, seat=seat, title=trial_title(draft),
                           base_url=centre_base_url())


@bp.post("/<draft_id>/bibliotheque")
@library_required
def to_library(draft_id: str):
    """Put the draft in the library (checked completely first), then show the library to prepare it."""
    draft = open_or_404(draft_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        subject_id, replaced = add_to_library(data(), draft)
    except PackError as exc:
        flash(f"Le sujet ne peut pas encore entrer dans la bibliothèque : {len(exc.problems)} problème(s) à "
              "corriger (indiqués à côté des champs).", "error")
        return redirect(url_for("studio.edit", draft_id=draft.id) + "#share")
    what = "remplace le sujet de même identifiant" if replaced else "est dans la bibliothèque"
    flash(f"Le sujet « {subject_id} » {what} : préparez-le pour la date de l'épreuve ou de la séance.",
          "success")
    return redirect(url_for("subjects.index") + "#prepare-title")
