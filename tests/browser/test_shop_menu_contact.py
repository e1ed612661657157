"""Issue 9 (boutique content and navigation) in a real browser, from the seat home: the main menu module,
the shop's contact details, the featured products, an order entered by name, a product without a price,
the customer's private note — each checked on the public shop and in the console's French activity."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models import Combination, Customer, Product, ProductCategory
from sandbox.seats import create_seat
from sandbox.services.order_search import attributes_text
from sandbox.subjects.observables import ObserveContext, check_types
from tests.browser.back_offices import enter_shop_admin
from tests.browser.conftest import seat_feed


def _db(live, seat) -> Session:
    return Session(storage_for(live.data).engine("seats", seat.name))


def _observe(live, seat, check: str, **params):
    with _db(live, seat) as db:
        return check_types()[check].func(ObserveContext(db, {}, seat_today(db)), params)


def _back_office(browser, live, seat):
    """The candidate opens the seat home and clicks into the shop's back office."""
    page = browser.new_context().new_page()
    enter_shop_admin(page, live, seat)
    return page


def _shop(page, live, seat):
    """Back to the public shop from the seat home."""
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Boutique en ligne").click()


@pytest.mark.feature("B-MOD-3", "B-LNK-1")
def test_main_menu_entries_added_ordered_removed_reach_the_shop_header(browser, live):
    seat = create_seat(live.data, "menu-a")
    feed = seat_feed(browser, live, seat)
    page = _back_office(browser, live, seat)
    page.get_by_role("link", name="Gestionnaire de modules", exact=True).click()
    page.get_by_role("link", name="Configurer le module Menu principal").click()
    selected = page.get_by_role("table")
    for name in ("Linge de lit", "Linge de bain", "Linge de table", "Décoration", "Bébé et enfant",
                 "Idées cadeaux"):
        expect(selected.get_by_role("rowheader", name=name, exact=True)).to_be_visible()

    page.get_by_label("Éléments disponibles").select_option(label="— Parures de lit")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_text("« Parures de lit » a été ajouté au menu principal.")).to_be_visible()
    page.get_by_role("button", name="Monter : Parures de lit").click()
    expect(page.get_by_text("« Parures de lit » est en position 6 du menu principal.")).to_be_visible()
    page.get_by_role("button", name="Monter : Parures de lit").click()
    expect(page.get_by_text("« Parures de lit » est en position 5 du menu principal.")).to_be_visible()
    page.get_by_label("Libellé du lien").fill("Nos magasins")
    page.get_by_label("Lien (adresse)").fill("https://www.lin-et-nature.fr/magasins")
    page.get_by_role("button", name="Ajouter le lien").click()
    expect(page.get_by_text("Le lien « Nos magasins » a été ajouté au menu principal.")).to_be_visible()
    page.get_by_role("button", name="Retirer du menu : Idées cadeaux").click()
    expect(page.get_by_text("« Idées cadeaux » a été retiré du menu principal.")).to_be_visible()

    _shop(page, live, seat)
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.locator("li.shop-menu__item > a")).to_have_text(
        ["Linge de lit", "Linge de bain", "Linge de table", "Décoration", "Parures de lit", "Bébé et enfant",
         "Nos magasins"])
    menu.get_by_role("link", name="Parures de lit").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Parures de lit")

    expect(feed).to_contain_text("Menu principal : catégorie « Parures de lit » ajoutée (position 7)")
    expect(feed).to_contain_text("Menu principal : catégorie « Parures de lit » déplacée en position 6")
    expect(feed).to_contain_text("Menu principal : catégorie « Idées cadeaux » retirée")
    assert _observe(live, seat, "main_menu.entry", category="Parures de lit", position=5).ok is True
    assert _observe(live, seat, "main_menu.entry", category="Idées cadeaux").ok is False


def test_contact_details_reach_the_footer_and_the_console(browser, live):
    seat = create_seat(live.data, "contact-a")
    feed = seat_feed(browser, live, seat)
    page = _back_office(browser, live, seat)
    page.get_by_role("link", name="Contact", exact=True).click()
    expect(page.get_by_label("Nom de la boutique")).to_have_value("Lin & Nature — la boutique")
    page.get_by_label("Téléphone").fill("03 20 99 88 77")
    page.get_by_label("Horaires d'ouverture").fill("Du mardi au samedi, de 10 h à 19 h")
    page.get_by_label("Adresse e-mail de la boutique").fill("magasin@")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Indiquez une adresse e-mail valide")).to_be_visible()
    expect(page.get_by_label("Téléphone")).to_have_value("03 20 99 88 77")
    page.get_by_label("Adresse e-mail de la boutique").fill("magasin@lin-et-nature.fr")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Les coordonnées de la boutique ont été enregistrées.")).to_be_visible()

    _shop(page, live, seat)
    block = page.locator("section.shop-contact")
    expect(block.get_by_role("heading", name="Informations sur la boutique")).to_be_visible()
    expect(block).to_contain_text("Tél. : 03 20 99 88 77")
    expect(block).to_contain_text("Horaires : Du mardi au samedi, de 10 h à 19 h")
    expect(block).to_contain_text("E-mail : magasin@lin-et-nature.fr")
    summary = "Coordonnées de la boutique : téléphone : « 03 20 45 67 89 » → « 03 20 99 88 77 »"
    expect(feed).to_contain_text(summary)
    assert _observe(live, seat, "shop.contact", field="phone", equals="0320998877").ok is True


