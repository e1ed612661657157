"""Timers: 40 minutes net of pauses, and the seat turns read-only at the end."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from grading.models import SlotSeat
from grading.services import timers
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from sandbox.seats import get_seat
from sandbox.services import ServiceError
from tests.grading.conftest import make_slot

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
