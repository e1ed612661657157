"""Console home (each role lands on its own page) and the exam seats page: one page of seats at a time,
followed through a single stream (Chromium opens at most six connections per site: one stream per seat
froze the examiner's browser beyond six seats)."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from sqlalchemy.orm import Session

from grading.console import bp
from grading.console.auth import console_login_required
from grading.console.live import (
    KEEPALIVE_SECONDS,
    STREAM_SECONDS,
    check_seat_access,
    latest_event_id,
    seat_sources,
    stream_open,
    wait_for_change,
)
from grading.services.access import exam_seat_names
from grading.services.seat_owners import seat_owners
from grading.services.store import reading
from sandbox.activity.feed import event_as_dict, events_after
from sandbox.db.changes import watcher
from sandbox.db.storage import storage_for
from sandbox.seats import SeatError, get_seat, list_seats

PER_PAGE = 12
HOMES = {"admin": "admin.index", "examiner": "console.slots", "teacher": "practice.index"}


def _data() -> Path:
    return Path(current_app.config["E5_DATA"])


@bp.get("/")
@console_login_required
def index():
    """Each role lands on its page: the administration, the examiner's slots of the day, the teacher's
    practice sessions."""
    return redirect(url_for(HOMES.get(g.console_user.get("role"), "console.slots")))


def visible_seats(data: Path, user, search: str = "") -> list:
    """The exam seats the console user follows (all of them for the administrator), filtered by name."""
    with reading(data) as db:
        allowed = exam_seat_names(db, user)
    search = search.strip().lower()
    return [
        seat
        for seat in list_seats(data)
        if not seat.practice and (allowed is None or seat.name in allowed) and search in seat.name
    ]


@bp.get("/postes/")
@console_login_required
def seats():
    """The exam seats, a page at a time, each with its live feed (one stream for the whole page)."""
    if g.console_user.get("role") == "teacher":
        return redirect(url_for("practice.index"))
    search = request.args.get("recherche", "")
    found = visible_seats(_data(), g.console_user, search)
    pages = max(1, math.ceil(len(found) / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    shown = found[(page - 1) * PER_PAGE : page * PER_PAGE]
    stream = url_for("console.seats_stream", postes=",".join(s.name for s in shown)) if shown else ""
    with reading(_data()) as db:
        owners = seat_owners(db, [s.name for s in shown])
    return render_template("console/index.html", seats=shown, owners=owners, total=len(found), page=page,
                           pages=pages, search=search, first=(page - 1) * PER_PAGE + 1, stream=stream)


def parse_seat_cursors(raw: str) -> dict[str, int]:
    """« poste-1:40,poste-2:7 » (seat:last event id) → {"poste-1": 40, "poste-2": 7}; the rest ignored."""
    cursors = {}
    for part in (raw or "").split(","):
        name, _, last = part.partition(":")
        if name and last.isdigit():
            cursors[name] = int(last)
    return cursors


def seats_event_stream(
    data: Path, names: list[str], cursors: dict[str, int], stop_after: float = STREAM_SECONDS
):
    """Yield SSE messages for the events of several seats (each tagged with its seat), polling their
    databases; the SSE id carries a cursor per seat so EventSource resumes where it stopped."""
    engines = {name: storage_for(data).engine("seats", name) for name in names}
    cursors = {name: cursors.get(name, 0) for name in names}
    started = last_beat = time.monotonic()
    read: tuple | None = None
    position = {name: i for i, name in enumerate(engines)}  # the order of the followed databases
    yield "retry: 1000\n\n"
    with watcher().follow(seat_sources(data, list(engines))) as follow:
        while stream_open(started, stop_after):
            mark = follow.mark()
            moved, read = follow.moved(read, mark), mark
            for name, engine in engines.items():
                if position[name] not in moved:  # only the seats that committed since the last look
                    continue
                with Session(engine) as db:
                    if latest_event_id(db) < cursors[name]:  # the seat was reset: its feed starts over
                        cursors[name] = 0
                        cursor = ",".join(f"{n}:{c}" for n, c in cursors.items())
                        yield f"id: {cursor}\nevent: reset\ndata: {json.dumps({'seat': name})}\n\n"
                    events = events_after(db, cursors[name])
                for event in events:
                    cursors[name] = event.id
                    payload = json.dumps({**event_as_dict(event), "seat": name}, ensure_ascii=False)
                    cursor = ",".join(f"{n}:{c}" for n, c in cursors.items())
                    yield f"id: {cursor}\nevent: activity\ndata: {payload}\n\n"
            if time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
                last_beat = time.monotonic()
                yield ": keep-alive\n\n"
            wait_for_change(follow, mark, started, stop_after)


@bp.get("/postes/flux")
@console_login_required
def seats_stream():
    """One Server-Sent Events stream for the seats of a page (``postes=a,b,c``, PER_PAGE at most)."""
    names = [n for n in request.args.get("postes", "").split(",") if n][:PER_PAGE]
    if not names:
        abort(404, description="Aucun poste à suivre : précisez « postes=poste-1,poste-2 ».")
    for name in names:
        try:
            check_seat_access(get_seat(_data(), name))
        except SeatError as exc:
            abort(404, description=str(exc))
    cursors = parse_seat_cursors(request.headers.get("Last-Event-ID") or "")
    response = Response(stream_with_context(seats_event_stream(_data(), names, cursors)),
                        mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response
