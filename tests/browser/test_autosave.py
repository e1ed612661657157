"""Issue 14 in real browsers: a candidate's half-written article survives a closed browser (autosave, then
« Restaurer »), the examiner's slot console shows the draft's progress as one line, « Sujet » opens beside
the editor and leaving a changed form asks first, in both back offices."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.models import ExamSession, Slot
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from sandbox.db.storage import storage_for
from sandbox.seats import get_seat
from tests.browser.conftest import EXAMINER, console_login
from tests.browser.site_editor import pick

TITLE = "Nos draps d'été"
SAVED = "Le lin lavé garde la fraîcheur des nuits d'été et sèche vite au soleil"
LOST = "Ces mots tapés juste avant la fermeture"
LINE_TEXTS = "Rédiger un récapitulatif et une description attractifs de 200 à 300 caractères"


@pytest.fixture(scope="module")
def exam(live):
    """Subject A prepared for today, one candidate in a slot of the examiner, the seat ready."""
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    from sandbox.subjects.prepare import prepare_subject

    now = datetime.now().replace(second=0, microsecond=0)
    template = prepare_subject(live.data, DEMO_SUBJECT, now.date())
    session = create_session(live.data, now.date(), "Lycée Jean Moulin", "Lille", "NDRC-14", "admin")
    import_candidates(live.data, session.id, "numéro;nom;prénom\n0201;Martin;Léa\n")
    with reading(live.data) as db:
        examiner = find_user(db, EXAMINER[0])
        ids = [c.id for c in db.get(ExamSession, session.id).candidates]
    slot = create_slot(live.data, session.id, now, examiner.id, template, ids, 60, "NDRC-14")
    prepare_slot_seats(live.data, slot.id)
    with reading(live.data) as db:
        place = db.get(Slot, slot.id).seats[0]
        return place.candidate.full_name, get_seat(live.data, place.seat_name)


def _site_login(browser, live, seat, clock: bool = False) -> Page:
    page = browser.new_context().new_page()
    if clock:
        page.clock.install()  # the 15 s autosave timer is driven by the test, not by waiting
    page.goto(f"{live.url}/s/{seat.name}/site/admin/login")
    page.get_by_label("Identifiant ou adresse e-mail").fill(seat.site_login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()
    return page


def _add_block(page: Page, label: str, number: int):
    page.get_by_role("button", name="Ajouter un bloc").click()
    page.get_by_role("group", name="Types de blocs").get_by_role("button", name=label, exact=True).click()
    return page.get_by_role("group", name=f"Bloc {number} : {label}")


def _new_article(page: Page) -> None:
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ajouter", exact=True).click()


def test_a_half_written_article_survives_a_closed_browser(browser, live, exam):
    name, seat = exam
    examiner = browser.new_context().new_page()
    console_login(examiner, live)
    examiner.get_by_role("link", name="Créneaux").click()
    examiner.get_by_role("link", name=re.compile("Ouvrir la console du créneau")).click()
    activity = examiner.get_by_role("region", name=f"Activité en direct — {name}")

    page = _site_login(browser, live, seat, clock=True)
    _new_article(page)
    page.get_by_label("Titre", exact=True).fill(TITLE)
    text = _add_block(page, "Paragraphe", 1).get_by_label("Texte du paragraphe")
    text.type(SAVED + " : voir le ")
    text.type("blog")
    for _ in range(4):
        text.press("Shift+ArrowLeft")
    text.press("Control+k")
    page.get_by_label("Adresse du lien").fill(f"/s/{seat.name}/site/blog")
    page.get_by_role("button", name="Appliquer le lien").click()
    page.clock.run_for(16_000)
    expect(page.get_by_text("Brouillon sauvegardé automatiquement")).to_be_visible()
    expect(activity).to_contain_text(f"Article « {TITLE} » : brouillon, 18 mots, 0 image, lien interne ✓")

    image_block = _add_block(page, "Image", 2)
    pick(page, "Image", "Champ de lin en fleur")  # no search words: their pause is a timer, the clock is ours
    image_block.get_by_label("Texte alternatif").fill("Draps de lin au soleil")
    page.clock.run_for(16_000)
    expect(activity).to_contain_text(f"Article « {TITLE} » : brouillon, 18 mots, 1 image, lien interne ✓")
    expect(activity.get_by_text(f"Article « {TITLE} »")).to_have_count(1)  # one line per draft, updated

    _add_block(page, "Paragraphe", 3).get_by_label("Texte du paragraphe").type(LOST)
    page.context.close()  # the browser is closed: no « Enregistrer », no page-leaving event

    page = _site_login(browser, live, seat)
    page.get_by_role("link", name="Articles", exact=True).click()
    begun = page.get_by_role("region", name="Sauvegarde automatique")
    expect(begun).to_contain_text(f"Un article commencé n'a pas été enregistré : « {TITLE} »")
    begun.get_by_role("link", name="Reprendre").click()
    offer = page.get_by_role("region", name="Sauvegarde automatique")
    expect(offer).to_contain_text("Une sauvegarde automatique plus récente que cette version existe")
    offer.get_by_role("link", name="Restaurer").click()
    expect(page.get_by_label("Titre", exact=True)).to_have_value(TITLE)
    expect(page.get_by_label("Texte du paragraphe").first).to_contain_text(SAVED)
    expect(page.get_by_label("Texte alternatif")).to_have_value("Draps de lin au soleil")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status").filter(has_text=f"Article « {TITLE} » publié")).to_be_visible()
    expect(page.get_by_text("Une sauvegarde automatique plus récente")).to_have_count(0)

    page.get_by_role("link", name="Voir l'article").click()
    content = page.locator(".entry-content")
    expect(content).to_contain_text(SAVED)
    expect(content.get_by_role("link", name="blog")).to_have_attribute("href", f"/s/{seat.name}/site/blog")
    expect(content.get_by_role("img", name="Draps de lin au soleil")).to_be_visible()
    expect(activity).to_contain_text(f"Article « {TITLE} » publié")


def test_sujet_opens_beside_the_editor_and_leaving_a_changed_form_asks(browser, live, exam):
    _name, seat = exam
    page = _site_login(browser, live, seat)
    _new_article(page)
    page.get_by_label("Titre", exact=True).fill("Un titre à ne pas perdre")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Sujet", exact=True).click()
    expect(opened.value.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_label("Titre", exact=True)).to_have_value("Un titre à ne pas perdre")

    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Articles", exact=True).click()
    expect(page.get_by_label("Titre", exact=True)).to_have_value("Un titre à ne pas perdre")
    assert asked == ["beforeunload"]
    page.remove_listener("dialog", stay)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="Articles", exact=True).click()
    expect(page.get_by_role("heading", name="Articles", level=1)).to_be_visible()

    # The shop back office too: a changed product sheet asks before the page is left.
    shop = page.context.new_page()
    shop.goto(f"{live.url}/s/{seat.name}/boutique/admin/login")
    shop.get_by_label("Adresse e-mail").fill(seat.login)
    shop.get_by_label("Mot de passe").fill(seat.password)
    shop.get_by_role("button", name="Se connecter").click()
    shop.get_by_role("link", name="Produits", exact=True).first.click()  # not Paramètres › Produits
    shop.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").first.click()
    name_field = shop.get_by_label("Nom du produit", exact=True)
    name_field.fill("Nom changé sans enregistrer")
    asked.clear()
    shop.on("dialog", stay)
    shop.get_by_role("link", name="Clients", exact=True).first.click()
    expect(name_field).to_have_value("Nom changé sans enregistrer")
    assert asked == ["beforeunload"]


def _shop_login(browser, live, seat, clock: bool = False) -> Page:
    page = browser.new_context().new_page()
    if clock:
        page.clock.install()
    page.goto(f"{live.url}/s/{seat.name}/boutique/admin/login")
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se connecter")).to_have_count(0)
    return page


def test_the_product_sheet_is_autosaved_and_restored(browser, live, exam):
    name, seat = exam
    text = "Percale de lin lavé, tissée dans le Nord : douce dès le premier lavage et respirante l'été."
    examiner = browser.new_context().new_page()
    console_login(examiner, live)
    examiner.get_by_role("link", name="Créneaux").click()
    examiner.get_by_role("link", name=re.compile("Ouvrir la console du créneau")).click()
    texts_line = examiner.get_by_role("region", name=name, exact=True).get_by_role(
        "list", name=f"Observables — {LINE_TEXTS}")
    expect(texts_line).to_contain_text("✗ non constaté")
    expect(texts_line).not_to_contain_text("en cours (brouillon)")

    page = _shop_login(browser, live, seat, clock=True)
    page.get_by_role("link", name="Produits", exact=True).first.click()  # not Paramètres › Produits
    page.get_by_label("Référence").fill("PARURE-CHEVRONS")  # the product of question 1
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").first.click()
    product = page.get_by_label("Nom du produit", exact=True).input_value()
    page.get_by_label("Description", exact=True).fill(text)
    page.wait_for_load_state("domcontentloaded")
    page.clock.run_for(16_000)
    expect(page.get_by_text("Brouillon sauvegardé automatiquement")).to_be_visible()
    with Session(storage_for(live.data).engine("seats", seat.name)) as db:
        from sandbox.models import ActivityEvent

        line = db.scalars(select(ActivityEvent.summary).where(ActivityEvent.action == "autosave")
                          .order_by(ActivityEvent.id.desc())).first()
    assert line.startswith(f"Produit « {product} » : brouillon, récapitulatif ")
    assert line.endswith("description 17 mots")
    expect(texts_line).to_contain_text("en cours (brouillon)")  # nothing saved yet, but work under way
    page.context.close()

    page = _shop_login(browser, live, seat)
    page.get_by_role("link", name="Produits", exact=True).first.click()
    page.get_by_label("Référence").fill("PARURE-CHEVRONS")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").first.click()
    expect(page.get_by_label("Description", exact=True)).not_to_have_value(text)
    offer = page.get_by_role("region", name="Sauvegarde automatique")
    offer.get_by_role("button", name="Restaurer").click()
    expect(page.get_by_label("Description", exact=True)).to_have_value(text)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Mise à jour réussie.")).to_be_visible()
    expect(page.get_by_role("region", name="Sauvegarde automatique")).to_have_count(0)
    expect(page.get_by_label("Description", exact=True)).to_have_value(text)  # saved in the product now
    expect(texts_line).not_to_contain_text("en cours (brouillon)")  # saved: no draft left to speak of
    expect(texts_line).to_contain_text(re.compile(r"description [1-9]\d* caractères"))
