"""Studio pages « Situation de départ » and « Corrigé »: the author works in a scratch seat, the studio
turns what was done into named changes (starting state) or proposed observables (model answer).

Each recorded change is shown as a form of its change type's fields (``entry_form``), each proposal as its
TOML (the pack's own words), editable, with a box to keep it; a value that does not read is refused
beside its field, the typed text kept.
"""

from __future__ import annotations

import tomllib

from flask import abort, flash, redirect, render_template, request, url_for

from grading.console.address import centre_base_url
from grading.studio import bp, data, library_required
from grading.studio.corrige_rows import DROP, line_for, line_holding
from grading.studio.editor import observable_summary
from grading.studio.forms import ActionForm
from grading.studio.views import open_or_404
from sandbox.seats import SeatError
from sandbox.subjects.changes import _types as change_types
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio.entry_form import entry_fields, entry_from_form
from sandbox.subjects.studio.parts import store_file
from sandbox.subjects.studio.propose import corrige_seat_name
from sandbox.subjects.studio.record import RECORDABLE, depart_seat_name
from sandbox.subjects.studio.scratch import (
    mark_recorded,
    open_corrige,
    open_depart,
    proposals,
    recorded,
    seat_of,
    untransposed,
)
from sandbox.subjects.studio.toml_io import dumps


def _csrf_ok() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


def _count() -> int:
    """How many rows the form held (a mangled count is no row rather than an error page)."""
    raw = request.form.get("count", "")
    return min(int(raw), 500) if raw.isdigit() else 0


def _parse(text: str) -> tuple[dict | None, str]:
    try:
        return tomllib.loads(text.replace("\r\n", "\n")), ""
    except tomllib.TOMLDecodeError as exc:
        return None, f"Ce texte n'est pas du TOML valide ({exc}) : corrigez-le ou décochez « Garder »."


def _typed(n: int):
    """What was typed in the fields of the change shown in row ``n``, by parameter."""
    return lambda key: request.form.get(f"field-{n}-{key}", "")


def _revision() -> int | None:
    """The draft revision the page was loaded at (None: a form without it is not checked)."""
    raw = request.form.get("revision", "")
    return int(raw) if raw.isdigit() else None


def _depart_page(draft, rows=None, status=200, conflict=""):
    found = recorded(data(), draft)
    if rows is None:  # the subject's changes as saved (edited), then what the seat recorded since
        rows = [{"type": e.get("type", ""), "keep": True, "fields": entry_fields(e), "saved": True}
                for e in studio.changes(draft)]
        rows += [{"type": e["type"], "keep": True, "fields": entry_fields(e), "saved": False}
                 for e in (found.entries if found else [])]
    labels = {name: spec.label for name, spec in change_types().items()}
    return render_template(
        "studio/depart.html",
        draft=draft,
        head=studio.header(draft),
        rows=rows or [],
        untranslatable=found.untranslatable if found else [],
        labels=labels,
        recordable=RECORDABLE,
        seat=seat_of(data(), depart_seat_name(draft.id)),
        base_url=centre_base_url(),
        changes=studio.changes(draft),
        conflict=conflict,
    ), status


@bp.get("/<draft_id>/depart")
@library_required
def depart(draft_id: str):
    """« Situation de départ »: the scratch seat and the changes recorded from it."""
    return _depart_page(open_or_404(draft_id))


@bp.post("/<draft_id>/depart/preparer")
@library_required
def depart_open(draft_id: str):
    """Make (or make again) the starting-state seat from the context."""
    draft = open_or_404(draft_id)
    _csrf_ok()
    open_depart(data(), draft)
    flash("Poste de la situation de départ prêt : ce que vous y changez est relevé ci-dessous.", "success")
    return redirect(url_for("studio.depart", draft_id=draft.id))


@bp.post("/<draft_id>/depart/enregistrer")
@library_required
def depart_save(draft_id: str):
    """Write the kept changes (as edited) into the draft's changes.toml."""
    draft = open_or_404(draft_id)
    _csrf_ok()
    rows, entries = [], []
    for n in range(_count()):
        change_type, keep = request.form.get(f"type-{n}", ""), bool(request.form.get(f"keep-{n}"))
        keys = [k for k in request.form.get(f"keys-{n}", "").split(",") if k]
        entry, fields = entry_from_form(change_type, keys, _typed(n))
        if not keep:
            for f in fields:
                f.error = ""  # an entry left out is not checked
        elif not any(f.error for f in fields):
            entries.append(entry)
        rows.append({"type": change_type, "keep": keep, "fields": fields,
                     "saved": request.form.get(f"saved-{n}") == "1"})
    if any(f.error for r in rows for f in r["fields"]):
        return _depart_page(draft, rows, 422)
    found = recorded(data(), draft)
    files = found.files if found else {}
    with studio.draft_lock(draft):
        try:
            studio.touch(draft, _revision())
        except studio.DraftConflict as exc:  # the page shows the draft's revision now: saving again replaces
            return _depart_page(draft, rows, 409, conflict=exc.message)
        for entry in entries:  # the photos a kept entry names go with it into the pack's files/
            for rel in [*entry.get("images", []), entry.get("file")]:
                if rel in files:
                    store_file(draft, rel.rsplit("/", 1)[-1], files[rel])
        studio.set_changes(draft, entries)
        mark_recorded(data(), draft)
    flash(f"{len(entries)} modification(s) enregistrée(s) dans le sujet.", "success")
    return redirect(url_for("studio.edit", draft_id=draft.id) + "#share")


