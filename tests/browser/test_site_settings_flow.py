"""Issue 9 (site settings) in a browser, where WordPress + its SEO extension put each task: the candidate
starts from the seat home, clicks into the site back office, and the visitor sees the public result while
the examiner's console shows the change in plain French."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models.activity import ActivityEvent
from sandbox.seats import create_seat
from sandbox.subjects.observables import ObserveContext, observe, validate_observable
from tests.browser.back_offices import enter_site_admin
from tests.browser.conftest import seat_feed
from tests.browser.site_editor import new_post, publish_and_view

MENU = "Menu de l'administration du site"


def _observe(live, seat_name: str, entry: dict):
    """Run a check type on the seat database, as the console does."""
    clean, problems = validate_observable(entry, file="grid.toml", where="test", names={})
    assert problems == []
    with Session(storage_for(live.data).engine("seats", seat_name)) as db:
        return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def _events(live, seat_name: str) -> int:
    with Session(storage_for(live.data).engine("seats", seat_name)) as db:
        return db.scalar(select(func.count()).select_from(ActivityEvent))


def _site_admin(browser, live, seat):
    """From the seat home, into the site's back office (as the candidate)."""
    page = browser.new_context().new_page()
    enter_site_admin(page, live, seat)
    expect(page.get_by_role("link", name="Voir le site")).to_be_visible()
    return page


def _go(page, entry: str, sub: str | None = None) -> None:
    """Click an entry of the back office's left menu, then one of its sub-entries (« Réglages › Général »)."""
    menu = page.get_by_role("navigation", name=MENU)
    menu.locator(":scope > ul > li > a", has_text=re.compile(f"^{re.escape(entry)}$")).click()
    if sub is not None:
        menu.locator("li.admin-side__group ul").get_by_role("link", name=sub, exact=True).click()


def _activate_seo(page) -> None:
    _go(page, "Extensions")
    page.get_by_role("button", name="Activer SEO Facile").click()
    expect(page.get_by_role("status")).to_contain_text("Extension « SEO Facile » activée.")


@pytest.mark.feature("S-NAV-4")
def test_breadcrumb_from_the_seo_extension(browser, live):
    seat = create_seat(live.data, "fil-a")
    feed = seat_feed(browser, live, seat)
    page = _site_admin(browser, live, seat)
    expect(page.get_by_role("navigation", name=MENU).get_by_role("link", name="SEO")).to_have_count(0)
    _activate_seo(page)
    _go(page, "SEO", "Réglages")
    page.get_by_label("Activer le fil d'Ariane").check()
    page.get_by_label("Séparateur entre les éléments du fil d'Ariane").fill("/")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_role("status")).to_contain_text("Réglages du fil d'Ariane enregistrés.")
    expect(page.get_by_label("Séparateur entre les éléments du fil d'Ariane")).to_have_value("/")
    before = _events(live, seat.name)
    page.get_by_role("button", name="Enregistrer les modifications").click()  # saved again, unchanged
    expect(page.get_by_role("status")).to_contain_text("Réglages du fil d'Ariane enregistrés.")
    assert _events(live, seat.name) == before

    page.get_by_role("link", name="Voir le site").click()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Blog", exact=True).click()
    crumbs = page.get_by_role("navigation", name="Fil d'Ariane")
    expect(crumbs).to_have_text(re.compile(r"^\s*Accueil\s*/\s*Blog\s*$"))
    title = page.locator(".post-card__title a").first.inner_text()
    page.locator(".post-card__title a").first.click()
    crumbs = page.get_by_role("navigation", name="Fil d'Ariane")
    expect(crumbs.get_by_role("link", name="Accueil")).to_be_visible()
    expect(crumbs.get_by_role("link", name="Blog")).to_be_visible()
    expect(crumbs.locator("[aria-current=page]")).to_have_text(title)
    category = crumbs.get_by_role("link").nth(2)
    name = category.inner_text()
    category.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("navigation", name="Fil d'Ariane").locator("[aria-current=page]")).to_have_text(
        name
    )

    expect(feed).to_contain_text("Extension SEO Facile activée")
    expect(feed).to_contain_text("Fil d'Ariane de l'extension SEO activé")
    expect(feed).to_contain_text("Fil d'Ariane : séparateur ajouté (« / »)")
    expect(feed).not_to_contain_text("seo.breadcrumbs")
    fact = _observe(live, seat.name, {"check": "site.breadcrumb", "separator": "/"})
    assert fact.ok is True, fact.sentence


