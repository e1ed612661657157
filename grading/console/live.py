"""One seat's live activity feed; streams poll the seat database so any server process serves any."""

from __future__ import annotations

import json
import time
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    session,
    stream_with_context,
)
from sqlalchemy.orm import Session

from grading.console import bp
from grading.console.auth import console_login_required
from grading.services.access import exam_seat_names
from grading.services.store import reading
from sandbox.activity.feed import event_as_dict, events_after
from sandbox.db.storage import storage_for
from sandbox.seats import SeatError, get_seat

POLL_SECONDS = 0.2
KEEPALIVE_SECONDS = 15
# A stream ends after a while so that threads are recycled; EventSource reconnects with Last-Event-ID.
STREAM_SECONDS = 300
# Moment (monotonic) of the last « close every stream »: streams started before it end at their next
# poll instead of holding a thread (a server stopping, a test server torn down); later ones go on.
_streams_closed_at = float("-inf")


def close_all_streams() -> None:
    """End every live stream opened so far, at its next poll."""
    global _streams_closed_at
    _streams_closed_at = time.monotonic()


def stream_open(started: float, stop_after: float) -> bool:
    """Whether a live stream started at `started` (monotonic) should keep polling."""
    return started > _streams_closed_at and time.monotonic() - started < stop_after


def _data() -> Path:
    return Path(current_app.config["E5_DATA"])


@bp.get("/postes/<name>/")
@console_login_required
def seat(name: str):
    """One seat's live activity."""
    _existing_seat(name)
    return render_template("console/seat.html", seat=get_seat(_data(), name))


def event_stream(data: Path, name: str, last_id: int, stop_after: float = STREAM_SECONDS):
    """Yield SSE messages for the seat's events after last_id, polling its database."""
    engine = storage_for(data).engine("seats", name)
    started = last_beat = time.monotonic()
    yield "retry: 1000\n\n"
    while stream_open(started, stop_after):
        with Session(engine) as db:
            events = events_after(db, last_id)
        for event in events:
            last_id = event.id
            payload = json.dumps(event_as_dict(event), ensure_ascii=False)
            yield f"id: {event.id}\nevent: activity\ndata: {payload}\n\n"
        if time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
            last_beat = time.monotonic()
            yield ": keep-alive\n\n"
        time.sleep(POLL_SECONDS)


def _after_id() -> int:
    raw = request.headers.get("Last-Event-ID") or request.args.get("apres") or "0"
    return int(raw) if raw.isdigit() else 0


def _existing_seat(name: str) -> None:
    """404 for an unknown seat; 403 unless the console user may follow it (see ``check_seat_access``)."""
    try:
        seat = get_seat(_data(), name)
    except SeatError as exc:
        abort(404, description=str(exc))
    check_seat_access(seat)


def check_seat_access(seat) -> None:
    """403 unless the seat is an exam seat the console user follows: the administrator every one, an
    examiner those of their own slots; practice and exam seats never mix (a teacher has the class view)."""
    if seat.practice:
        abort(403, description="Ce poste n'est pas un poste d'examen de ce centre.")
    with reading(_data()) as db:
        allowed = exam_seat_names(db, session.get("console_user"))
    if allowed is not None and seat.name not in allowed:
        abort(403, description="Ce poste n'est pas celui d'un candidat de vos créneaux.")


@bp.get("/postes/<name>/evenements")
@console_login_required
def events(name: str):
    """JSON read API: the seat's events after id ``apres`` (oldest first, 200 at most)."""
    _existing_seat(name)
    with Session(storage_for(_data()).engine("seats", name)) as db:
        return jsonify([event_as_dict(e) for e in events_after(db, _after_id())])


@bp.get("/postes/<name>/flux")
@console_login_required
def stream(name: str):
    """Server-Sent Events stream of a seat's activity (resumes after Last-Event-ID)."""
    _existing_seat(name)
    raw = request.headers.get("Last-Event-ID") or request.args.get("after") or "0"
    last_id = int(raw) if raw.isdigit() else 0
    response = Response(
        stream_with_context(event_stream(_data(), name, last_id)), mimetype="text/event-stream"
    )
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response
