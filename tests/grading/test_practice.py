"""Practice sessions: class list import, 35 seats in one action, reset keeps the password, never mixed
with exam seats, and who may open what."""

from __future__ import annotations

import time

import pytest

from grading.accounts import create_user
from grading.db import find_user
from grading.services.practice import (
    CODE_LETTERS,
    create_practice_session,
    get_practice_session,
    parse_class_list,
)
from grading.services.practice_results import ClassWatcher, feedback_pdf, results_csv
from grading.services.practice_seats import join_seat, prepare_practice_seats, reset_student_seat
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from sandbox.seats import get_seat, seat_key
from sandbox.security import check_password
from sandbox.services import ServiceError
from tests.grading.conftest import TEMPLATE_A, TEMPLATE_B, make_slot, work_on_seat

CLASS_35 = "\n".join(f"Élève {n:02d}" for n in range(1, 36))


@pytest.fixture
def teachers(gdata):
    """Two teachers: {username: session-like dict}."""
    made = {}
    for username in ("prof", "collegue"):
        create_user(gdata, username, f"{username}-motdepasse", "teacher", f"M. {username}")
        with reading(gdata) as db:
            user = find_user(db, username)
        made[username] = {"id": user.id, "role": "teacher", "username": username, "name": user.display_name}
    return made


def test_class_list_paste_csv_and_line_errors():
    pasted = parse_class_list("Léa Roux\n\nHugo Garcia\n")
    assert pasted.students == [("Léa Roux", None), ("Hugo Garcia", None)]
    parsed = parse_class_list("\ufeffnom;prénom;groupe\nRoux;Léa;2\nGarcia;Hugo;1\n", groups=2)
    assert parsed.students == [("Roux Léa", 2), ("Garcia Hugo", 1)] and not parsed.errors
    bad = parse_class_list("nom;prénom;groupe\nRoux;Léa;3\n;;\nGarcia;Hugo;\ngarcia;hugo;1\n", groups=2)
    assert bad.errors == ["Ligne 2 : groupe « 3 » inconnu (1 à 2).",
                          "Ligne 5 : « garcia hugo » figure déjà dans la liste."]
    assert parse_class_list("").errors


def test_session_of_35_students_prepared_in_one_action(gdata, teachers):
    session = create_practice_session(gdata, teachers["prof"], "TP déclinaisons", [TEMPLATE_A, TEMPLATE_B],
                                      CLASS_35, duration_minutes=40, show_observables=True)
    assert len(session.code) == 6 and set(session.code) <= set(CODE_LETTERS)
    started = time.perf_counter()
    seats = prepare_practice_seats(gdata, session.id)
    elapsed = time.perf_counter() - started
    print(f"\n35 seats prepared in {elapsed:.2f} s (bench_practice measures it)")
    assert len(seats) == 35
    assert len({s.password for s in seats}) > 1 and all(s.practice and s.show_observables for s in seats)
    with reading(gdata) as db:
        loaded = get_practice_session(db, session.id)
        names = [s.seat.seat_name for s in loaded.students]
        assert names[0] == f"e-{session.id}-1" and {s.group.template for s in loaded.students} == {
            TEMPLATE_A, TEMPLATE_B}
        first = loaded.students[0]
    seat = join_seat(gdata, session.code.lower(), first.id, "navigateur-1")
    # The timer starts at the student's first login in the seat, not when the name is picked.
    assert seat.name == names[0] and seat.minutes == 40 and not seat.deadline
    with pytest.raises(ServiceError, match="Code de classe inconnu"):
        join_seat(gdata, "ZZZZZZ", first.id, "navigateur-1")


def test_reset_keeps_password_and_matrix_follows(gdata, teachers):
    session = create_practice_session(gdata, teachers["prof"], "TP", [TEMPLATE_A], "Léa Roux\nHugo Garcia")
    prepare_practice_seats(gdata, session.id)
    name = f"e-{session.id}-1"
    before = get_seat(gdata, name)
    with reading(gdata) as db:
        loaded = get_practice_session(db, session.id)
    watcher = ClassWatcher(gdata, {s.id: s.seat.seat_name for s in loaded.students})
    assert len(watcher.poll()) == 2 and watcher.poll() == {}
    work_on_seat(gdata, name)
    changed = watcher.poll()
    assert list(changed) == [loaded.students[0].id] and changed[loaded.students[0].id]["last"]
    after = reset_student_seat(gdata, name)
    assert after.password == before.password and after.reset_at
    with reading(gdata) as db:
        from grading.models_practice import PracticeSeat
        assert db.query(PracticeSeat).filter_by(seat_name=name).one().reset_count == 1
    assert watcher.poll()[loaded.students[0].id]["last"] is None
    csv_text = results_csv(gdata, loaded).decode("utf-8")
    assert csv_text.startswith("\ufeffÉlève;Groupe;Sujet") and "Léa Roux;Groupe 1" in csv_text
    assert feedback_pdf(gdata, loaded, loaded.students[0].id).startswith(b"%PDF")


def test_practice_and_exam_seats_never_mix(gdata, teachers, exam, accounts):
    slot = make_slot(gdata, exam, accounts)
    exam_seats = [p.seat_name for p in prepare_slot_seats(gdata, slot.id)]
    session = create_practice_session(gdata, teachers["prof"], "TP", [TEMPLATE_A], "Léa Roux")
    seats = prepare_practice_seats(gdata, session.id)
    assert all(not get_seat(gdata, n).practice for n in exam_seats) and seats[0].name.startswith("e-")
    with pytest.raises(ServiceError, match="Seul un poste d'entraînement"):
        reset_student_seat(gdata, exam_seats[0])
    with pytest.raises(ServiceError, match="enseignant"):
        create_practice_session(gdata, {"id": accounts["martin"][2].id, "role": "examiner"}, "TP",
                                [TEMPLATE_A], "Léa Roux")
    assert check_password(seats[0].password_hash, seats[0].password, seat_key(gdata))


def test_the_class_stream_reads_again_only_the_seats_that_moved(gdata, teachers):
    session = create_practice_session(gdata, teachers["prof"], "TP", [TEMPLATE_A], "Léa Roux\nHugo Garcia")
    prepare_practice_seats(gdata, session.id)
    with reading(gdata) as db:
        students = get_practice_session(db, session.id).students
    watcher = ClassWatcher(gdata, {s.id: s.seat.seat_name for s in students})
    watcher.poll()
    work_on_seat(gdata, students[0].seat.seat_name)
    # Told that only the other seat moved, the watcher does not read the first one again …
    assert watcher.activity(moved={students[1].seat.seat_name}) == {}
    # … told it moved (or told nothing), it shows its new activity.
    changed = watcher.activity(moved={students[0].seat.seat_name})
    assert list(changed) == [students[0].id] and changed[students[0].id]["last"]
    work_on_seat(gdata, students[1].seat.seat_name)
    assert list(watcher.activity()) == [students[1].id]
