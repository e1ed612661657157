"""Candidates' timers: 40 minutes (plus any accommodation, e.g. tiers-temps) net of pauses, driving the
seat's deadline (read-only at the end).

While a timer runs, the seat's deadline is start + duration + pauses; while it is paused (an
incident) the deadline is the pause moment, so nobody works on time that does not count; when it
ends, the deadline is the end moment. Every step is a
TimerEvent, so the evidence shows when and why a test was interrupted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from grading.models import SlotSeat, TimerEvent
from grading.services.accommodations import extra_seconds
from grading.services.slots import get_place, get_slot
from grading.services.store import now as clock_now
from grading.services.store import reading, writing
from sandbox.seats import SeatError, set_deadline
from sandbox.services import ServiceError

NOT_STARTED, RUNNING, PAUSED, OVER, ENDED = "not-started", "running", "paused", "over", "ended"
STATES = {
    NOT_STARTED: "pas commencé",
    RUNNING: "en cours",
    PAUSED: "en pause",
    OVER: "temps écoulé",
    ENDED: "terminé",
}


def duration_seconds(place: SlotSeat) -> int:
    """The candidate's working time: the slot's duration plus their accommodation (53 min 20 s = 3 200 s)."""
    minutes = place.slot.duration_minutes
    return minutes * 60 + extra_seconds(place.candidate.accommodation, minutes)


def _duration(place: SlotSeat) -> timedelta:
    return timedelta(seconds=duration_seconds(place))


def deadline(place: SlotSeat) -> datetime | None:
    """When the seat turns read-only: the end of the test, the pause moment while paused, None before."""
    if place.ended_at is not None:
        return place.ended_at
    if place.started_at is None:
        return None
    if place.paused_at is not None:
        return place.paused_at
    return place.started_at + _duration(place) + timedelta(seconds=place.paused_seconds)


def remaining_seconds(place: SlotSeat, at: datetime | None = None) -> int:
    """Seconds of work left for the candidate, net of pauses (0 once over or ended)."""
    if place.ended_at is not None:
        return 0
    total = int(_duration(place).total_seconds())
    if place.started_at is None:
        return total
    moment = place.paused_at or at or clock_now()
    worked = (moment - place.started_at).total_seconds() - place.paused_seconds
    return max(0, int(total - worked))


def state(place: SlotSeat, at: datetime | None = None) -> str:
    """not-started, running, paused, over (time elapsed) or ended (by the examiner)."""
    if place.ended_at is not None:
        return ENDED
    if place.started_at is None:
        return NOT_STARTED
    if place.paused_at is not None:
        return PAUSED
    return RUNNING if remaining_seconds(place, at) > 0 else OVER


def _apply_deadline(data: Path, place: SlotSeat) -> None:
    try:
        set_deadline(data, place.seat_name, deadline(place))
    except SeatError as exc:
        raise ServiceError(f"{exc} Préparez les postes du créneau avant de lancer le chronomètre.") from exc


def _step(
    data: Path, slot_seat_id: int, kind: str, who: str, reason: str = "", at: datetime | None = None
) -> SlotSeat:
    """Apply one timer step in its own transaction, then move the seat's deadline."""
    moment = (at or clock_now()).replace(microsecond=0)
    with writing(data) as db:
        place = get_place(db, slot_seat_id)
        current = state(place, moment)
        name = place.candidate.full_name
        if kind == "start":
            if current != NOT_STARTED:
                raise ServiceError(f"Le chronomètre de {name} est déjà lancé.")
            place.started_at = moment
        elif kind == "pause":
            if current != RUNNING:
                raise ServiceError(
                    f"Le chronomètre de {name} n'est pas en cours : impossible de le mettre en pause."
                )
            if not (reason or "").strip():
                raise ServiceError(
                    "Indiquez la raison de la pause (l'incident) : elle figure au procès-verbal.", "reason"
                )
            place.paused_at = moment
        elif kind == "resume":
            if current != PAUSED:
                raise ServiceError(f"Le chronomètre de {name} n'est pas en pause.")
            place.paused_seconds += int((moment - place.paused_at).total_seconds())
            place.paused_at = None
        elif kind == "end":
            if current in (NOT_STARTED, ENDED):
                raise ServiceError(f"Le test de {name} n'est pas en cours.")
            if place.paused_at is not None:
                place.paused_seconds += int((moment - place.paused_at).total_seconds())
                place.paused_at = None
            over_at = deadline(place)
            place.ended_at = min(moment, over_at) if over_at else moment
        db.add(TimerEvent(slot_seat_id=place.id, kind=kind, reason=(reason or "").strip(), at=moment, by=who))
        db.flush()
        _apply_deadline(data, place)
        return place


def start(data: Path, slot_seat_id: int, who: str = "", at: datetime | None = None) -> SlotSeat:
    """Start a candidate's timer: the seat becomes read-only after the slot's duration."""
    return _step(data, slot_seat_id, "start", who, at=at)


def pause(data: Path, slot_seat_id: int, reason: str, who: str = "", at: datetime | None = None) -> SlotSeat:
    """Pause a running timer for an incident (reason required); the seat is read-only until resumed."""
    return _step(data, slot_seat_id, "pause", who, reason, at)


def resume(data: Path, slot_seat_id: int, who: str = "", at: datetime | None = None) -> SlotSeat:
    """Resume a paused timer; the pause is added to the deadline."""
    return _step(data, slot_seat_id, "resume", who, at=at)


def end(
    data: Path, slot_seat_id: int, who: str = "", reason: str = "", at: datetime | None = None
) -> SlotSeat:
    """End a candidate's test now (or record that the time is over): the seat becomes read-only."""
    return _step(data, slot_seat_id, "end", who, reason, at)


def start_slot(data: Path, slot_id: int, who: str = "", at: datetime | None = None) -> list[SlotSeat]:
    """Start the timers of every candidate of the slot not started yet, at the same moment."""
    moment = (at or clock_now()).replace(microsecond=0)
    with reading(data) as db:
        waiting = [p.id for p in get_slot(db, slot_id).seats if p.started_at is None]
    if not waiting:
        raise ServiceError("Tous les chronomètres de ce créneau sont déjà lancés.")
    return [start(data, place_id, who, moment) for place_id in waiting]
