"""Error pages as people meet them: French, in the look of where they were, with a way back."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from sandbox.seats import create_seat
from tests.browser.conftest import console_login


def test_candidate_meets_french_error_pages_in_the_seat(live, browser):
    seat = create_seat(live.data, "erreurs-a")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live.url}/s/poste-inconnu/boutique/")
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
    expect(page.get_by_text("Le poste « poste-inconnu » n'existe pas.")).to_be_visible()
    # The session is lost while the login form is open (cookies cleared): the form has expired.
    page.goto(f"{live.url}/s/{seat.name}/boutique/admin/login")
    context.clear_cookies()
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Requête refusée")).to_be_visible()
    expect(page.get_by_text("Le formulaire a expiré")).to_be_visible()
    page.get_by_role("link", name="Retour à l'accueil du poste").click()
    expect(page).to_have_url(f"{live.url}/s/{seat.name}/")
    context.close()


def test_examiner_meets_french_error_pages_in_the_console(live, browser):
    context = browser.new_context()
    page = context.new_page()
    console_login(page, live)
    page.goto(f"{live.url}/console/page-qui-n-existe-pas")
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
    expect(page.get_by_role("navigation", name="Console")).to_be_visible()  # the console's own look
    page.get_by_role("link", name="Retour à la console").click()
    expect(page).to_have_url(re.compile(r"/console/(creneaux/)?$"))  # an examiner's console home: the slots
    context.close()
