"""Issue 5 part 2 in a browser: appearance, menus, widgets, comments, forms, newsletter, external links."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models import set_setting
from sandbox.seats import create_seat
from sandbox.subjects.observables import ObserveContext, observe, validate_observable
from tests.browser.conftest import ADMIN, console_login


def _observe(live, seat_name: str, entry: dict):
    """Run a check type on the seat database, as the console does."""
    clean, problems = validate_observable(entry, file="grid.toml", where="test", names={})
    assert problems == []
    with Session(storage_for(live.data).engine("seats", seat_name)) as db:
        return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def _site_login(page, live, seat) -> str:
    base = f"{live.url}/s/{seat.name}/site"
    page.goto(f"{base}/admin/login")
    page.get_by_label("Identifiant ou adresse e-mail").fill("candidat")
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name="Voir le site")).to_be_visible()
    return base


@pytest.mark.feature("S-MEN-1", "S-MEN-3", "S-APP-5")
def test_menus_and_widgets(browser, live):
    seat = create_seat(live.data, "menus-a")
    page = browser.new_context().new_page()
    base = _site_login(page, live, seat)
    page.goto(f"{base}/admin/categories")
    page.get_by_label("Nom", exact=True).fill("Jardin d'hiver")
    page.get_by_role("button", name="Ajouter une catégorie").click()
    page.goto(f"{base}/admin/apparence/menus")
    page.get_by_label("Type d'élément").select_option("category")
    page.get_by_label("Catégorie", exact=True).select_option(label="Jardin d'hiver")
    page.get_by_label("Sous-élément de").select_option(label="Blog")
    page.get_by_role("button", name="Ajouter au menu").click()
    expect(page.get_by_role("status")).to_contain_text("« Jardin d'hiver » ajouté au menu.")
    page.goto(f"{base}/admin/apparence/widgets")
    page.get_by_label("Zone").select_option(label="Pied de page")
    page.get_by_label("Type de widget").select_option(label="Articles récents")
    page.get_by_label("Titre", exact=True).fill("À lire aussi")
    page.get_by_label("Nombre d'éléments à afficher").fill("3")
    page.get_by_role("button", name="Ajouter le widget").click()
    expect(page.get_by_role("status")).to_contain_text("ajouté à la zone Pied de page")

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/")
    menu = visitor.get_by_role("navigation", name="Menu principal")
    menu.get_by_role("link", name="Blog", exact=True).focus()  # sub-menus open on keyboard focus (and hover)
    expect(menu.locator(".sub-menu").get_by_role("link", name="Jardin d'hiver")).to_be_visible()
    footer = visitor.get_by_role("complementary", name="Widgets du pied de page")
    expect(footer.get_by_role("heading", name="À lire aussi")).to_be_visible()
    expect(footer.locator(".widget--recent_posts li")).to_have_count(3)
    item = _observe(
        live,
        seat.name,
        {
            "check": "menu.item",
            "label": "Jardin d'hiver",
            "kind": "category",
            "parent": "Blog",
            "location": "primary",
        },
    )
    assert item.ok is True, item.sentence
    widget = _observe(
        live,
        seat.name,
        {
            "check": "widget.present",
            "area": "footer",
            "kind": "recent_posts",
            "title_contains": "À lire aussi",
            "count": 3,
        },
    )
    assert widget.ok is True, widget.sentence


@pytest.mark.feature("S-APP-1")
def test_identity_and_home_page(browser, live):
    seat = create_seat(live.data, "identite-a")
    page = browser.new_context().new_page()
    base = _site_login(page, live, seat)
    page.goto(f"{base}/admin/apparence")
    page.get_by_label("Slogan").fill("Le lin du Nord, tissé pour durer")
    page.get_by_label("Logo").select_option(
        label="Nouveau logo Lin & Nature (2027) (logo-lin-et-nature-2027.png)"
    )
    page.get_by_label("Icône du site").select_option(label="Icône du site (icone-site.png)")
    page.get_by_role("button", name="Publier — Identité du site").click()
    expect(page.get_by_role("status")).to_contain_text("Modifications publiées")
    page.get_by_label("La page d'accueil affiche").select_option(label="Une page statique")
    page.get_by_label("Page statique d'accueil").select_option(label="À propos")
    page.get_by_role("button", name="Publier — Page d'accueil").click()
    expect(page.get_by_role("status")).to_contain_text("Modifications publiées")

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/")
    expect(visitor.locator(".site-tagline")).to_have_text("Le lin du Nord, tissé pour durer")
    expect(visitor.locator(".site-logo img")).to_have_attribute("src", re.compile("logo-lin-et-nature-2027"))
    expect(visitor.locator("link[rel=icon]")).to_have_attribute("href", re.compile("icone-site.png"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("À propos")
    identity = _observe(
        live,
        seat.name,
        {
            "check": "site.identity",
            "tagline_contains": "tissé pour durer",
            "logo": "logo-lin-et-nature-2027.png",
            "icon": "icone-site.png",
        },
    )
    assert identity.ok is True, identity.sentence
    home = _observe(live, seat.name, {"check": "site.home", "show_on_front": "page", "page": "a-propos"})
    assert home.ok is True, home.sentence


@pytest.mark.feature("S-CON-9", "S-NAV-3")
def test_comments_moderation_and_manual_approval(browser, live):
    seat = create_seat(live.data, "commentaires-a")
    with Session(storage_for(live.data).engine("seats", seat.name)) as db:
        set_setting(db, "discussion.moderation", "0")
        db.commit()
    page = browser.new_context().new_page()
    base = _site_login(page, live, seat)
    page.goto(f"{base}/admin/commentaires?statut=pending")
    page.get_by_role("button", name="Corbeille le commentaire de Marc Lefort").click()
    expect(page.get_by_role("status")).to_contain_text("Commentaire mis à la corbeille.")
    page.get_by_role("button", name="Approuver le commentaire de Mélanie Bonnet").click()
    expect(page.get_by_role("status")).to_contain_text("Commentaire approuvé.")
    page.goto(f"{base}/admin/commentaires?statut=approved")
    page.get_by_role("link", name="Répondre au commentaire de Mélanie Bonnet").click()
    page.get_by_label("Réponse").fill("Des tons sauge ou sable, apaisants. L'équipe Lin & Nature")
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.get_by_role("status")).to_contain_text("Votre réponse est publiée.")
    page.goto(f"{base}/admin/reglages/discussion")
    page.get_by_label("Le commentaire doit être approuvé manuellement").check()
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_role("status")).to_contain_text("Réglages enregistrés.")

    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/blog/cinq-idees-pour-une-chambre-apaisante")
    expect(visitor.get_by_text("Des tons sauge ou sable, apaisants.")).to_be_visible()
    visitor.get_by_label("Commentaire", exact=True).fill("Merci pour ces idées !")
    visitor.get_by_label("Nom", exact=True).fill("Paul Visiteur")
    visitor.get_by_label("E-mail").fill("paul@exemple.fr")
    visitor.get_by_role("button", name=re.compile("commentaire", re.I)).click()
    expect(visitor.get_by_role("status")).to_contain_text("en attente de modération")
    observed = _observe(live, seat.name, {"check": "discussion.settings", "moderation": True})
    assert observed.ok is True, observed.sentence


@pytest.mark.feature("S-CON-3", "X-REL-1")
def test_contact_form_newsletter_and_campaign(browser, live):
    seat = create_seat(live.data, "relations-a")
    base = f"{live.url}/s/{seat.name}/site"
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/contact")
    contact = visitor.locator(".block-form--contact")
    contact.get_by_label("Nom").fill("Marie Dupont")
    contact.get_by_label("Adresse e-mail").fill("marie.dupont@exemple.fr")
    contact.get_by_label("Message").fill("Proposez-vous des nappes rondes ?")
    contact.get_by_role("button", name="Envoyer").click()
    expect(visitor.get_by_role("status")).to_contain_text("votre message a bien été envoyé")
    signup = visitor.locator(".block-form--newsletter")
    signup.get_by_label("Prénom").fill("Marie")
    signup.get_by_label("Adresse e-mail").fill("marie.dupont@exemple.fr")
    signup.get_by_role("button", name="S'inscrire").click()
    expect(visitor.get_by_role("status")).to_contain_text("inscription à la lettre d'information")

    page = browser.new_context().new_page()
    _site_login(page, live, seat)
    page.get_by_role("link", name="Messages").click()
    page.get_by_role("link", name="Proposez-vous des nappes rondes ?").click()
    page.get_by_label("Réponse").fill("Oui, en 180 cm de diamètre.")
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_role("status")).to_contain_text("Réponse envoyée")
    page.goto(f"{base}/admin/newsletter/abonnes?s=marie.dupont")
    expect(page.get_by_role("cell", name="marie.dupont@exemple.fr")).to_be_visible()
    page.goto(f"{base}/admin/newsletter/campagne")
    page.get_by_label("Objet de l'e-mail").fill("Nos portes ouvertes de juin")
    page.get_by_label("Destinataires (segment)").select_option("tag:salon")
    page.get_by_label("Contenu").fill("Venez visiter l'atelier les 5 et 6 juin.")
    page.get_by_role("button", name="Envoyer la campagne").click()
    expect(page.get_by_role("status")).to_contain_text("Campagne envoyée")
    expect(page.get_by_role("heading", name="Résultats")).to_be_visible()
    sent = _observe(
        live,
        seat.name,
        {
            "check": "campaign.sent",
            "subject_contains": "portes ouvertes",
            "segment": "tag:salon",
            "min_recipients": 1,
        },
    )
    assert sent.ok is True, sent.sentence
    answered = _observe(live, seat.name, {"check": "inbox.answered", "email": "marie.dupont@exemple.fr"})
    assert answered.ok is True, answered.sentence


@pytest.mark.feature("S-CON-6")
def test_external_link_stays_local_and_shows_on_the_console(browser, live):
    seat = create_seat(live.data, "sortie-a")
    with Session(storage_for(live.data).engine("seats", seat.name)) as db:
        set_setting(db, "site.social_icons", "1")  # off in the context, as in the national subjects
        db.commit()
    examiner = browser.new_context().new_page()
    console_login(examiner, live, ADMIN)  # a seat of no slot: the administrator follows it
    examiner.goto(f"{live.url}/console/postes/{seat.name}/")
    feed = examiner.get_by_role("list", name=f"Activité du poste {seat.name}")
    expect(feed).to_be_attached()

    visitor = browser.new_context().new_page()
    visitor.goto(f"{live.url}/s/{seat.name}/site/")
    visitor.get_by_role("navigation", name="Réseaux sociaux").get_by_role("link", name="Facebook").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Ce lien mène hors du site d'examen")
    assert visitor.url.startswith(live.url)
    expect(feed).to_contain_text(
        re.compile(r"Tentative de sortie du site d'examen vers https://"), timeout=3000
    )
    attempts = _observe(live, seat.name, {"check": "exit.attempts", "url_contains": "facebook"})
    assert "1 tentative" in attempts.sentence
