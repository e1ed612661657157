"""One Server-Sent Events stream per slot console: every seat's activity, observations, timers and grids.

One stream instead of one per seat: Chromium opens at most 6 connections per site, and an examiner
with the console in two tabs would otherwise starve their own saves. Like ``live.event_stream`` it
polls the databases (the database is the bus), so any server process can serve any console.

Messages: ``activity`` (an event of a seat, with the question it is about), ``observations`` (the
observables of a seat, recomputed when new events arrive), ``timer`` and ``grid`` (pushed when they
change, e.g. from another tab). The SSE id carries a cursor per seat so a reconnection resumes.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from grading.console.live import KEEPALIVE_SECONDS, POLL_SECONDS, STREAM_SECONDS
from grading.console.slot_state import (
    evidence_links,
    grid_signature,
    grid_state,
    observations_state,
    timer_signature,
    timer_state,
)
from grading.models import GridSheet, SlotSeat
from grading.services.store import reading
from sandbox.activity.feed import event_as_dict, events_after
from sandbox.db.storage import storage_for
from sandbox.subjects.grouping import question_for_event
from sandbox.subjects.observables import observe_all
from sandbox.subjects.store import SeatSubject, read_subject


@dataclass
class SeatFeed:
    """What the stream remembers about one candidate's seat."""

    place: int
    seat: str
    cursor: int = 0
    subject: SeatSubject | None = None
    subject_read: bool = False
    observed: str = ""  # the last observations sent, as JSON, to send only changes


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


def _seat_messages(data: Path, feeds: list[SeatFeed], feed: SeatFeed) -> list[str]:
    """New activity of one seat, then its observations when they changed."""
    storage = storage_for(data)
    if not storage.exists("seats", feed.seat):
        return []  # not prepared yet: the examiner may prepare the seats with the console open
    out = []
    with Session(storage.engine("seats", feed.seat)) as db:
        if not feed.subject_read:
            feed.subject, feed.subject_read = read_subject(db), True
        events = events_after(db, feed.cursor)
        for event in events:
            feed.cursor = event.id
            payload = event_as_dict(event)
            payload["place"] = feed.place
            payload["question"] = question_for_event(feed.subject, event) if feed.subject else None
            out.append(message("activity", payload, _cursor_id(feeds)))
        if feed.subject is not None and (events or not feed.observed):
            found = json.dumps(observations_state(observe_all(db, feed.subject)), ensure_ascii=False)
            if found != feed.observed:
                feed.observed = found
                out.append(message("observations", {"place": feed.place, "lines": json.loads(found)}))
    return out


def _grading_messages(data: Path, slot_id: int, seen: dict[tuple, tuple]) -> list[str]:
    """Timers and grids of the slot that changed since the last look (all of them the first time)."""
    out = []
    with reading(data) as db:
        places = db.scalars(
            select(SlotSeat)
            .where(SlotSeat.slot_id == slot_id)
            .options(
                selectinload(SlotSeat.timer_events),
                selectinload(SlotSeat.sheet).selectinload(GridSheet.entries),
                selectinload(SlotSeat.sheet).selectinload(GridSheet.audit),
                selectinload(SlotSeat.evidence),
            )
        ).all()
        for place in places:
            signature = (*timer_signature(place), len(place.evidence))
            if seen.get(("timer", place.id)) != signature:
                seen[("timer", place.id)] = signature
                out.append(message("timer", {**timer_state(place), "evidence": evidence_links(data, place)}))
            signature = grid_signature(place.sheet)
            if seen.get(("grid", place.id)) != signature:
                seen[("grid", place.id)] = signature
                out.append(message("grid", grid_state(place.sheet)))
    return out


def slot_stream(
    data: Path, slot_id: int, places: list[tuple[int, str]], cursors: dict[int, int],
    stop_after: float = STREAM_SECONDS,
):
    """Yield the slot's SSE messages: history after the cursors, then changes as they are committed."""
    feeds = [SeatFeed(place, seat, cursors.get(place, 0)) for place, seat in places]
    seen: dict[tuple, tuple] = {}
    started = last_beat = time.monotonic()
    yield "retry: 1000\n\n"
    while time.monotonic() - started < stop_after:
        sent = False
        for feed in feeds:
            for text in _seat_messages(data, feeds, feed):
                sent = True
                yield text
        for text in _grading_messages(data, slot_id, seen):
            sent = True
            yield text
        if not sent and time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
            yield ": keep-alive\n\n"
        if sent or time.monotonic() - last_beat >= KEEPALIVE_SECONDS:
            last_beat = time.monotonic()
        time.sleep(POLL_SECONDS)
