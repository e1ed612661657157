"""Studio pages: the drafts, « Nouveau sujet », import, and the editor with one form per part of the pack.

Each part's form is saved on its own (button, or autosave by studio.js with ``Accept: application/json``):
the draft's revision travels with it, so a save from a tab that is behind is refused (409) with a French
message instead of silently erasing what the other tab wrote.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for

from grading.studio import author, bp, data, library_required
from grading.studio.editor import (
    annexes_from,
    build_forms,
    dress_posted,
    lines_from,
    notices_of,
    observable_summary,
    preview,
    problem_list,
    problems_of,
    questions_from,
)
from grading.studio.forms import (
    ActionForm,
    AnnexesForm,
    GridForm,
    HeaderForm,
    ImportForm,
    NewDraftForm,
    QuestionsForm,
    TextsForm,
)
from sandbox.packs.errors import PackError
from sandbox.services import ServiceError
from sandbox.subjects.archive import is_archive
from sandbox.subjects.library import find_subject
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts
from sandbox.subjects.studio.share import (
    draft_from_folder,
    duplicate_draft,
    export_name,
    export_zip,
    import_draft,
)
from sandbox.subjects.studio.versions import list_versions

PARTS = {"entete": HeaderForm, "textes": TextsForm, "questions": QuestionsForm, "annexes": AnnexesForm,
         "grille": GridForm}


def open_or_404(draft_id: str) -> studio.Draft:
    """The draft of the URL, or 404."""
    try:
        return studio.open_draft(data(), draft_id)
    except ServiceError:
        abort(404)


def _index(new=None, upload=None, problems=None, status=200):
    page = render_template("studio/index.html", drafts=studio.list_drafts(data()), new=new or NewDraftForm(),
                           upload=upload or ImportForm(), problems=problems or [], header=studio.header)
    return page, status


@bp.get("/")
@library_required
def index():
    """The drafts, « Nouveau sujet », open an archive."""
    return _index()


@bp.post("/nouveau")
@library_required
def new():
    """Create an empty draft and open it."""
    form = NewDraftForm()
    if not form.validate_on_submit():
        return _index(new=form, status=400)
    draft = studio.create_draft(data(), site=form.site.data, author=author())
    flash("Brouillon créé : il est enregistré au fur et à mesure de la saisie.", "success")
    return redirect(url_for("studio.edit", draft_id=draft.id))


@bp.post("/importer")
@library_required
def import_():
    """Open a pack archive as a new draft (it may be unfinished: the editor shows what to fix)."""
    form = ImportForm()
    file = request.files.get(form.archive.name)
    if not form.validate_on_submit():
        return _index(upload=form, status=400)
    if not file or not file.filename or not is_archive(file.filename):
        name = file.filename if file and file.filename else ""
        form.archive.errors = [f"« {name} » n'est pas une archive .zip ou .tar.gz du dossier d'un sujet."
                               if name else "Choisissez l'archive du sujet (.zip ou .tar.gz)."]
        return _index(upload=form, status=422)
    with tempfile.TemporaryDirectory(prefix="e5-studio-") as tmp:
        saved = Path(tmp) / "upload"
        file.save(saved)
        try:
            draft = import_draft(data(), saved, file.filename, author=author())
        except PackError as exc:
            form.archive.errors = [f"« {file.filename} » n'a pas été ouvert : corrigez l'archive."]
            return _index(upload=form, problems=exc.problems, status=422)
    flash(f"Archive « {file.filename} » ouverte dans le studio.", "success")
    return redirect(url_for("studio.edit", draft_id=draft.id))


@bp.post("/depuis/<subject_id>")
@library_required
def from_library(subject_id: str):
    """Start a draft from a subject of the library (a copy: the library subject is not touched)."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        subject = find_subject(data(), subject_id)
    except ServiceError:
        abort(404)
    draft = draft_from_folder(data(), subject.folder, author=author())
    flash(f"Copie du sujet « {subject.id} » ouverte dans le studio : elle garde son identifiant, "
          "changez-le avant de la déposer comme un nouveau sujet.", "success")
    return redirect(url_for("studio.edit", draft_id=draft.id))