@pytest.mark.feature("S-APP-4")
def test_social_icons_placement_widget_and_starting_state(browser, live):
    seat = create_seat(live.data, "reseaux-a")
    feed = seat_feed(browser, live, seat)
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live.url}/s/{seat.name}/")
    visitor.get_by_role("link", name="Site vitrine", exact=True).click()
    expect(visitor.get_by_role("navigation", name="Réseaux sociaux")).to_have_count(0)  # off at the start
    expect(visitor.locator("link[rel=icon]")).to_have_count(0)  # no site icon at the start

    page = _site_admin(browser, live, seat)
    _go(page, "Apparence", "Personnaliser")
    social = page.get_by_role("region", name="Réseaux sociaux")
    social.get_by_label("Afficher les icônes des réseaux sociaux").check()
    social.get_by_label("Emplacement des icônes").select_option(label="Dans l'en-tête")
    social.get_by_label("TikTok").fill("https://www.tiktok.com/@linetnature")
    social.get_by_role("button", name="Publier — Réseaux sociaux").click()
    expect(page.get_by_role("status")).to_contain_text("Modifications publiées sur le site.")
    _go(page, "Apparence", "Widgets")
    page.get_by_label("Zone").select_option(label="Colonne latérale")
    page.get_by_label("Type de widget").select_option(label="Réseaux sociaux")
    page.get_by_label("Titre", exact=True).fill("Suivez-nous")
    page.get_by_role("button", name="Ajouter le widget").click()
    expect(page.get_by_role("status")).to_contain_text("ajouté à la zone Colonne latérale")

    visitor.reload()
    header = visitor.locator("header.site-header")
    expect(
        header.get_by_role("navigation", name="Réseaux sociaux").get_by_role("link", name="TikTok")
    ).to_be_visible()
    expect(visitor.locator("footer").get_by_role("navigation", name="Réseaux sociaux")).to_have_count(0)
    visitor.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Blog", exact=True
    ).click()
    sidebar = visitor.get_by_role("complementary", name="Colonne latérale")
    expect(
        sidebar.get_by_role("navigation", name="Suivez-nous").get_by_role("link", name="Facebook")
    ).to_be_visible()

    expect(feed).to_contain_text("Icônes des réseaux sociaux affichées")
    expect(feed).to_contain_text(
        "Icônes des réseaux sociaux : emplacement : dans le pied de page → dans l'en-tête"
    )
    expect(feed).to_contain_text("Réseau social TikTok : adresse ajoutée")
    expect(feed).not_to_contain_text("social.")
    fact = _observe(live, seat.name, {"check": "site.social", "network": "tiktok", "position": "header"})
    assert fact.ok is True, fact.sentence
    assert _observe(live, seat.name, {"check": "widget.present", "area": "sidebar", "kind": "social"}).ok


@pytest.mark.feature("S-SEO-3", "S-SEO-2")
def test_category_seo_in_the_archive_head(browser, live):
    seat = create_seat(live.data, "seo-cat-a")
    feed = seat_feed(browser, live, seat)
    page = _site_admin(browser, live, seat)
    _activate_seo(page)
    _go(page, "Articles", "Catégories")
    page.get_by_role("link", name="Conseils d'entretien").click()
    page.get_by_label("Requête cible").fill("entretien du linge en lin")
    page.get_by_label("Titre SEO").fill("Entretien du linge en lin : nos conseils")
    description = (
        "Laver, sécher et ranger le linge en lin : tous nos conseils d'entretien du linge en lin "
        "pour le garder beau et doux pendant des années."
    )
    page.get_by_label("Méta description").fill(description)
    page.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_role("status")).to_contain_text("Catégorie « Conseils d'entretien » enregistrée.")
    expect(page.get_by_role("list", name="Analyse SEO")).to_contain_text(
        "La requête cible figure dans le titre SEO."
    )

    page.get_by_role("link", name="Voir le site").click()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Blog", exact=True).click()
    page.get_by_role("complementary", name="Colonne latérale").get_by_role(
        "link", name="Conseils d'entretien"
    ).click()
    expect(page).to_have_title("Entretien du linge en lin : nos conseils")
    expect(page.locator('meta[name="description"]')).to_have_attribute("content", description)

    expect(feed).to_contain_text(re.compile(r"Conseils d'entretien.*titre SEO"))
    fact = _observe(
        live,
        seat.name,
        {
            "check": "term.seo",
            "name": "Conseils d'entretien",
            "focus_keyphrase": "entretien du linge en lin",
            "description_min": 120,
        },
    )
    assert fact.ok is True, fact.sentence


