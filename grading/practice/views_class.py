"""The class view (live matrix of observables), a student's detail and timeline, evidence, exports."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)

from grading.console.live import KEEPALIVE_SECONDS, STREAM_SECONDS, seat_sources, stream_open, wait_for_change
from grading.console.slot_state import grid_state, questions_of
from grading.console.slot_stream import parse_cursors, seat_stream
from grading.practice import bp, data, teacher_required
from grading.practice.views import open_session, seats_of
from grading.services.practice_grid import practice_sheet_id
from grading.services.practice_results import ClassWatcher, feedback_pdf, results_csv, seat_row
from grading.services.practice_results import timeline as seat_timeline
from grading.services.practice_seats import release_student, reset_student_seat
from grading.services.sheets import get_sheet
from grading.services.store import reading
from grading.services.subjects import LEVELS, subject_for_template
from sandbox.db import changes
from sandbox.db.storage import storage_for
from sandbox.services import ServiceError
from sandbox.web.downloads import csv_download

OBSERVABLES_BUDGET = 0.25  # seconds of observables per poll, so a busy class never delays activity


def _student(session, student_id: int):
    student = next((s for s in session.students if s.id == student_id), None)
    if student is None:
        abort(404, description="Cet élève n'est pas dans la séance.")
    return student


@bp.get("/<int:session_id>/classe")
@teacher_required
def class_view(session_id: int):
    """Students × grid lines, per group: ✓/✗ per observed line, latest activity, who is stuck."""
    with reading(data()) as db:
        found = open_session(db, session_id)
        watcher = ClassWatcher(data(), {s.id: s.seat.seat_name for s in found.students if s.seat},
                               found.stuck_minutes)
        # Columns named by question and line titles, as the subject words them (never internal ids).
        grids = {group.id: subject_for_template(data(), group.template).grid for group in found.groups}
        questions = {gid: [q for q in questions_of(grid) if q["lines"]] for gid, grid in grids.items()}
        return render_template("practice/class.html", practice=found, questions=questions,
                               rows=watcher.poll())


def class_stream(watcher: ClassWatcher, stop_after: float = STREAM_SECONDS):
    """SSE: a « row » message per student whose seat moved (observables recomputed only for those)."""
    started = last_beat = time.monotonic()
    yield "retry: 1000\n\n"
    names = list(watcher.seats.values())  # the order of the followed sources (Following.moved)
    with changes.watcher().follow(seat_sources(watcher.data, names)) as follow:
        mark = follow.mark()
        watcher.poll()  # the page was rendered from the same state: send only what moves from now on
        read = mark
        while stream_open(started, stop_after):
            # A change reads again only the seats that moved; an idle wake reads every seat, as before (a
            # seat prepared or removed is not announced on PostgreSQL).
            moved = {names[i] for i in follow.moved(read, mark)} or None
            read = mark
            # Latest activity of those seats first (cheap), then observables within a budget: a student's
            # action shows at once, its ✓/✗ follow as soon as they are recomputed.
            for step in (lambda: watcher.activity(moved=moved),  # noqa: B023 — called in this iteration
                         lambda: watcher.observables(OBSERVABLES_BUDGET)):
                for row in step().values():
                    yield f"event: row\ndata: {json.dumps(row, ensure_ascii=False)}\n\n"
                    last_beat = time.monotonic()
            if time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
                last_beat = time.monotonic()
                yield ": keep-alive\n\n"
            if not watcher.stale:  # observables still behind: go on at once, activity is checked first
                wait_for_change(follow, mark, started, stop_after)
            mark = follow.mark()


@bp.get("/<int:session_id>/classe/flux")
@teacher_required
def class_feed(session_id: int):
    """The class view's live stream (one per open class view, woken when a seat of the class moves)."""
    with reading(data()) as db:
        found = open_session(db, session_id)
        seats = {s.id: s.seat.seat_name for s in found.students if s.seat}
    watcher = ClassWatcher(data(), seats, found.stuck_minutes)
    response = Response(stream_with_context(class_stream(watcher)), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response


@bp.get("/<int:session_id>/eleves/<int:student_id>/")
@teacher_required
def student(session_id: int, student_id: int):
    """A student's column as the examiner's (live activity by question, observables, the formative grid),
    and the whole timeline to replay."""
    with reading(data()) as db:
        found = open_session(db, session_id)
        pupil = _student(found, student_id)
        seat = seats_of(found)[pupil.id]
        grid = subject_for_template(data(), pupil.group.template).grid
        row = seat_row(data(), seat.name) if seat else {"cells": {}, "last": None, "events": 0}
        practice_seat_id = pupil.seat.id if pupil.seat else None
        seat_name = pupil.seat.seat_name if pupil.seat else ""
    column = None
    if practice_seat_id is not None:
        with reading(data()) as db:
            sheet = get_sheet(db, practice_sheet_id(data(), practice_seat_id, grid))
            column = {"place": {"id": practice_seat_id, "seat_name": seat_name}, "seat": seat, "evidence": [],
                      "grid": grid_state(sheet, grid), "cells": row["cells"]}
    with reading(data()) as db:
        found = open_session(db, session_id)
        pupil = _student(found, student_id)
        return render_template(
            "practice/student.html", practice=found, student=pupil, seat=seat, row=row,
            questions=questions_of(grid), events=seat_timeline(data(), seat.name) if seat else [],
            column=column, slot={"grid": grid}, levels=LEVELS.get(grid["type"], {}),
        )


@bp.get("/<int:session_id>/eleves/<int:student_id>/flux")
@teacher_required
def student_feed(session_id: int, student_id: int):
    """The student's column stream (SSE): activity with its question and observables, as the examiner's."""
    with reading(data()) as db:
        pupil = _student(open_session(db, session_id), student_id)
        if pupil.seat is None:
            abort(404, description="Poste non préparé.")
        place, name = pupil.seat.id, pupil.seat.seat_name
    # The examiner's column stream, for one seat: activity with its question, then the observables.
    cursor = parse_cursors(request.headers.get("Last-Event-ID") or "").get(place, 0)
    stream = seat_stream(data(), place, name, cursor)
    response = Response(stream_with_context(stream), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.post("/<int:session_id>/eleves/<int:student_id>/recommencer")
@teacher_required
def reset(session_id: int, student_id: int):
    """Reset a student's seat (same password; the subject from the start)."""
    with reading(data()) as db:
        pupil = _student(open_session(db, session_id), student_id)
        name, who = (pupil.seat.seat_name if pupil.seat else ""), pupil.name
    try:
        reset_student_seat(data(), name)
    except ServiceError as exc:
        flash(exc.message, "error")
    else:
        flash(f"Poste de {who} remis à zéro.", "success")
    return redirect(url_for("practice.student", session_id=session_id, student_id=student_id))


@bp.post("/<int:session_id>/eleves/<int:student_id>/liberer")
@teacher_required
def release(session_id: int, student_id: int):
    """« Libérer »: the student's name may be picked again, from another browser."""
    with reading(data()) as db:
        open_session(db, session_id)  # 404/403 unless it is this teacher's session
    try:
        who = release_student(data(), session_id, student_id)
    except ServiceError as exc:
        flash(exc.message, "error")
    else:
        flash(f"Le nom de {who} est libéré : l'élève peut le choisir depuis un autre navigateur.", "success")
    return redirect(url_for("practice.class_view", session_id=session_id))


@bp.get("/<int:session_id>/eleves/<int:student_id>/preuves/<kind>")
@teacher_required
def evidence(session_id: int, student_id: int, kind: str):
    """The student's evidence: the seat database as it is now, or its activity timeline (JSON)."""
    with reading(data()) as db:
        pupil = _student(open_session(db, session_id), student_id)
        name = pupil.seat.seat_name if pupil.seat else ""
    if not name or not storage_for(data()).exists("seats", name):
        abort(404, description="Poste non préparé.")
    if kind == "chronologie.json":
        body = json.dumps(seat_timeline(data(), name), ensure_ascii=False, indent=2)
        return Response(body, mimetype="application/json",
                        headers={"Content-Disposition": f"attachment; filename={name}-chronologie.json"})
    if kind != "poste.sqlite":
        abort(404)
    target = Path(tempfile.mkdtemp()) / f"{name}.sqlite"
    storage_for(data()).snapshot("seats", name, target)
    return send_file(target, as_attachment=True, download_name=f"{name}.sqlite", max_age=0)


@bp.get("/<int:session_id>/resultats.csv")
@teacher_required
def results(session_id: int):
    """The class results (one line per student), for a French spreadsheet."""
    with reading(data()) as db:
        found = open_session(db, session_id)
        body = results_csv(data(), found)
    return csv_download(body, f"entrainement-{session_id}.csv")


@bp.get("/<int:session_id>/eleves/<int:student_id>/retour.pdf")
@teacher_required
def feedback(session_id: int, student_id: int):
    """A student's feedback sheet (PDF)."""
    with reading(data()) as db:
        found = open_session(db, session_id)
        _student(found, student_id)
        body = feedback_pdf(data(), found, student_id)
    name = f"retour-{session_id}-{student_id}.pdf"
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename={name}"})
