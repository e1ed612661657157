"""The Content-Security-Policy breaks nothing: the busiest pages (post editor, media editor, product sheet,
product editor, new order, slot console) run their scripts with no CSP violation in the browser console."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.models import ExamSession, Slot
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from sandbox.seats import create_seat
from tests.browser.conftest import console_login

# Injected by the browser itself (not subject to the page's CSP): every violation reaches the console.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile);
});
"""


def _watched_page(browser):
    """A page whose CSP violations (and Chromium's « Refused to … » messages) are collected."""
    page = browser.new_context().new_page()
    page.add_init_script(REPORT_VIOLATIONS)
    seen: list[str] = []
    page.on("console", lambda msg: seen.append(msg.text)
            if "CSP violation" in msg.text or "Content Security Policy" in msg.text else None)
    return page, seen


def test_back_offices_and_shop_run_without_csp_violation(browser, live):
    seat = create_seat(live.data, "poste-csp")
    page, seen = _watched_page(browser)
    page.goto(f"{live.url}/s/{seat.name}/")
    # Site vitrine back office: the post editor, with a block added through its script.
    page.get_by_role("link", name="Administration du site vitrine").click()
    page.get_by_label("Identifiant ou adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ajouter", exact=True).click()
    page.get_by_role("button", name="Ajouter un bloc").click()
    kinds = page.get_by_role("group", name="Types de blocs")
    kinds.get_by_role("button", name="Paragraphe", exact=True).click()
    expect(page.get_by_role("group", name=re.compile(r"Bloc \d+ : Paragraphe"))).to_be_visible()
    # Public site and shop: the product sheet (offers read by shop.js).
    assert page.goto(f"{live.url}/s/{seat.name}/site/admin/medias/1").ok  # focal point, copy-address scripts
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Site vitrine", exact=True).click()
    expect(page.get_by_role("banner")).to_be_visible()
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Boutique en ligne").click()  # the home page's carousel script
    expect(page.get_by_role("banner")).to_be_visible()
    assert page.goto(f"{live.url}/s/{seat.name}/boutique/produit/1").ok
    expect(page.get_by_role("button", name="Ajouter au panier")).to_be_visible()
    # Shop back office: the product editor.
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Administration de la boutique").click()
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    assert page.goto(f"{live.url}/s/{seat.name}/boutique/admin/produits/1").ok
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.goto(f"{live.url}/s/{seat.name}/boutique/admin/commandes/nouvelle").ok  # order-new.js
    page.wait_for_load_state("networkidle")
    assert seen == []


@pytest.fixture(scope="module")
def slot_id(live):
    """A slot of tonight with one candidate on the shipped subject A."""
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    from sandbox.subjects.prepare import prepare_subject

    now = datetime.now().replace(second=0, microsecond=0)
    template = prepare_subject(live.data, DEMO_SUBJECT, now.date())
    session = create_session(live.data, now.date(), "Lycée Jean Moulin", "Lille", "", "admin")
    import_candidates(live.data, session.id, "numéro;nom;prénom\n0401;Petit;Claire\n")
    with reading(live.data) as db:
        examiner = find_user(db, "examinateur")
        ids = [c.id for c in db.get(ExamSession, session.id).candidates]
    slot = create_slot(live.data, session.id, now.replace(hour=23, minute=0), examiner.id, template, ids, 40)
    prepare_slot_seats(live.data, slot.id)
    with reading(live.data) as db:
        return db.get(Slot, slot.id).id


def test_slot_console_runs_without_csp_violation(browser, live, slot_id):
    page, seen = _watched_page(browser)
    console_login(page, live)
    page.get_by_role("link", name="Créneaux").click()
    page.get_by_role("link", name=re.compile("Ouvrir la console du créneau de 23:00")).click()
    expect(page.get_by_role("heading", name="Grille d'évaluation").first).to_be_visible()
    page.wait_for_timeout(1500)  # let slot.js poll the live feeds once
    assert page.goto(f"{live.url}/console/").ok  # the console home and its live list (console.js)
    page.wait_for_timeout(1500)
    assert seen == []
