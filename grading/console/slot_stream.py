"""One Server-Sent Events stream per slot console: every seat's activity, observations, timers and grids.

One stream instead of one per seat: Chromium opens at most 6 connections per site, and an examiner
with the console in two tabs would otherwise starve their own saves. Like ``live.event_stream`` it
reads the databases again when the process's change watcher says one of them moved (the database is
the bus), so any server process can serve any console.

Messages: ``activity`` (an event of a seat, with the question it is about), ``observations`` (the
observables of a seat, recomputed when new events arrive), ``timer`` and ``grid`` (pushed when they
change, e.g. from another tab). The SSE id carries a cursor per seat so a reconnection resumes.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from grading.console.live import (
    KEEPALIVE_SECONDS,
    STREAM_SECONDS,
    latest_event_id,
    seat_sources,
    stream_open,
    wait_for_change,
)
from grading.console.slot_state import evidence_links, grid_state, observations_state, timer_state
from grading.db import grading_engine
from grading.models import Accommodation, AuditEntry, Evidence, GridEntry, GridSheet, Slot, SlotSeat
from grading.services.slots import get_place
from grading.services.store import now as store_now
from grading.services.store import reading
from sandbox.activity.feed import event_as_dict, events_after
from sandbox.db.changes import watcher
from sandbox.db.storage import storage_for
from sandbox.subjects.grouping import question_for_event
from sandbox.subjects.observables.kept import observe_seat
from sandbox.subjects.store import SeatSubject, read_subject

EVENTS_READ = 200  # a seat's events read at once
# Plain SQL, built once: the stream runs this whenever the grading database moves, and building
# SQLAlchemy statements cost more than the reads themselves.
SIGNATURES = sql(f"""
SELECT p.id, p.started_at, p.paused_at, p.paused_seconds, p.ended_at, s.duration_minutes,
       coalesce((SELECT CASE a.kind WHEN 'tiers-temps' THEN s.duration_minutes * 60 / 3
                                    ELSE a.minutes * 60 END
                 FROM {Accommodation.__tablename__} a WHERE a.candidate_id = p.candidate_id), 0),
       (SELECT count(*) FROM {Evidence.__tablename__} e WHERE e.slot_seat_id = p.id),
       g.version,
       (SELECT coalesce(sum(version), 0) FROM {GridEntry.__tablename__} l WHERE l.sheet_id = g.id),
       (SELECT count(*) FROM {AuditEntry.__tablename__} a WHERE a.sheet_id = g.id)
FROM {SlotSeat.__tablename__} p
JOIN {Slot.__tablename__} s ON s.id = p.slot_id
JOIN {GridSheet.__tablename__} g ON g.slot_seat_id = p.id
WHERE p.slot_id = :slot
""")  # noqa: S608 — table names come from the models, never from input


def _moment(value) -> datetime | None:
    """A DateTime column read with plain SQL (SQLite gives its ISO text)."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


@dataclass
class SeatFeed:
    """What the stream remembers about one candidate's seat."""

    place: int
    seat: str
    cursor: int = 0
    subject: SeatSubject | None = None
    subject_read: bool = False
    observed: str = ""  # the last observations sent, as JSON, to send only changes
    stale: bool = False  # new activity since the observables were last computed


def parse_cursors(raw: str) -> dict[int, int]:
    """« 12:40,13:7 » (place:last event id) → {12: 40, 13: 7}; anything malformed is ignored."""
    cursors = {}
    for part in (raw or "").split(","):
        place, _, last = part.partition(":")
        if place.isdigit() and last.isdigit():
            cursors[int(place)] = int(last)
    return cursors


def _cursor_id(feeds: list[SeatFeed]) -> str:
    return ",".join(f"{f.place}:{f.cursor}" for f in feeds)


def message(kind: str, payload: Any, event_id: str | None = None) -> str:
    """One SSE message (JSON data)."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"


def _activity(data: Path, feeds: list[SeatFeed], feed: SeatFeed) -> list[str]:
    """New activity of one seat, each event with the question it is about."""
    storage = storage_for(data)
    if not storage.exists("seats", feed.seat):
        return []  # not prepared yet: the examiner may prepare the seats with the console open
    out = []
    first = not feed.subject_read
    with Session(storage.engine("seats", feed.seat)) as db:  # one connection for the whole look
        if first:
            feed.subject, feed.subject_read = read_subject(db), True
        latest = latest_event_id(db)
        if latest < feed.cursor:
            # Fewer events than already sent: the seat was reset (its fresh copy numbers events from the
            # start again). The console clears the seat's column and follows the new copy from its start;
            # without this, the candidate's next events would pass for already seen.
            feed.cursor, feed.stale = 0, True
            out.append(message("reset", {"place": feed.place}, _cursor_id(feeds)))
        elif latest == feed.cursor and not first:
            # The seat moved without a new event (a draft discarded, a setting, a note saved twice): no
            # activity, but what it wrote may move an observable (« en cours (brouillon) » gone).
            feed.stale = True
            return []
        while True:
            events = events_after(db, feed.cursor, EVENTS_READ)
            for event in events:
                feed.cursor = event.id
                payload = event_as_dict(event)
                payload["place"] = feed.place
                payload["question"] = question_for_event(feed.subject, event) if feed.subject else None
                out.append(message("activity", payload, _cursor_id(feeds)))
            if len(events) < EVENTS_READ:  # a shorter answer is the last one: no empty query after it
                break
    feed.stale = feed.stale or bool(out)
    return out


def _observations(data: Path, feed: SeatFeed) -> list[str]:
    """The seat's observables, recomputed after new activity; sent only when they changed."""
    if feed.subject is None:
        if feed.subject_read and not feed.observed:  # a seat prepared without a subject: say so once
            feed.observed = "none"
            return [message("observations", {"place": feed.place, "lines": {}, "none": True})]
        return []
    if not (feed.stale or not feed.observed):
        return []
    feed.stale = False
    found = json.dumps(observations_state(observe_seat(storage_for(data), feed.seat, feed.subject)),
                       ensure_ascii=False)
    if found == feed.observed:
        return []
    feed.observed = found
    return [message("observations", {"place": feed.place, "lines": json.loads(found)})]


