"""Slots: one subject, three candidates at most, nobody in two places; seats prepared in one action."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from grading.models import GridEntry, GridSheet, Slot, SlotSeat
from grading.services.access import can_open_slot, slots_for
from grading.services.accommodations import set_accommodation
from grading.services.slots import add_candidate, create_slot, prepare_slot_seats
from grading.services.store import reading
from grading.services.subjects import available_subjects
from sandbox.seats import get_seat
from sandbox.services import ServiceError
from tests.grading.conftest import EXAM_DAY, TEMPLATE_A, TEMPLATE_B, candidate_ids, make_slot


def _counts(gdata) -> tuple[int, int, int, int]:
    with reading(gdata) as db:
        return tuple(
            db.scalar(select(func.count()).select_from(m)) for m in (Slot, SlotSeat, GridSheet, GridEntry)
        )


def test_prepared_subjects_are_offered_with_their_grid(gdata):
    choices = {c.template: c for c in available_subjects(gdata)}
    assert choices[TEMPLATE_A].letter == "A" and choices[TEMPLATE_A].grid["type"] == "ti-ts"
    assert [line["id"] for line in choices[TEMPLATE_A].grid["lines"]] == [
        "q1-declinaisons",
        "q1-prix",
        "q2-commande",
    ]
    assert choices[TEMPLATE_B].grid["lines"][0]["levels"][0] == "Non réalisée"


def test_a_slot_gets_a_place_and_an_empty_sheet_per_candidate(gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0101", "0102", "0103"))
    with reading(gdata) as db:
        slot = db.get(Slot, slot.id)
        assert [p.seat_name for p in slot.seats] == [f"s{slot.id}-1", f"s{slot.id}-2", f"s{slot.id}-3"]
        assert [e.line_id for e in slot.seats[0].sheet.entries] == [
            "q1-declinaisons",
            "q1-prix",
            "q2-commande",
        ]
        assert slot.subject_letter == "A" and slot.subject_code == "E5B-2027-LN-A"


def test_a_fourth_candidate_is_refused_and_nothing_is_created(gdata, exam, accounts):
    with pytest.raises(ServiceError) as refused:
        make_slot(gdata, exam, accounts, ("0101", "0102", "0103", "0104"))
    assert "au plus 3 candidats" in refused.value.message and refused.value.field == "candidates"
    assert _counts(gdata) == (0, 0, 0, 0)
    slot = make_slot(gdata, exam, accounts, ("0101", "0102", "0103"))
    before = _counts(gdata)
    with pytest.raises(ServiceError) as refused:
        add_candidate(gdata, slot.id, candidate_ids(gdata, exam.id)["0104"])
    assert "déjà 3 candidats" in refused.value.message
    assert _counts(gdata) == before


def test_two_subjects_in_one_slot_are_refused(gdata, exam, accounts):
    ids = candidate_ids(gdata, exam.id)
    with pytest.raises(ServiceError) as refused:
        create_slot(
            gdata,
            exam.id,
            datetime(2027, 5, 20, 14, 0),
            accounts["martin"][2].id,
            [TEMPLATE_A, TEMPLATE_B],
            [ids["0101"], ids["0102"]],
        )
    assert "qu'un seul sujet" in refused.value.message
    make_slot(gdata, exam, accounts, ("0101",), TEMPLATE_A, "14:00")
    before = _counts(gdata)
    # The same examiner at the same time on another subject would mean two subjects in one slot.
    with pytest.raises(ServiceError) as refused:
        make_slot(gdata, exam, accounts, ("0102",), TEMPLATE_B, "14:20")
    assert "Mme Martin a déjà un créneau à 14:00" in refused.value.message
    assert _counts(gdata) == before


def test_a_candidate_cannot_be_in_two_slots_at_the_same_time(gdata, exam, accounts):
    make_slot(gdata, exam, accounts, ("0101", "0102"), at="14:00", examiner="martin")
    with pytest.raises(ServiceError) as refused:
        make_slot(gdata, exam, accounts, ("0103", "0102"), at="14:30", examiner="durand")
    assert "BERNARD Louis (n° 0102) passe déjà dans le créneau de 14:00" in refused.value.message
    make_slot(gdata, exam, accounts, ("0103", "0102"), at="14:40", examiner="durand")  # after the first ends


def test_a_slot_is_on_the_session_day_with_an_examiner(gdata, exam, accounts):
    ids = candidate_ids(gdata, exam.id)
    with pytest.raises(ServiceError, match="jour de la session"):
        create_slot(
            gdata, exam.id, datetime(2027, 5, 21, 9, 0), accounts["martin"][2].id, TEMPLATE_A, [ids["0101"]]
        )
    with pytest.raises(ServiceError, match="examinateur"):
        create_slot(
            gdata, exam.id, datetime(2027, 5, 20, 9, 0), accounts["admin"][2].id, TEMPLATE_A, [ids["0101"]]
        )


def test_prepare_creates_then_resets_one_seat_per_candidate(gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0101", "0102"))
    places = prepare_slot_seats(gdata, slot.id)
    first = get_seat(gdata, places[0].seat_name)
    assert first.template == TEMPLATE_A and first.password
    prepare_slot_seats(gdata, slot.id)
    again = get_seat(gdata, places[0].seat_name)
    assert again.password == first.password and again.reset_at


def test_an_examiner_opens_only_their_own_slots(gdata, exam, accounts):
    mine = make_slot(gdata, exam, accounts, ("0101",), examiner="martin")
    other = make_slot(gdata, exam, accounts, ("0102",), examiner="durand")
    martin = {"id": accounts["martin"][2].id, "role": "examiner"}
    admin = {"id": accounts["admin"][2].id, "role": "admin"}
    assert can_open_slot(martin, mine) and not can_open_slot(martin, other)
    assert can_open_slot(admin, other)
    with reading(gdata) as db:
        assert [s.id for s in slots_for(db, martin)] == [mine.id]
        assert len(slots_for(db, admin, exam.id)) == 2


def test_exam_day_constant_is_the_session_date(exam):
    assert exam.date == EXAM_DAY


def test_extra_time_keeps_the_examiner_and_the_candidate_busy(gdata, exam, accounts):
    """A tiers-temps at 14:00 ends at 14:53:20: a 14:45 slot of the same examiner or candidate overlaps it."""
    ids = candidate_ids(gdata, exam.id)
    set_accommodation(gdata, ids["0102"], "tiers-temps")
    make_slot(gdata, exam, accounts, ("0101", "0102"), at="14:00", examiner="martin")
    before = _counts(gdata)
    with pytest.raises(ServiceError) as refused:
        make_slot(gdata, exam, accounts, ("0103",), at="14:45", examiner="martin")
    assert "Mme Martin a déjà un créneau à 14:00" in refused.value.message
    with pytest.raises(ServiceError) as refused:
        make_slot(gdata, exam, accounts, ("0102",), at="14:45", examiner="durand")
    assert "passe déjà dans le créneau de 14:00" in refused.value.message
    assert _counts(gdata) == before
    # Without extra time the other candidate is free at 14:45; the examiner is free once the tiers-temps ends.
    make_slot(gdata, exam, accounts, ("0101",), at="14:45", examiner="durand")
    make_slot(gdata, exam, accounts, ("0103",), at="14:55", examiner="martin")


def test_a_candidate_whose_extra_time_runs_into_the_next_slot_is_refused(gdata, exam, accounts):
    ids = candidate_ids(gdata, exam.id)
    set_accommodation(gdata, ids["0104"], "+20")
    first = make_slot(gdata, exam, accounts, ("0101",), at="14:00", examiner="martin")
    make_slot(gdata, exam, accounts, ("0102",), at="14:50", examiner="martin")
    with pytest.raises(ServiceError) as refused:
        add_candidate(gdata, first.id, ids["0104"])
    assert "ce créneau finirait à 15:00" in refused.value.message
    assert "autre créneau à 14:50" in refused.value.message
    add_candidate(gdata, first.id, ids["0103"])  # no extra time: fits