def _corrige_page(draft, rows=None, status=200, conflict=""):
    found = proposals(data(), draft)
    lines = studio.grid(draft)["lines"]
    if rows is None and found is not None:
        rows = []
        for p in found:
            held = line_holding(p.observable, lines)  # already kept: shown as such, not offered again
            line = line_for(draft, p.observable, lines) if p.discriminates and not held else DROP
            rows.append({"text": dumps(p.observable), "sentence": p.sentence, "answer": p.on_answer,
                         "start": p.on_start, "line": line, "held": held, "error": ""})
    return render_template(
        "studio/corrige.html",
        draft=draft,
        head=studio.header(draft),
        rows=rows or [],
        lines=lines,
        seat=seat_of(data(), corrige_seat_name(draft.id)),
        depart=seat_of(data(), depart_seat_name(draft.id)),
        untranslatable=untransposed(data(), draft),
        base_url=centre_base_url(),
        conflict=conflict,
    ), status


@bp.get("/<draft_id>/corrige")
@library_required
def corrige(draft_id: str):
    """« Corrigé »: the model-answer seat and the observables proposed from it, on both seats."""
    return _corrige_page(open_or_404(draft_id))


@bp.post("/<draft_id>/corrige/preparer")
@library_required
def corrige_open(draft_id: str):
    """Make (or make again) the model-answer seat from the starting-state seat."""
    draft = open_or_404(draft_id)
    _csrf_ok()
    try:
        open_corrige(data(), draft)
    except SeatError as exc:
        flash(str(exc), "error")
        return redirect(url_for("studio.depart", draft_id=draft.id))
    flash("Poste du corrigé prêt : faites-y le travail attendu, puis revenez ici.", "success")
    return redirect(url_for("studio.corrige", draft_id=draft.id))


@bp.post("/<draft_id>/corrige/enregistrer")
@library_required
def corrige_save(draft_id: str):
    """Add the kept observables (as edited) to the grid lines chosen for them."""
    draft = open_or_404(draft_id)
    _csrf_ok()
    known = {line["id"] for line in studio.grid(draft)["lines"]}
    rows, chosen = [], {}
    for n in range(_count()):
        row = {
            "text": request.form.get(f"observable-{n}", ""),
            "line": request.form.get(f"line-{n}", DROP),
            "sentence": request.form.get(f"sentence-{n}", ""),
            "answer": request.form.get(f"answer-{n}") == "1",
            "start": request.form.get(f"start-{n}") == "1",
            "error": "",
        }
        if row["line"] != DROP:
            observable, row["error"] = _parse(row["text"])
            if row["line"] not in known:
                row["error"] = "Choisissez une ligne de la grille, ou « Ne pas garder »."
            elif observable is not None and observable not in chosen.get(row["line"], []):
                chosen.setdefault(row["line"], []).append(observable)
        rows.append(row)
    if any(r["error"] for r in rows):
        return _corrige_page(draft, rows, 422)
    with studio.draft_lock(draft):
        try:
            studio.touch(draft, _revision())
        except studio.DraftConflict as exc:
            return _corrige_page(draft, rows, 409, conflict=exc.message)
        count = twice = 0
        for line in studio.grid(draft)["lines"]:
            if line["id"] in chosen:
                kept = list(line.get("observables", []))
                new = [o for o in chosen[line["id"]] if o not in kept]  # the same check twice: refused
                twice += len(chosen[line["id"]]) - len(new)
                count += len(new)
                studio.set_line_observables(draft, line["id"], kept + new)
    flash(f"{count} observable(s) ajouté(s) à la grille."
          + (f" {twice} déjà dans la grille : pas ajouté(s) deux fois." if twice else ""), "success")
    return redirect(url_for("studio.edit", draft_id=draft.id) + "#grid")


@bp.post("/<draft_id>/grille/<line_id>/observables/<int:index>/retirer")
@library_required
def remove_observable(draft_id: str, line_id: str, index: int):
    """The grid editor's « Retirer »: one observable taken off its line (an accepted one is never stuck)."""
    draft = open_or_404(draft_id)
    _csrf_ok()
    back = redirect(url_for("studio.edit", draft_id=draft.id) + "#grid")
    with studio.draft_lock(draft):
        try:
            studio.touch(draft, _revision())
        except studio.DraftConflict as exc:
            flash(exc.message, "error")
            return back
        line = next((item for item in studio.grid(draft)["lines"] if item["id"] == line_id), None)
        kept = list(line.get("observables", [])) if line else []
        if not 0 <= index < len(kept):
            abort(404)
        removed = kept.pop(index)
        studio.set_line_observables(draft, line_id, kept)
    flash(f"Observable retiré de la ligne {line_id} : {observable_summary(removed)}.", "success")
    return back
