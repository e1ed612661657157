"""Timers: 40 minutes net of pauses, and the seat turns read-only at the end."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from grading.models import SlotSeat
from grading.services import timers
from grading.services.accommodations import set_accommodation
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from sandbox.seats import get_seat
from sandbox.services import ServiceError
from tests.grading.conftest import candidate_ids, make_slot

T0 = datetime(2027, 5, 20, 14, 0, 0)


@pytest.fixture
def place_id(gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0101",))
    return prepare_slot_seats(gdata, slot.id)[0].id


def _place(gdata, place_id) -> SlotSeat:
    with reading(gdata) as db:
        place = db.get(SlotSeat, place_id)
        _ = place.slot.duration_minutes, place.candidate.number, place.timer_events
        return place


def test_the_seat_turns_read_only_after_forty_minutes_net_of_pauses(gdata, place_id):
    timers.start(gdata, place_id, "Mme Martin", at=T0)
    place = _place(gdata, place_id)
    seat = get_seat(gdata, place.seat_name)
    assert seat.deadline == "2027-05-20T14:40:00"
    assert timers.remaining_seconds(place, T0 + timedelta(minutes=10)) == 30 * 60

    timers.pause(gdata, place_id, "Panne du poste : redémarrage", "Mme Martin", at=T0 + timedelta(minutes=10))
    place = _place(gdata, place_id)
    assert timers.state(place) == timers.PAUSED
    assert timers.remaining_seconds(place, T0 + timedelta(minutes=25)) == 30 * 60
    assert get_seat(gdata, place.seat_name).read_only(T0 + timedelta(minutes=11))  # nobody works meanwhile

    timers.resume(gdata, place_id, "Mme Martin", at=T0 + timedelta(minutes=15))
    place = _place(gdata, place_id)
    seat = get_seat(gdata, place.seat_name)
    assert seat.deadline == "2027-05-20T14:45:00"
    assert not seat.read_only(T0 + timedelta(minutes=44, seconds=59))
    assert seat.read_only(T0 + timedelta(minutes=45))
    assert timers.state(place, T0 + timedelta(minutes=46)) == timers.OVER
    assert [e.kind for e in place.timer_events] == ["start", "pause", "resume"]
    assert place.timer_events[1].reason == "Panne du poste : redémarrage"


def test_a_pause_needs_its_reason_and_steps_follow_their_order(gdata, place_id):
    with pytest.raises(ServiceError, match="pas en cours"):
        timers.pause(gdata, place_id, "incident", at=T0)
    timers.start(gdata, place_id, at=T0)
    with pytest.raises(ServiceError, match="déjà lancé"):
        timers.start(gdata, place_id, at=T0)
    with pytest.raises(ServiceError) as refused:
        timers.pause(gdata, place_id, "  ", at=T0 + timedelta(minutes=1))
    assert refused.value.field == "reason"


def test_ending_early_closes_the_seat_now(gdata, place_id):
    timers.start(gdata, place_id, at=T0)
    timers.end(gdata, place_id, "Mme Martin", at=T0 + timedelta(minutes=32))
    place = _place(gdata, place_id)
    assert timers.state(place) == timers.ENDED and timers.remaining_seconds(place) == 0
    assert get_seat(gdata, place.seat_name).deadline == "2027-05-20T14:32:00"


def test_a_short_duration_for_tests(gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0102",), at="15:00", duration=1)
    place = prepare_slot_seats(gdata, slot.id)[0]
    started = timers.start_slot(gdata, slot.id, at=datetime(2027, 5, 20, 15, 0))
    assert [p.id for p in started] == [place.id]
    assert get_seat(gdata, place.seat_name).deadline == "2027-05-20T15:01:00"


def test_tiers_temps_two_pauses_and_the_last_second(gdata, exam, accounts):
    """53 min 20 s for a tiers-temps; pauses add up; still running 1 s before the deadline."""
    set_accommodation(gdata, candidate_ids(gdata, exam.id)["0101"], "tiers-temps")
    slot = make_slot(gdata, exam, accounts, ("0101",))
    place_id = prepare_slot_seats(gdata, slot.id)[0].id
    timers.start(gdata, place_id, at=T0.replace(microsecond=500_000))
    assert _place(gdata, place_id).started_at == T0
    timers.pause(gdata, place_id, "Panne", at=T0 + timedelta(minutes=10))
    timers.resume(gdata, place_id, at=T0 + timedelta(minutes=15))
    timers.pause(gdata, place_id, "Coupure réseau", at=T0 + timedelta(minutes=20))
    timers.resume(gdata, place_id, at=T0 + timedelta(minutes=30))
    place = _place(gdata, place_id)
    assert get_seat(gdata, place.seat_name).deadline == "2027-05-20T15:08:20"  # 14:00 + 53:20 + 15:00
    assert timers.remaining_seconds(place, T0 + timedelta(minutes=40)) == 3200 - 25 * 60
    end = datetime(2027, 5, 20, 15, 8, 20)
    assert timers.state(place, end - timedelta(seconds=1)) == timers.RUNNING
    assert timers.state(place, end) == timers.OVER
    assert [(e.kind, e.reason, e.by) for e in place.timer_events] == [
        ("start", "", ""), ("pause", "Panne", ""), ("resume", "", ""), ("pause", "Coupure réseau", ""),
        ("resume", "", "")]


def test_steps_refused_name_the_candidate_and_say_why(gdata, place_id):
    name = _place(gdata, place_id).candidate.full_name
    with pytest.raises(ServiceError, match=f"^Le test de {name} n'est pas en cours.$"):
        timers.end(gdata, place_id, at=T0)
    timers.start(gdata, place_id, "Mme Martin", at=T0)
    with pytest.raises(ServiceError, match=f"^Le chronomètre de {name} est déjà lancé.$"):
        timers.start(gdata, place_id, at=T0)
    with pytest.raises(ServiceError, match=f"^Le chronomètre de {name} n'est pas en pause.$"):
        timers.resume(gdata, place_id, at=T0 + timedelta(minutes=1))
    with pytest.raises(ServiceError) as refused:
        timers.pause(gdata, place_id, None, at=T0 + timedelta(minutes=1))
    assert (refused.value.message, refused.value.field) == (
        "Indiquez la raison de la pause (l'incident) : elle figure au procès-verbal.", "reason")
    with pytest.raises(ServiceError, match="n'est pas en cours : impossible de le mettre en pause"):
        timers.pause(gdata, place_id, "Trop tard", at=T0 + timedelta(minutes=41))  # the time is over then


def test_ending_a_paused_or_elapsed_test(gdata, exam, accounts, place_id):
    timers.start(gdata, place_id, "Mme Martin", at=T0)
    timers.pause(gdata, place_id, "Panne", "Mme Martin", at=T0 + timedelta(minutes=10))
    timers.resume(gdata, place_id, "Mme Martin", at=T0 + timedelta(minutes=15))
    timers.pause(gdata, place_id, "Malaise", "Mme Martin", at=T0 + timedelta(minutes=20))
    timers.end(gdata, place_id, "Mme Martin", "Malaise du candidat", at=T0 + timedelta(minutes=30))
    place = _place(gdata, place_id)
    assert (place.paused_seconds, place.paused_at, place.ended_at) == (900, None, T0 + timedelta(minutes=30))
    assert [(e.kind, e.by) for e in place.timer_events][-1] == ("end", "Mme Martin")
    assert place.timer_events[-1].reason == "Malaise du candidat"
    assert {e.by for e in place.timer_events} == {"Mme Martin"}

    slot = make_slot(gdata, exam, accounts, ("0102",), at="15:00")
    late = prepare_slot_seats(gdata, slot.id)[0].id
    timers.start(gdata, late, at=datetime(2027, 5, 20, 15, 0))
    timers.end(gdata, late, at=datetime(2027, 5, 20, 15, 50))  # recorded after the time was over
    place = _place(gdata, late)
    assert place.ended_at == datetime(2027, 5, 20, 15, 40)
    assert [(e.kind, e.reason, e.by) for e in place.timer_events] == [("start", "", ""), ("end", "", "")]


def test_a_slot_starts_once_and_only_once_its_seats_are_prepared(gdata, exam, accounts):
    waiting = make_slot(gdata, exam, accounts, ("0101",))
    place_id = _slot_place_id(gdata, waiting.id)
    with pytest.raises(ServiceError, match="Préparez les postes du créneau avant de lancer le chronomètre."):
        timers.start(gdata, place_id, at=T0)
    slot = make_slot(gdata, exam, accounts, ("0102",), at="15:00")
    prepare_slot_seats(gdata, slot.id)
    started = timers.start_slot(gdata, slot.id, "Mme Martin", at=datetime(2027, 5, 20, 15, 0, 0, 700_000))
    assert started[0].started_at == datetime(2027, 5, 20, 15, 0)
    assert [e.by for e in _place(gdata, started[0].id).timer_events] == ["Mme Martin"]
    with pytest.raises(ServiceError, match="^Tous les chronomètres de ce créneau sont déjà lancés.$"):
        timers.start_slot(gdata, slot.id)
    prepare_slot_seats(gdata, waiting.id)
    timers.start_slot(gdata, waiting.id, at=T0)
    assert [e.by for e in _place(gdata, place_id).timer_events] == [""]


def _slot_place_id(gdata, slot_id) -> int:
    with reading(gdata) as db:
        return db.scalar(select(SlotSeat.id).where(SlotSeat.slot_id == slot_id))