def test_general_settings_contact_details_in_the_footer_and_contact_page(browser, live):
    seat = create_seat(live.data, "general-a")
    feed = seat_feed(browser, live, seat)
    page = _site_admin(browser, live, seat)
    _go(page, "Réglages", "Général")
    expect(page.get_by_label("Titre du site")).to_have_value("Lin & Nature")
    page.get_by_label("Adresse e-mail de contact").fill("contact@lin-et-nature")
    page.get_by_label("Téléphone").fill("03 20 11 22 33")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(
        page.get_by_text("Indiquez une adresse e-mail valide, par exemple contact@exemple.fr.")
    ).to_be_visible()
    expect(page.get_by_label("Téléphone")).to_have_value("03 20 11 22 33")  # what was typed stays
    page.get_by_label("Adresse e-mail de contact").fill("bonjour@lin-et-nature.fr")
    page.get_by_label("Horaires d'ouverture").fill("Du lundi au samedi, de 9 h à 19 h")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_role("status")).to_contain_text("Réglages enregistrés.")

    page.get_by_role("link", name="Voir le site").click()
    footer = page.locator("footer.site-footer")
    expect(footer).to_contain_text("Tél. 03 20 11 22 33")
    expect(footer).to_contain_text("Du lundi au samedi, de 9 h à 19 h")
    expect(footer.get_by_role("link", name="bonjour@lin-et-nature.fr")).to_be_visible()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Contact").click()
    details = page.locator("main .block-contact")
    expect(details.get_by_role("heading", name="Nos coordonnées")).to_be_visible()
    expect(details).to_contain_text("Tél. 03 20 11 22 33")
    expect(details).to_contain_text("27 rue de l'Épeule")

    expect(feed).to_contain_text(
        "Coordonnées de l'entreprise : téléphone : « 03 20 45 67 89 » → « 03 20 11 22 33 »"
    )
    expect(feed).to_contain_text("Coordonnées de l'entreprise : adresse e-mail")
    expect(feed).not_to_contain_text("company.")
    fact = _observe(
        live,
        seat.name,
        {
            "check": "site.contact",
            "phone": "03 20 11 22 33",
            "email": "bonjour@lin-et-nature.fr",
            "hours_contains": "lundi au samedi",
        },
    )
    assert fact.ok is True, fact.sentence


def test_breadcrumb_and_social_icons_blocks_in_a_post(browser, live):
    seat = create_seat(live.data, "blocs-site-a")
    page = _site_admin(browser, live, seat)
    _go(page, "Articles", "Ajouter")
    page.get_by_label("Titre", exact=True).fill("Nos réseaux")
    for number, label in enumerate(("Fil d'Ariane", "Icônes de réseaux sociaux"), start=1):
        page.get_by_role("button", name="Ajouter un bloc").click()
        page.get_by_role("group", name="Types de blocs").get_by_role("button", name=label, exact=True).click()
        expect(page.get_by_role("group", name=f"Bloc {number} : {label}")).to_be_visible()
    social = page.get_by_role("group", name="Bloc 2 : Icônes de réseaux sociaux")
    social.get_by_label("Titre au-dessus des icônes (facultatif)").fill("Suivez-nous")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("Article « Nos réseaux » publié")

    page.get_by_role("link", name="Voir l'article").click()
    content = page.locator(".entry-content")
    crumbs = content.get_by_role("navigation", name="Fil d'Ariane")  # the block, whatever the theme option
    expect(crumbs.get_by_role("link", name="Blog")).to_be_visible()
    expect(crumbs.locator("[aria-current=page]")).to_have_text("Nos réseaux")
    icons = content.get_by_role("navigation", name="Suivez-nous")
    expect(icons.get_by_role("link", name="Instagram")).to_have_attribute("href", re.compile("sortie"))


def test_comments_closed_on_new_articles_from_the_discussion_settings(browser, live):
    """« Réglages › Discussion »: unticking « Autoriser les commentaires sur les nouveaux articles » unticks
    the box of the next new article (WordPress's default), whose public page then refuses comments."""
    seat = create_seat(live.data, "discussion-a")
    feed = seat_feed(browser, live, seat)
    page = _site_admin(browser, live, seat)
    _go(page, "Réglages", "Discussion")
    page.get_by_label("Autoriser les commentaires sur les nouveaux articles").uncheck()
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_role("status")).to_contain_text("Réglages enregistrés.")
    new_post(page, "Soldes d'été au showroom")
    expect(page.get_by_label("Autoriser les commentaires", exact=True)).not_to_be_checked()
    publish_and_view(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Soldes d'été au showroom")
    expect(page.get_by_text("Les commentaires sont fermés.")).to_be_visible()
    expect(page.get_by_role("button", name="Laisser un commentaire")).to_have_count(0)
    expect(feed).to_contain_text("Réglages des commentaires : commentaires sur les articles fermés")