def render_editor(draft: studio.Draft, status: int = 200, conflict: str = "", **replaced):
    """The editor page; ``replaced`` puts posted forms (typed values kept) in place of the draft's."""
    forms = build_forms(draft)
    forms.update(replaced)
    return render_template("studio/draft.html", draft=draft, head=studio.header(draft), forms=forms,
                           problems=problem_list(problems_of(data(), draft)), notices=notices_of(draft),
                           versions=list_versions(draft), conflict=conflict,
                           observable_summary=observable_summary), status


@bp.get("/<draft_id>/")
@library_required
def edit(draft_id: str):
    """The editor: every part of the pack, each error of the checks beside its field."""
    return render_editor(open_or_404(draft_id))


def _wants_json() -> bool:
    """An autosave: fetch asks for JSON; a beacon (page closing) cannot, so it says so in a field."""
    return request.accept_mimetypes.best == "application/json" or request.form.get("autosave") == "1"


def _write(draft: studio.Draft, part: str, form) -> None:
    if part == "entete":
        typed = {k: (getattr(form, k).data or "").strip() for k in ("title", "letter", "session", "code")}
        studio.set_header(draft, id=(form.subject_id.data or "").strip(), site=form.site.data, **typed)
    elif part == "textes":
        parts.set_text(draft, "contexte", form.contexte.data or "")
        parts.set_text(draft, "mise_en_situation", form.mise_en_situation.data or "")
    elif part == "questions":
        parts.set_questions(draft, questions_from(form))
    elif part == "annexes":
        parts.set_annexes(draft, annexes_from(form))
    else:
        studio.set_grid(draft, form.kind.data, lines_from(form), aid=(form.aid.data or "").strip())


@bp.post("/<draft_id>/<part>")
@library_required
def save(draft_id: str, part: str):
    """Save one part of the draft (button or autosave)."""
    draft = open_or_404(draft_id)
    if part not in PARTS:
        abort(404)
    form = PARTS[part]()
    dress_posted(draft, form)
    if not form.validate_on_submit():
        if _wants_json():
            return jsonify(error="Le formulaire a expiré : rechargez la page."), 400
        return render_editor(draft, 400, **{_key(part): form})
    try:
        with studio.draft_lock(draft):
            revision = studio.touch(draft, form.revision.data)
            _write(draft, part, form)
    except studio.DraftConflict as exc:
        if _wants_json():
            return jsonify(error=exc.message, conflict=True), 409
        form.revision.data = draft.revision  # the author has seen the message: a new save replaces
        return render_editor(draft, 409, conflict=exc.message, **{_key(part): form})
    if _wants_json():
        return jsonify(revision=revision, problems=problem_list(problems_of(data(), draft)),
                       notices=notices_of(draft),
                       previews={k: preview(parts.text(draft, k)) for k in parts.TEXT_FILES})
    flash("Enregistré.", "success")
    return redirect(url_for("studio.edit", draft_id=draft.id) + f"#{_key(part)}")


def _key(part: str) -> str:
    return {"entete": "header", "textes": "texts", "grille": "grid"}.get(part, part)


@bp.get("/<draft_id>/exporter")
@library_required
def export(draft_id: str):
    """Download the draft as a pack archive (the format `e5 subject check` and the library read)."""
    draft = open_or_404(draft_id)
    with tempfile.TemporaryDirectory(prefix="e5-export-") as tmp:
        content = io.BytesIO(export_zip(draft, Path(tmp) / "pack.zip").read_bytes())
    return send_file(content, as_attachment=True, download_name=export_name(draft), max_age=0,
                     mimetype="application/zip")


@bp.post("/<draft_id>/dupliquer")
@library_required
def duplicate(draft_id: str):
    """Copy the draft as the start of another subject."""
    draft = open_or_404(draft_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    copy = duplicate_draft(data(), draft, author=author())
    flash("Copie créée : c'est un nouveau brouillon, avec son propre identifiant.", "success")
    return redirect(url_for("studio.edit", draft_id=copy.id))
