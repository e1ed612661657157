"""A seat reset during a slot (``e5 seat reset``, the incident procedure): the examiner's open slot console
drops the seat's old activity and shows what the candidate does on the fresh copy, without a reload. The
fresh copy numbers its events from the start again, so they used to pass for already seen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sandbox.seats import get_seat, reset_seat
from tests.browser.conftest import console_login
from tests.browser.exam_setup import ready_slot, session_today, slot_places, subject_today

LIVE = 3000  # ms: what the examiner must see after a candidate's action


@pytest.fixture(scope="module")
def slot(live):
    """Subject A prepared for today, one candidate in a slot of the examiner, the seat ready."""
    template, now = subject_today(live)
    session = session_today(live, now, "numéro;nom;prénom\n0201;Leroy;Anna\n")
    slot_id = ready_slot(live, session.id, now, template, 40)
    (name, seat), = slot_places(live, slot_id)
    return name, get_seat(live.data, seat)


def _phone(browser, live, seat, numbers: list[str]) -> None:
    """The candidate logs into the shop back office and changes the shop's phone number, once a number."""
    page = browser.new_context().new_page()
    page.goto(f"{live.url}/s/{seat.name}/boutique/admin/login")
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    for number in numbers:
        page.get_by_role("link", name="Contact").click()
        page.get_by_label("Téléphone").fill(number)
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_text("Les coordonnées de la boutique ont été enregistrées.")).to_be_visible()
    page.context.close()


def test_the_slot_console_follows_a_reset_seat_without_reload(browser, live, slot):
    name, seat = slot
    examiner = browser.new_context().new_page()
    console_login(examiner, live)
    examiner.get_by_role("link", name=re.compile("Ouvrir la console du créneau")).click()
    expect(examiner.get_by_role("status").filter(has_text="Direct : connecté")).to_be_visible()
    column = examiner.get_by_role("region", name=name, exact=True)
    _phone(browser, live, seat, ["03 20 00 00 01", "03 20 00 00 02"])
    expect(column).to_contain_text("« 03 20 00 00 01 » → « 03 20 00 00 02 »", timeout=LIVE)

    reset_seat(live.data, seat.name)  # what `e5 seat reset` does
    _phone(browser, live, seat, ["03 20 99 99 99"])
    expect(column).to_contain_text("→ « 03 20 99 99 99 »", timeout=LIVE)
    expect(column).not_to_contain_text("03 20 00 00 02")  # the old copy's activity is gone
