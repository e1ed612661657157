"""Issue 11 in the browser: a practice name picked in one browser is refused in another until the teacher
clicks « Libérer » on the class view; the timer starts at the student's first login, not at the pick."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from grading.accounts import create_user
from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.services.practice import create_practice_session
from grading.services.practice_seats import prepare_practice_seats
from grading.services.store import reading
from sandbox.seats import get_seat
from tests.browser.conftest import console_login, pick_practice_name

TEACHER = ("prof-libre", "prof-libre-2027")


@pytest.fixture(scope="module")
def practice(live):
    """Subject A prepared; a teacher's session of two students, timed 30 minutes, seats prepared."""
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    from sandbox.subjects.prepare import prepare_subject

    template = prepare_subject(live.data, DEMO_SUBJECT, date.today())
    create_user(live.data, TEACHER[0], TEACHER[1], "teacher", "Mme Libre")
    with reading(live.data) as db:
        teacher = {"id": find_user(db, TEACHER[0]).id, "role": "teacher"}
    session = create_practice_session(live.data, teacher, "TP libre", [template],
                                      "Léa Roux\nHugo Garcia", duration_minutes=30)
    prepare_practice_seats(live.data, session.id)
    return session


def test_a_name_stays_with_its_browser_until_released(browser, live, practice):
    first = browser.new_context().new_page()
    pick_practice_name(first, live, practice.code, "Léa Roux")
    expect(first.locator("[data-password]")).to_be_visible()
    seat = get_seat(live.data, f"e-{practice.id}-1")
    assert seat.deadline == ""  # picking the name does not start the timer

    second = browser.new_context().new_page()
    # The list says so before anyone tries.
    pick_practice_name(second, live, practice.code, "Léa Roux (déjà choisi)")
    expect(second.get_by_text("Ce nom a déjà été choisi depuis un autre navigateur")).to_be_visible()
    expect(second.locator("[data-password]")).to_have_count(0)

    teacher = browser.new_context().new_page()
    console_login(teacher, live, TEACHER)
    teacher.goto(f"{live.url}/console/entrainement/{practice.id}/classe")
    expect(teacher.get_by_role("button", name="Libérer le nom de Hugo Garcia")).to_have_count(0)
    teacher.get_by_role("button", name="Libérer le nom de Léa Roux").click()
    expect(teacher.get_by_text("Le nom de Léa Roux est libéré")).to_be_visible()

    pick_practice_name(second, live, practice.code, "Léa Roux")
    expect(second.locator("[data-password]")).to_have_text(seat.password)
    second.get_by_role("link", name="ouvrez votre poste").click()
    second.get_by_role("link", name="Administration de la boutique").click()
    second.get_by_label("Adresse e-mail").fill(seat.login)
    second.get_by_label("Mot de passe").fill(seat.password)
    second.get_by_role("button", name="Se connecter").click()
    expect(second.get_by_role("button", name="Se connecter")).to_have_count(0)
    assert get_seat(live.data, seat.name).deadline  # the timer started at the first login
