"""The console of one slot: the candidates side by side, their timers, live activity, observables, grids.

Only the slot's examiner or the administrator opens it. The page is rendered from the databases (a
reload or a second tab shows the same state); ``slot.js`` then follows the slot's stream and saves
every grid change at once through ``slot_grid``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from grading.console import bp
from grading.console.auth import console_login_required
from grading.console.slot_state import evidence_links, grid_state, questions_of, timer_state
from grading.console.slot_stream import parse_cursors, slot_stream
from grading.models import Evidence, GridSheet, Slot, SlotSeat
from grading.services import timers
from grading.services.access import can_open_slot, slots_for
from grading.services.evidence import evidence_files
from grading.services.marks import subject_label
from grading.services.slots import get_place, get_slot
from grading.services.store import reading
from grading.services.subjects import LEVELS
from sandbox.seats import SeatError, get_seat
from sandbox.services import ServiceError

TIMER_ACTIONS = {"demarrer": "start", "pause": "pause", "reprendre": "resume", "terminer": "end"}
TIMER_DONE = {
    "start": "Chronomètre de {name} lancé.",
    "pause": "Chronomètre de {name} en pause.",
    "resume": "Chronomètre de {name} relancé.",
    "end": "Épreuve de {name} terminée.",
}


def data_folder() -> Path:
    """The data folder of the running server."""
    return Path(current_app.config["E5_DATA"])


def console_name() -> str:
    """The console user as grids and timers record them (« Mme Martin »)."""
    return g.console_user.get("name") or g.console_user.get("username", "")


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


# Everything the console page shows, loaded in a few queries rather than one per candidate and line.
SLOT_PAGE = (
    selectinload(Slot.examiner),
    selectinload(Slot.seats).selectinload(SlotSeat.candidate),
    selectinload(Slot.seats).selectinload(SlotSeat.timer_events),
    selectinload(Slot.seats).selectinload(SlotSeat.evidence),
    selectinload(Slot.seats).selectinload(SlotSeat.sheet).selectinload(GridSheet.entries),
    selectinload(Slot.seats).selectinload(SlotSeat.sheet).selectinload(GridSheet.audit),
)


def _open_slot(db, slot_id: int, *options) -> Slot:
    """The slot, or 404; 403 unless the console user is its examiner or the administrator."""
    slot = db.scalar(select(Slot).where(Slot.id == slot_id).options(*options))
    if slot is None:
        abort(404, description=f"Le créneau n° {slot_id} n'existe pas.")
    if not can_open_slot(g.console_user, slot):
        abort(403, description="Ce créneau est celui d'un autre examinateur.")
    return slot


def _seat_or_none(name: str):
    try:
        return get_seat(data_folder(), name)
    except SeatError:
        return None


@bp.errorhandler(403)
def _forbidden(error):
    if request.is_json or _wants_json():
        return jsonify(ok=False, message=error.description), 403
    return render_template("admin/forbidden.html", message=error.description), 403


@bp.get("/creneaux/")
@console_login_required
def slots():
    """The slots the console user may open (their own; all of them for the administrator), today's first."""
    today = date.today()
    with reading(data_folder()) as db:
        found = slots_for(db, g.console_user)
        return render_template(
            "console/slots.html",
            today=[s for s in found if s.starts_at.date() == today],
            others=[s for s in found if s.starts_at.date() != today],
            subject_label=subject_label,
        )


@bp.get("/creneaux/<int:slot_id>/")
@console_login_required
def slot_console(slot_id: int):
    """The live console of a slot: up to three candidates side by side."""
    with reading(data_folder()) as db:
        slot = _open_slot(db, slot_id, *SLOT_PAGE)
        columns = [
            {
                "place": place,
                "seat": _seat_or_none(place.seat_name),
                "timer": timer_state(place),
                "grid": grid_state(place.sheet),
                "evidence": evidence_links(data_folder(), place),
            }
            for place in slot.seats
        ]
        return render_template(
            "console/slot.html",
            slot=slot,
            columns=columns,
            questions=questions_of(slot.grid),
            levels=LEVELS.get(slot.grid["type"], {}),
            subject=subject_label(slot),
            is_admin=g.console_user.get("role") == "admin",
        )


@bp.get("/creneaux/<int:slot_id>/flux")
@console_login_required
def slot_stream_view(slot_id: int):
    """The slot's live stream (activity, observations, timers, grids), resumed after Last-Event-ID."""
    with reading(data_folder()) as db:
        places = [(place.id, place.seat_name) for place in _open_slot(db, slot_id).seats]
    cursors = parse_cursors(request.headers.get("Last-Event-ID") or request.args.get("depuis", ""))
    stream = slot_stream(data_folder(), slot_id, places, cursors)
    response = Response(stream_with_context(stream), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response


@bp.post("/creneaux/<int:slot_id>/chronometres")
@console_login_required
def slot_start_all(slot_id: int):
    """Start the timers of every candidate not started yet, at the same moment."""
    with reading(data_folder()) as db:
        _open_slot(db, slot_id)
    try:
        timers.start_slot(data_folder(), slot_id, console_name())
    except ServiceError as exc:
        return _timer_answer(slot_id, None, exc.message, error=True)
    return _timer_answer(slot_id, None, "Chronomètres du créneau lancés.")


@bp.post("/places/<int:place_id>/chronometre/<action>")
@console_login_required
def place_timer(place_id: int, action: str):
    """Start, pause (with the incident's reason), resume or end one candidate's timer."""
    if action not in TIMER_ACTIONS:
        abort(404)
    with reading(data_folder()) as db:
        try:
            place = get_place(db, place_id)
        except ServiceError as exc:
            abort(404, description=exc.message)
        slot_id, name = _open_slot(db, place.slot_id).id, place.candidate.full_name
    kind = TIMER_ACTIONS[action]
    try:
        if kind == "pause":
            timers.pause(data_folder(), place_id, request.form.get("reason", ""), console_name())
        elif kind == "end":
            timers.end(data_folder(), place_id, console_name(), request.form.get("reason", ""))
        else:
            getattr(timers, kind)(data_folder(), place_id, console_name())
    except ServiceError as exc:
        return _timer_answer(slot_id, place_id, exc.message, error=True, field=exc.field)
    return _timer_answer(slot_id, place_id, TIMER_DONE[kind].format(name=name))


def _timer_answer(slot_id: int, place_id: int | None, text: str, error: bool = False, field: str = ""):
    """JSON with the fresh timers for the page's script; a redirect with a message without script."""
    if not _wants_json():
        flash(text, "error" if error else "success")
        return redirect(url_for("console.slot_console", slot_id=slot_id))
    with reading(data_folder()) as db:
        states = [timer_state(place) for place in get_slot(db, slot_id).seats]
    body = {"ok": not error, "message": text, "field": field, "timers": states}
    return jsonify(body), (422 if error else 200)


@bp.get("/preuves/<int:evidence_id>/<filename>")
@console_login_required
def slot_evidence_file(evidence_id: int, filename: str):
    """Download one file of a candidate's archived evidence (their slot's examiner or the administrator)."""
    with reading(data_folder()) as db:
        evidence = db.get(Evidence, evidence_id)
        if evidence is None:
            abort(404, description=f"L'archive n° {evidence_id} n'existe pas.")
        _open_slot(db, get_place(db, evidence.slot_seat_id).slot_id)
        path = next((p for p in evidence_files(data_folder(), evidence) if p.name == filename), None)
    if path is None:
        abort(404, description=f"Le fichier « {filename} » n'est pas dans cette archive.")
    return send_file(path, as_attachment=True, download_name=filename, max_age=0)
