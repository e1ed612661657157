"""Practice and exam seats live on their own date: the seeded history ends the day before, statistics too."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from grading.accounts import create_user
from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.services.candidates import import_candidates
from grading.services.practice import create_practice_session
from grading.services.practice_seats import prepare_practice_seats
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from sandbox.clock import seat_today
from sandbox.seats import get_seat
from sandbox.subjects.prepare import prepare_subject
from tests.subjects.clock_checks import history_end, late_values, statistics_show_last_30_days
from tests.subjects.conftest import seat_session


def _agrees(data, client, seat, day: date) -> None:
    with seat_session(data, seat.name) as db:
        assert seat_today(db) == day
        assert late_values(db, day) == []
        assert history_end(db) == (day - timedelta(days=1), day - timedelta(days=1))
    statistics_show_last_30_days(client, seat.name, seat, day)


def test_a_december_practice_session_shows_a_shop_whose_history_ends_the_day_before(data, client):
    day = date(2026, 12, 5)
    template = prepare_subject(data, DEMO_SUBJECT, day)
    create_user(data, "prof", "prof-motdepasse", "teacher", "M. Professeur")
    with reading(data) as db:
        user = find_user(db, "prof")
    teacher = {"id": user.id, "role": "teacher", "username": "prof", "name": user.display_name}
    session = create_practice_session(data, teacher, "TP décembre", [template], "Léa Roux\nHugo Garcia")
    seats = prepare_practice_seats(data, session.id)
    assert len(seats) == 2 and all(s.practice for s in seats)
    _agrees(data, client, seats[1], day)


def test_exam_seats_live_on_the_session_date(data, client):
    day = date(2028, 1, 11)
    template = prepare_subject(data, DEMO_SUBJECT, day)
    create_user(data, "martin", "examen-2028", "examiner", "Mme Martin")
    with reading(data) as db:
        examiner = find_user(db, "martin")
    exam = create_session(data, day, "Lycée Jean Moulin", "Lyon", "NDRC-12", "admin")
    import_candidates(data, exam.id, "0101;Petit;Claire\n")
    with reading(data) as db:
        ids = [c.id for c in db.get(type(exam), exam.id).candidates]
    slot = create_slot(data, exam.id, datetime(day.year, day.month, day.day, 14), examiner.id, template, ids)
    places = prepare_slot_seats(data, slot.id)
    _agrees(data, client, get_seat(data, places[0].seat_name), day)
