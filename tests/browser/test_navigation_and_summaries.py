"""Issue 9 (cross-cutting) in a browser: a candidate finds both back offices by clicking from the seat home,
the WordPress and PrestaShop addresses lead to the logins, and the examiner reads a changed setting in plain
French on the slot console — while a form saved without a change adds nothing to it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.models import ActivityEvent
from sandbox.seats import create_seat, get_seat
from tests.browser.conftest import console_login
from tests.browser.exam_setup import ready_slot, session_today, slot_places, subject_today
from tests.conftest import ROOT

SUBJECT = ROOT / "subjects" / "ln-vitrine-a"
LIVE = 3000  # ms


def _events(live, seat_name: str) -> int:
    with Session(storage_for(live.data).engine("seats", seat_name)) as db:
        return db.scalar(select(func.count()).select_from(ActivityEvent))


@pytest.mark.feature("S-NAV-1", "B-NAV-1")
def test_both_back_offices_from_the_seat_home(browser, live):
    seat = create_seat(live.data, "portes-a")
    page = browser.new_context().new_page()
    page.goto(f"{live.url}/s/{seat.name}/")
    # The site vitrine's administration, straight from the seat home.
    page.get_by_role("link", name="Administration du site vitrine").click()
    expect(page).to_have_url(re.compile(rf"/s/{seat.name}/site/admin/login"))
    page.get_by_label("Identifiant ou adresse e-mail").fill(seat.site_login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()

    # A visitor of the public site finds « Connexion » in the Méta widget, as on a WordPress site.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live.url}/s/{seat.name}/")
    visitor.get_by_role("link", name="Site vitrine", exact=True).click()
    meta = visitor.get_by_role("complementary", name="Widgets du pied de page").locator(".widget--meta")
    expect(meta.get_by_role("heading", name="Méta")).to_be_visible()
    expect(meta.get_by_role("link", name="Flux des publications")).to_be_visible()
    meta.get_by_role("link", name="Connexion").click()
    expect(visitor.get_by_label("Identifiant ou adresse e-mail")).to_be_visible()
    expect(visitor).to_have_url(re.compile(rf"/s/{seat.name}/site/admin/login"))

    # The shop's administration too, from the seat home.
    visitor.goto(f"{live.url}/s/{seat.name}/")
    visitor.get_by_role("link", name="Administration de la boutique").click()
    expect(visitor.get_by_label("Adresse e-mail")).to_be_visible()

    # What people type on real sites: /wp-admin/ → the site login; /admin-dev/ → the shop login.
    other = browser.new_context().new_page()
    other.goto(f"{live.url}/s/{seat.name}/site/wp-admin/")
    expect(other).to_have_url(re.compile(rf"/s/{seat.name}/site/admin/login"))
    expect(other.get_by_label("Identifiant ou adresse e-mail")).to_be_visible()
    other.goto(f"{live.url}/s/{seat.name}/wp-login.php")
    expect(other).to_have_url(re.compile(rf"/s/{seat.name}/site/admin/login"))
    other.goto(f"{live.url}/s/{seat.name}/boutique/admin-dev/")
    expect(other).to_have_url(re.compile(rf"/s/{seat.name}/boutique/admin/login"))
    expect(other.get_by_label("Adresse e-mail")).to_be_visible()
    # Already logged in, /wp-admin/ opens the dashboard.
    page.goto(f"{live.url}/s/{seat.name}/wp-admin/")
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()


@pytest.fixture(scope="module")
def vitrine_slot(live):
    """The shipped subject ln-vitrine-a prepared for today, one candidate in a slot of the examiner."""
    template, now = subject_today(live, SUBJECT, skip_missing=False)
    session = session_today(live, now, "numéro;nom;prénom\n0301;Lemaire;Zoé\n", "NDRC-31", "Lycée Baggio")
    slot = ready_slot(live, session.id, now, template, 40, "NDRC-31")
    name, seat = slot_places(live, slot)[0]
    return name, get_seat(live.data, seat)


def test_setting_summary_in_plain_french_and_no_event_when_nothing_changed(browser, live, vitrine_slot):
    name, seat = vitrine_slot
    examiner = browser.new_context().new_page()
    console_login(examiner, live)
    examiner.get_by_role("link", name="Créneaux").click()
    examiner.get_by_role("link", name=re.compile("Ouvrir la console du créneau")).click()
    expect(examiner.get_by_role("status").filter(has_text="Direct : connecté")).to_be_visible()
    column = examiner.get_by_role("region", name=name, exact=True)
    others = column.get_by_role("list", name="Autres actions")

    page = browser.new_context().new_page()
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Administration du site vitrine").click()
    page.get_by_label("Identifiant ou adresse e-mail").fill(seat.site_login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Apparence", exact=True).first.click()
    social = page.get_by_role("region", name="Réseaux sociaux")
    social.get_by_label("TikTok").fill("https://www.tiktok.com/@linetnature")
    social.get_by_role("button", name=re.compile("Réseaux sociaux")).click()
    expect(others).to_contain_text("Réseau social TikTok : adresse ajoutée", timeout=LIVE)
    expect(others).not_to_contain_text("social.tiktok")

    # The same section saved again with nothing changed: no new event, nothing new on the console.
    before = _events(live, seat.name)
    page.get_by_role("button", name="Publier — Identité du site").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert _events(live, seat.name) == before
    expect(others.get_by_role("listitem")).to_have_count(1)
