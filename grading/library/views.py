"""Subject library pages: the list with prepared dates, upload with the pack checks, prepare for a date."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from flask import current_app, flash, redirect, render_template, request, url_for

from grading.library import bp, data, library_required
from grading.library.forms import PrepareForm, UploadForm
from grading.services.sessions import list_sessions
from grading.services.store import now as clock_now
from grading.services.store import reading
from sandbox.formatting import format_date
from sandbox.packs.errors import PackError
from sandbox.progress import format_seconds
from sandbox.services import ServiceError
from sandbox.subjects.archive import is_archive
from sandbox.subjects.library import import_archive, library_subjects, prepare_from_library


def _safe_next(target: str | None) -> str:
    """Only go back to a local console page (no open redirect)."""
    if target and target.startswith("/console/") and "//" not in target:
        return target
    return url_for("subjects.index")


def _next_session_day() -> date | None:
    """The date of the centre's next exam session (today included), the usual date to prepare for."""
    today = clock_now().date()
    with reading(data()) as db:
        days = [s.date for s in list_sessions(db) if s.date >= today]
    return min(days, default=None)


def _page(upload: UploadForm | None = None, prepare: PrepareForm | None = None, problems=None, status=200):
    subjects = library_subjects(data())
    prepare = prepare or PrepareForm(day=_next_session_day())
    prepare.subject.choices = [("", "— choisir —")] + [(s.id, _label(s)) for s in subjects]
    return (
        render_template(
            "subjects/index.html",
            subjects=subjects,
            upload=upload or UploadForm(),
            prepare=prepare,
            problems=problems or [],
            limit=_limit_mb(),
        ),
        status,
    )


def _limit_mb() -> int:
    """The server's upload limit, in Mo."""
    return (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)


def _label(subject) -> str:
    """« Sujet A — Titre (ln-boutique-a) »."""
    head = f"Sujet {subject.letter} — " if subject.letter else ""
    return f"{head}{subject.title or subject.id} ({subject.id})"


@bp.get("/")
@library_required
def index():
    """The library: every subject, where it comes from, the dates it is prepared for."""
    return _page()


@bp.post("/deposer")
@library_required
def upload():
    """Add a subject archive to the library after the checks of « e5 subject check »."""
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    file = request.files.get(form.archive.name)
    if not file or not file.filename:
        form.archive.errors = ["Choisissez l'archive du sujet (.zip ou .tar.gz)."]
        return _page(form, status=422)
    if not is_archive(file.filename):
        form.archive.errors = [
            f"« {file.filename} » n'est pas une archive .zip ou .tar.gz du dossier du sujet."
        ]
        return _page(form, status=422)
    with tempfile.TemporaryDirectory(prefix="e5-upload-") as tmp:
        saved = Path(tmp) / "upload"
        file.save(saved)
        try:
            subject = import_archive(data(), saved, file.filename)
        except PackError as exc:
            form.archive.errors = [
                f"Le sujet « {file.filename} » n'a pas été ajouté : corrigez-le puis déposez-le de nouveau."
            ]
            return _page(form, problems=exc.problems, status=422)
    flash(
        f"Sujet « {_label(subject)} » vérifié et ajouté à la bibliothèque : préparez-le pour une date.",
        "success",
    )
    return redirect(url_for("subjects.index"))


@bp.post("/preparer")
@library_required
def prepare():
    """Prepare a library subject for a date; back to the page that asked (e.g. the new slot)."""
    form = PrepareForm()
    form.subject.choices = []
    if not form.validate_on_submit():
        return _page(prepare=form, status=422)
    try:
        _template, seconds = prepare_from_library(data(), form.subject.data, form.day.data)
    except ServiceError as exc:
        form.subject.errors = [exc.message]
        return _page(prepare=form, status=422)
    except PackError as exc:
        return _page(prepare=form, problems=exc.problems, status=422)
    flash(
        f"Sujet « {form.subject.data} » préparé pour le {format_date(form.day.data)} en "
        f"{format_seconds(seconds)} : il peut être choisi pour un créneau ou une séance d'entraînement.",
        "success",
    )
    return redirect(_safe_next(form.next.data))


@bp.errorhandler(413)
def too_large(_error):
    """An upload over the server's limit: a French error next to the field, not the server's own page."""
    form = UploadForm(formdata=None)
    form.archive.errors = [
        f"Archive trop volumineuse : {_limit_mb()} Mo au plus. Réduisez la taille des images du sujet, "
        "puis déposez-la de nouveau."
    ]
    return _page(form, PrepareForm(formdata=None), status=413)  # the request's body is never read
