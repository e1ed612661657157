"""Tiers-temps from the browser: the administrator gives a candidate a third more time on the session page;
on the examiner's slot console (time driven by Playwright's clock) the normal candidate's seat turns
read-only at 40 min and the tiers-temps one at 53 min 20 s."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from grading.accounts import create_user
from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.models import ExamSession
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from tests.browser.conftest import EXAMINER, console_login
from tests.browser.stream_clock import COUNT_PUSHES, wait_for_stream_push

ADMIN = ("admin-tt", "admin-2027-tiers")
READ_ONLY = "Temps écoulé — poste en lecture seule"


@pytest.fixture(scope="module")
def exam(live):
    """Subject A prepared for today, a session with two candidates, an administrator."""
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    from sandbox.subjects.prepare import prepare_subject

    now = datetime.now().replace(second=0, microsecond=0)
    template = prepare_subject(live.data, DEMO_SUBJECT, now.date())
    create_user(live.data, ADMIN[0], ADMIN[1], "admin", "Administrateur")
    session = create_session(live.data, now.date(), "Lycée Jean Moulin", "Lille", "", "admin")
    import_candidates(live.data, session.id, "numéro;nom;prénom\n0301;Petit;Claire\n0302;Bernard;Louis\n")
    return {"session": session.id, "template": template, "now": now}


def _slot(live, exam) -> None:
    with reading(live.data) as db:
        examiner = find_user(db, EXAMINER[0])
        ids = [c.id for c in db.get(ExamSession, exam["session"]).candidates]  # Bernard, Petit
    slot = create_slot(live.data, exam["session"], exam["now"], examiner.id, exam["template"], ids, 40)
    prepare_slot_seats(live.data, slot.id)


def test_tiers_temps_turns_read_only_at_53_min_20_s(browser, live, exam):
    admin = browser.new_context().new_page()
    admin.goto(f"{live.url}/console/connexion")
    admin.get_by_label("Identifiant").fill(ADMIN[0])
    admin.get_by_label("Mot de passe").fill(ADMIN[1])
    admin.get_by_role("button", name="Se connecter").click()
    expect(admin.get_by_role("heading", name="Administration du centre")).to_be_visible()  # the admin's home
    admin.get_by_role("link", name=f"Session du {exam['now']:%d/%m/%Y}").click()
    admin.get_by_role("link", name="Aménagement de PETIT Claire").click()
    admin.get_by_label("Aménagement").fill("double")
    admin.get_by_role("button", name="Enregistrer l'aménagement").click()
    expect(admin.get_by_role("alert").filter(has_text="Aménagement « double » non reconnu")).to_be_visible()
    expect(admin.get_by_label("Aménagement")).to_have_value("double")
    admin.get_by_label("Aménagement").fill("tiers-temps")
    admin.get_by_role("button", name="Enregistrer l'aménagement").click()
    expect(
        admin.get_by_role("status").filter(has_text="PETIT Claire : tiers-temps (+13 min 20 s).")
    ).to_be_visible()
    expect(admin.get_by_role("row", name=re.compile("Petit"))).to_contain_text("tiers-temps (+13 min 20 s)")
    _slot(live, exam)

    examiner = browser.new_context().new_page()
    examiner.add_init_script(COUNT_PUSHES)
    examiner.clock.install()
    console_login(examiner, live)
    examiner.get_by_role("link", name="Créneaux").click()
    examiner.get_by_role("link", name=re.compile("Ouvrir la console du créneau")).click()
    expect(examiner.get_by_role("status").filter(has_text="Direct : connecté")).to_be_visible()
    petit = examiner.get_by_role("region", name="PETIT Claire", exact=True)
    bernard = examiner.get_by_role("region", name="BERNARD Louis", exact=True)
    expect(petit).to_contain_text("Aménagement : tiers-temps (+13 min 20 s)")
    examiner.get_by_role("button", name="Démarrer les chronomètres du créneau").click()
    expect(petit.get_by_role("timer")).to_have_text(re.compile(r"5[23]:[0-5]\d"))
    # Every timer runs: the button goes away (it could only answer « déjà lancés »), now and after a reload.
    expect(examiner.get_by_role("button", name="Démarrer les chronomètres du créneau")).to_have_count(0)
    second_tab = examiner.context.new_page()
    second_tab.goto(examiner.url)
    expect(second_tab.get_by_role("region", name="PETIT Claire", exact=True)).to_be_visible()
    expect(second_tab.get_by_role("button", name="Démarrer les chronomètres du créneau")).to_have_count(0)
    second_tab.close()
    expect(bernard.get_by_role("timer")).to_have_text(re.compile(r"(40:00|39:[0-5]\d)"))

    wait_for_stream_push(examiner)
    examiner.clock.run_for("40:01")
    expect(bernard.locator("[data-timer-notice]")).to_have_text(READ_ONLY)
    expect(bernard.get_by_role("timer")).to_have_text("00:00")
    expect(petit.locator("[data-timer-label]")).to_have_text("en cours")
    expect(petit.get_by_role("timer")).to_have_text(re.compile(r"13:[0-2]\d"))

    examiner.clock.run_for("13:00")
    expect(petit.locator("[data-timer-label]")).to_have_text("en cours")
    examiner.clock.run_for("00:21")
    expect(petit.locator("[data-timer-notice]")).to_have_text(READ_ONLY)
    expect(petit.get_by_role("timer")).to_have_text("00:00")