def _signature_rows(data: Path, slot_id: int) -> list:
    """Per candidate, the columns that move when a timer or a grid changes, read in one query."""
    with grading_engine(data).connect() as conn:
        return conn.execute(SIGNATURES, {"slot": slot_id}).all()


def _signatures(rows: list) -> dict[int, tuple]:
    """The signature of each candidate's timer and grid; « over » moves with the clock alone."""
    now = store_now()
    signatures = {}
    for row in rows:
        started, paused, paused_seconds, ended, minutes, extra = (
            _moment(row[1]), _moment(row[2]), row[3], _moment(row[4]), row[5], row[6]
        )
        over = bool(started and not paused and not ended
                    and started + timedelta(minutes=minutes, seconds=paused_seconds + extra) <= now)
        signatures[row[0]] = ((*row[1:8], over), tuple(row[8:]))
    return signatures


def _grading_messages(data: Path, slot_id: int, seen: dict[int, tuple], rows: list) -> list[str]:
    """Timers and grids of the slot that changed since the last look (all of them the first time); ``rows``
    holds the last signature rows read, read again only when emptied (the grading database moved)."""
    if not rows:
        rows[:] = _signature_rows(data, slot_id) or [None]  # [None]: read, no candidate
    signatures = _signatures([row for row in rows if row is not None])
    changed = {place: sig for place, sig in signatures.items() if seen.get(place) != sig}
    if not changed:
        return []
    out = []
    with reading(data) as db:
        for place_id, (timer_sig, grid_sig) in changed.items():
            before = seen.get(place_id, (None, None))
            place = get_place(db, place_id)
            if before[0] != timer_sig:
                out.append(message("timer", {**timer_state(place), "evidence": evidence_links(data, place)}))
            if before[1] != grid_sig:
                out.append(message("grid", grid_state(place.sheet)))
            seen[place_id] = (timer_sig, grid_sig)
    return out


def slot_stream(
    data: Path, slot_id: int, places: list[tuple[int, str]], cursors: dict[int, int],
    stop_after: float = STREAM_SECONDS,
):
    """Yield the slot's SSE messages: history after the cursors, then changes as they are committed."""
    feeds = [SeatFeed(place, seat, cursors.get(place, 0)) for place, seat in places]
    seen: dict[int, tuple] = {}
    rows: list = []  # the grading signature rows last read
    # Position of each followed database (seats in order, the grading database last): a pass reads again
    # only the databases that moved, so an idle wake or another slot's change costs this stream no query.
    position = {seat: i for i, seat in enumerate(dict.fromkeys(seat for _place, seat in places))}
    started = last_beat = time.monotonic()
    read: tuple | None = None
    yield "retry: 1000\n\n"
    with watcher().follow(seat_sources(data, list(position), grading=True)) as follow:
        while stream_open(started, stop_after):
            mark = follow.mark()
            moved, read = follow.moved(read, mark), mark
            if len(position) in moved:
                rows.clear()
            sent = False
            # Activity first for every seat, then the slower observables (~20 ms of CPU a seat): a change
            # on one seat never waits for the observables of another. When a followed database moves
            # while observables are computed, the pass stops there and starts again with the activity;
            # the seats not yet observed stay stale and come first in the next pass (no starvation: each
            # pass observes at least one seat).
            # A seat not prepared yet is looked at on every pass: its database may appear at any time.
            steps = [partial(_activity, data, feeds, feed) for feed in feeds
                     if position[feed.seat] in moved or not feed.subject_read]
            steps.append(partial(_grading_messages, data, slot_id, seen, rows))
            for step in steps:
                for text in step():  # each step runs only once the previous one's messages are sent
                    sent = True
                    yield text
            waiting = sorted(feeds, key=lambda f: not (f.subject is not None and (f.stale or not f.observed)))
            for index, feed in enumerate(waiting):
                if index and follow.mark() != mark:
                    break
                for text in _observations(data, feed):
                    sent = True
                    yield text
            if not sent and time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
                yield ": keep-alive\n\n"
            if sent or time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
                last_beat = time.monotonic()
            wait_for_change(follow, mark, started, stop_after)


def seat_stream(data: Path, place: int, seat: str, cursor: int = 0, stop_after: float = STREAM_SECONDS):
    """One seat's column stream (a practice student's page): activity by question, then observables."""
    feeds = [SeatFeed(place, seat, cursor)]
    started = last_beat = time.monotonic()
    read: tuple | None = None
    yield "retry: 1000\n\n"
    with watcher().follow(seat_sources(data, [seat])) as follow:
        while stream_open(started, stop_after):
            mark = follow.mark()
            moved, read = follow.moved(read, mark), mark
            sent = False
            steps = (partial(_activity, data, feeds, feeds[0]), partial(_observations, data, feeds[0]))
            for step in steps if moved or not feeds[0].subject_read else ():  # an idle wake reads nothing
                for text in step():
                    sent = True
                    yield text
            if sent or time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
                if not sent:
                    yield ": keep-alive\n\n"
                last_beat = time.monotonic()
            wait_for_change(follow, mark, started, stop_after)