def test_featured_products_follow_their_category_and_count(browser, live):
    seat = create_seat(live.data, "phares-a")
    with _db(live, seat) as db:
        home = list(db.scalars(select(Product.name).join(ProductCategory).where(
            ProductCategory.category_id == 1).order_by(ProductCategory.position, Product.id)))
    feed = seat_feed(browser, live, seat)
    page = _back_office(browser, live, seat)
    page.get_by_role("link", name="Gestionnaire de modules", exact=True).click()
    page.get_by_role("link", name="Configurer le module Produits phares").click()
    expect(page.get_by_label("Catégorie des produits à afficher")).to_have_value("1")
    page.get_by_label("Nombre de produits à afficher").fill("4")
    page.get_by_role("button", name="Enregistrer").click()
    saved = "La configuration du module « Produits phares » a été enregistrée."
    expect(page.get_by_text(saved)).to_be_visible()

    _shop(page, live, seat)
    cards = page.locator('[data-block="featured"] .product-card')
    expect(cards).to_have_count(4)
    for index, name in enumerate(home[:4]):
        expect(cards.nth(index)).to_contain_text(name)
    expect(feed).to_contain_text("Module « Produits phares »")
    expect(feed).to_contain_text(re.compile(r"nombre de produits à afficher\s*:?\s*8 → 4"))


@pytest.mark.feature("B-ORD-1")
def test_order_entered_by_names_with_a_combination_chosen_by_its_attributes(browser, live):
    seat = create_seat(live.data, "commande-a")
    with _db(live, seat) as db:
        combination = next(c for c in db.scalars(select(Combination).join(Product).where(
            Product.active.is_(True), Combination.quantity > 5).order_by(Combination.id))
            if len(c.attributes) == 2)
        product, attributes, values = (combination.product.name, attributes_text(combination),
                                       ", ".join(a.name for a in combination.attributes))
        customer = db.scalars(select(Customer).where(Customer.is_guest.is_(False))
                              .order_by(Customer.id)).first()
        full_name, email, last_name = customer.full_name, customer.email, customer.last_name
    feed = seat_feed(browser, live, seat)
    page = _back_office(browser, live, seat)
    page.get_by_role("link", name="Commandes", exact=True).first.click()  # not Paramètres › Commandes
    page.get_by_role("link", name="Ajouter une nouvelle commande").click()

    client_field = page.get_by_label("Client (nom ou adresse e-mail)")
    client_field.press_sequentially(last_name[:5], delay=30)
    suggestion = f"{full_name} — {email}"
    option = page.locator("#customer-suggestions option", has_text=email)
    expect(option).to_have_attribute("value", suggestion)
    client_field.fill(suggestion)
    line = page.get_by_label("Produit 1 (nom ou référence)")
    line.press_sequentially(product[:10], delay=30)
    wanted = f"{product} — {attributes}"
    expect(page.locator(f'#product-suggestions option[value="{wanted}"]')).to_have_count(1)
    line.fill(product)  # the product alone: its combination must be chosen
    page.get_by_role("button", name="Créer la commande").click()
    expect(page.get_by_text("a des déclinaisons : choisissez-en une dans les suggestions")).to_be_visible()
    page.get_by_label("Produit 1 (nom ou référence)").fill(wanted)
    page.get_by_role("button", name="Créer la commande").click()
    expect(page.get_by_text(re.compile(rf"Commande \w+ créée pour {re.escape(full_name)}"))).to_be_visible()
    expect(page.get_by_role("link", name=f"{product} – {values}")).to_be_visible()
    expect(feed).to_contain_text("Commande")


def test_product_without_price_and_private_note_label(browser, live):
    seat = create_seat(live.data, "divers-a")
    feed = seat_feed(browser, live, seat)
    page = _back_office(browser, live, seat)
    page.get_by_role("link", name="Produits", exact=True).first.click()  # not Paramètres › Produits
    page.get_by_role("link", name="Nouveau produit").click()
    page.get_by_label("Nom du produit").fill("Coussin brodé sur mesure")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Le produit a été créé.")).to_be_visible()
    expect(page.get_by_label("Prix TTC")).to_have_value(re.compile(r"^0(,00)?$"))
    expect(feed).to_contain_text("Coussin brodé sur mesure")

    page.get_by_role("link", name="Clients", exact=True).click()
    page.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").first.click()
    page.get_by_label("Note privée").fill("Préfère être livrée le samedi.")
    page.locator("#note-form").get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La note privée a été enregistrée.")).to_be_visible()
    expect(page.get_by_label("Note privée")).to_have_value("Préfère être livrée le samedi.")
    expect(feed).to_contain_text("Préfère être livrée le samedi.")
