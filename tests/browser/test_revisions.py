"""WordPress « Révisions » in a real browser: three saves of an article, the first and the last compared
side by side, the first restored — on the public page and in the seat's activity."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.models import ActivityEvent
from sandbox.seats import create_seat

VERSIONS = ["Première version du texte sur le lin", "Deuxième version, plus longue, du texte sur le lin",
            "Troisième version : le lin lavé, doux dès le premier jour"]


def test_three_saves_compared_and_the_first_restored(browser, live):
    seat = create_seat(live.data, "revisions")
    page = browser.new_context().new_page()
    page.goto(f"{live.url}/s/{seat.name}/site/admin/login")
    page.get_by_label("Identifiant ou adresse e-mail").fill(seat.site_login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ajouter", exact=True).click()
    page.get_by_label("Titre", exact=True).fill("Le lin au fil des versions")
    page.get_by_role("button", name="Ajouter un bloc").click()
    types = page.get_by_role("group", name="Types de blocs")
    types.get_by_role("button", name="Paragraphe", exact=True).click()
    for number, text in enumerate(VERSIONS):
        box = page.get_by_label("Texte du paragraphe")
        box.fill(text)
        page.get_by_role("button", name="Publier" if number == 0 else "Mettre à jour").click()
        done = page.get_by_role("status").filter(has_text="Article « Le lin au fil des versions »")
        expect(done).to_have_text(re.compile(r"(publié|mis à jour)\.$"))
        expect(page.get_by_label("Texte du paragraphe")).to_have_text(text)
    expect(page.get_by_text("3 révisions")).to_be_visible()

    page.get_by_role("link", name="Parcourir les révisions").click()
    for side, number in (("gauche", 1), ("droite", 3)):
        picker = page.get_by_label(f"Version de {side}")
        picker.select_option(label=picker.locator("option", has_text=f"n° {number} ").inner_text())
    page.get_by_role("button", name="Comparer").click()
    table = page.get_by_role("table", name="Comparaison de deux versions, ligne à ligne")
    expect(table.get_by_role("columnheader").first).to_contain_text("Révision n° 1")
    expect(table.get_by_role("columnheader").last).to_contain_text("Révision n° 3")
    changed = table.locator("tr.diff--changed")
    expect(changed).to_have_count(1)
    expect(changed.get_by_role("cell").first).to_contain_text(VERSIONS[0])
    expect(changed.get_by_role("cell").last).to_contain_text(VERSIONS[2])

    page.get_by_role("button", name="Restaurer cette révision : n° 1").click()
    expect(page.get_by_text("restaurée")).to_be_visible()
    expect(page.get_by_label("Texte du paragraphe")).to_have_text(VERSIONS[0])
    expect(page.get_by_text("4 révisions")).to_be_visible()  # the restore is itself a revision
    page.get_by_role("link", name="Voir l'article").click()
    expect(page.locator(".entry-content")).to_contain_text(VERSIONS[0])
    expect(page.locator(".entry-content")).not_to_contain_text(VERSIONS[2])
    with Session(storage_for(live.data).engine("seats", seat.name)) as db:
        summaries = db.scalars(select(ActivityEvent.summary).order_by(ActivityEvent.id)).all()
    assert any("révision du" in s and "restaurée" in s for s in summaries), summaries[-5:]
