"""Grid saves of the slot console: one JSON request per click or pause in typing, answered at once.

Every save carries the version the page last saw; a stale one is refused (409) with the value saved now,
so the page shows it instead of overwriting another tab's work. Refusals come from the grid services
(French message and field); the CSRF token travels in the ``X-CSRFToken`` header.
"""

from __future__ import annotations

from flask import abort, g, jsonify, request

from grading.console import bp
from grading.console.auth import console_login_required
from grading.console.slot import console_name, data_folder
from grading.console.slot_state import grid_state
from grading.services import grids
from grading.services.access import can_write_sheet
from grading.services.grids import StaleVersion
from grading.services.sheets import format_mark, get_sheet
from grading.services.store import reading
from sandbox.services import ServiceError

STALE = "Modifié dans un autre onglet : valeur actuelle rechargée"


def _check_sheet(sheet_id: int) -> None:
    """404 for an unknown grid, 403 unless the console user may write it (slot's examiner, administrator,
    or the practice session's teacher)."""
    with reading(data_folder()) as db:
        try:
            sheet = get_sheet(db, sheet_id)
        except ServiceError as exc:
            abort(404, description=exc.message)
        if not can_write_sheet(g.console_user, sheet):
            abort(403, description="Cette grille est celle d'un candidat d'un autre examinateur.")


def _shown(field: str, value) -> str:
    return format_mark(value) if field == "mark" else ("" if value is None else str(value))


def _version(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _payload() -> dict | None:
    """The JSON object posted by the page's script; None for anything else (a list, a number, bad JSON)."""
    payload = request.get_json(silent=True)
    return payload if isinstance(payload, dict) else None


MISUNDERSTOOD = "Saisie incomprise : rechargez la page."


@bp.post("/grilles/<int:sheet_id>/saisie")
@console_login_required
def grid_save(sheet_id: int):
    """Save one field of a grid: a line's level or note, the appreciation or the mark out of 20."""
    _check_sheet(sheet_id)
    payload = _payload() or {}
    field, line = payload.get("field"), str(payload.get("line") or "")
    value, reason = str(payload.get("value") or ""), str(payload.get("reason") or "")
    version = _version(payload.get("version"))
    if field not in ("level", "note", "appreciation", "mark") or version is None:
        return jsonify(ok=False, message=MISUNDERSTOOD), 400
    data, who = data_folder(), console_name()
    try:
        if field == "level":
            saved = grids.set_level(data, sheet_id, line, value, version, who, reason)
        elif field == "note":
            saved = grids.set_note(data, sheet_id, line, value, version, who, reason)
        elif field == "appreciation":
            saved = grids.set_appreciation(data, sheet_id, value, version, who, reason)
        else:
            saved = grids.set_mark(data, sheet_id, value, version, who, reason)
    except StaleVersion as exc:
        return jsonify(
            ok=False, stale=True, message=STALE, detail=exc.message,
            value=_shown(field, exc.current), version=exc.version, updated_by=exc.updated_by,
        ), 409
    except ServiceError as exc:
        return jsonify(ok=False, message=exc.message, field=exc.field), 422
    return jsonify(
        ok=True, value=_shown(field, saved.value), version=saved.version, updated_by=saved.updated_by
    )


@bp.post("/grilles/<int:sheet_id>/signature")
@console_login_required
def grid_sign(sheet_id: int):
    """Sign a grid (examiner's name + confirmation); later changes need a reason and are audited."""
    _check_sheet(sheet_id)
    with reading(data_folder()) as db:
        if get_sheet(db, sheet_id).practice_seat_id is not None:
            formative = "Une grille d'entraînement est formative : elle ne se signe pas."
            return jsonify(ok=False, message=formative), 422
    payload = _payload()
    if payload is None:
        return jsonify(ok=False, message=MISUNDERSTOOD), 400
    try:
        grids.sign(data_folder(), sheet_id, str(payload.get("name") or ""), bool(payload.get("confirmation")))
    except ServiceError as exc:
        return jsonify(ok=False, message=exc.message, field=exc.field), 422
    with reading(data_folder()) as db:
        return jsonify(ok=True, message="Grille signée.", grid=grid_state(get_sheet(db, sheet_id)))
