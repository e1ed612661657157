"""One seat's live activity feed. The database is the bus, so any server process serves any stream: the
process's change watcher (``sandbox.db.changes``) reads each followed database once per tick and wakes
the streams that follow it; an idle stream sleeps."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
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
from grading.db import GRADING_DATABASE
from grading.services.access import exam_seat_names
from grading.services.store import reading
from sandbox.activity.feed import event_as_dict, events_after
from sandbox.db.changes import Following, watcher
from sandbox.db.storage import storage_for
from sandbox.models import ActivityEvent
from sandbox.seats import SeatError, get_seat

# With nothing new, a stream still wakes this often: to end on time, keep alive, and move the timers and
# « stuck » flags that depend on the clock, not on the databases.
IDLE_WAKE_SECONDS = 1.0
KEEPALIVE_SECONDS = 15
# A stream ends after a while so that threads are recycled; EventSource reconnects with Last-Event-ID.
STREAM_SECONDS = 300
# Moment (monotonic) of the last « close every stream »: streams started before it end at their next
# poll instead of holding a thread (a server stopping, a test server torn down); later ones go on.
_streams_closed_at = float("-inf")
LATEST_EVENT = f"SELECT max(id) FROM {ActivityEvent.__tablename__}"  # noqa: S608 — from the models


def close_all_streams() -> None:
    """End every live stream opened so far (waking those that wait for a change)."""
    global _streams_closed_at
    _streams_closed_at = time.monotonic()
    watcher().wake_all()


def latest_event_id(db: Session) -> int:
    """The seat's last event id (0 without any): below a stream's cursor, the seat was reset since (its
    fresh copy numbers events from the start again), and the stream starts over with a « reset » message."""
    return db.connection().exec_driver_sql(LATEST_EVENT).scalar() or 0


def stream_open(started: float, stop_after: float) -> bool:
    """Whether a live stream started at `started` (monotonic) should keep polling."""
    return started > _streams_closed_at and time.monotonic() - started < stop_after


def seat_sources(data: Path, names: Iterable[str], grading: bool = False) -> dict:
    """The change sources of these seats (and of the grading database) for ``watcher().follow``."""
    storage = storage_for(data)
    wanted = [("seats", name) for name in names] + ([GRADING_DATABASE] if grading else [])
    return dict(storage.change_source(kind, name) for kind, name in wanted)


def wait_for_change(follow: Following, mark: tuple, started: float, stop_after: float) -> None:
    """Sleep until a followed database moves past ``mark``, the idle wake, or the stream's end."""
    follow.wait(mark, min(IDLE_WAKE_SECONDS, started + stop_after - time.monotonic()))


def _data() -> Path:
    return Path(current_app.config["E5_DATA"])


@bp.get("/postes/<name>/")
@console_login_required
def seat(name: str):
    """One seat's live activity."""
    _existing_seat(name)
    return render_template("console/seat.html", seat=get_seat(_data(), name))


def event_stream(data: Path, name: str, last_id: int, stop_after: float = STREAM_SECONDS):
    """Yield SSE messages for the seat's events after last_id, read again each time its database moves."""
    engine = storage_for(data).engine("seats", name)
    started = last_beat = time.monotonic()
    read: tuple | None = None
    yield "retry: 1000\n\n"
    with watcher().follow(seat_sources(data, [name])) as follow:
        while stream_open(started, stop_after):
            mark = follow.mark()
            events = []
            if follow.moved(read, mark):  # an idle wake reads nothing
                with Session(engine) as db:
                    if latest_event_id(db) < last_id:
                        last_id = 0
                        yield "id: 0\nevent: reset\ndata: {}\n\n"
                    events = events_after(db, last_id)
            read = mark
            for event in events:
                last_id = event.id
                payload = json.dumps(event_as_dict(event), ensure_ascii=False)
                yield f"id: {event.id}\nevent: activity\ndata: {payload}\n\n"
            if time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
                last_beat = time.monotonic()
                yield ": keep-alive\n\n"
            wait_for_change(follow, mark, started, stop_after)


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
