"""Issue 4 (part 2) in a real browser: brands, packs, customisation; modules and home-page positions."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models import Product
from sandbox.seats import create_seat
from sandbox.subjects.observables import ObserveContext, check_types
from tests.integration.test_shop_admin_modules import png_bytes


def _admin_login(page, base: str, seat) -> None:
    page.goto(f"{base}/s/{seat.name}/boutique/admin/login")
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()


def _observe(data, seat_name: str, check: str, **params):
    with Session(storage_for(data).engine("seats", seat_name)) as db:
        return check_types()[check].func(ObserveContext(db, {}, seat_today(db)), params)


def _products(data, seat_name: str, count: int) -> list[tuple[int, str, str]]:
    with Session(storage_for(data).engine("seats", seat_name)) as db:
        rows = db.scalars(select(Product).where(Product.active.is_(True), Product.is_pack.is_(False))
                          .order_by(Product.id).limit(count)).all()
        return [(p.id, p.name, p.slug) for p in rows]


@pytest.mark.feature("B-CAT-2", "B-CAT-8", "B-CAT-11")
def test_brand_pack_and_customisation_through_the_back_office(browser, live):
    seat = create_seat(live.data, "catalogue-a")
    (product_id, product_name, slug), (item_id, item_name, _) = _products(live.data, seat.name, 2)
    page = browser.new_context().new_page()
    _admin_login(page, live.url, seat)
    admin = f"{live.url}/s/{seat.name}/boutique/admin"

    page.get_by_role("link", name="Marques").click()
    page.get_by_role("link", name="Ajouter une marque").click()
    page.get_by_label("Nom de la marque").fill("Atelier Roubaix")
    page.get_by_label("Logo (JPEG, PNG, GIF ou WebP)").set_input_files(
        files=[{"name": "logo-atelier.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.get_by_label("Description", exact=True).fill("Linge tissé et cousu dans notre atelier du Nord.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La marque a été créée.")).to_be_visible()

    page.goto(f"{admin}/produits/{product_id}")
    page.get_by_label("Marque", exact=True).select_option(label="Atelier Roubaix")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Mise à jour réussie.")).to_be_visible()
    page.get_by_label("Libellé du champ").fill("Initiales à broder")
    page.get_by_label("Champ obligatoire").check()
    page.get_by_role("button", name="Ajouter le champ").click()
    expect(page.get_by_text("Le champ de personnalisation a été ajouté.")).to_be_visible()

    page.goto(f"{admin}/produits/nouveau")
    page.get_by_label("Nom du produit").fill("Coffret Nuit douce")
    page.get_by_label("Prix TTC").fill("99,00")
    page.get_by_label("En ligne", exact=True).uncheck()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Le produit a été créé.")).to_be_visible()
    choice = page.get_by_label("Produit à ajouter au pack")
    choice.select_option(label=choice.locator("option", has_text=item_name).first.inner_text().strip())
    page.get_by_label("Quantité dans le pack").fill("2")
    page.get_by_role("button", name="Ajouter au pack").click()
    expect(page.get_by_text("Le produit a été ajouté au pack.")).to_be_visible()
    expect(page.get_by_role("cell", name=item_name, exact=True)).to_be_visible()

    shop = browser.new_context().new_page()
    shop.goto(f"{live.url}/s/{seat.name}/boutique/produit/{product_id}-{slug}")
    expect(shop.get_by_text("Marque : Atelier Roubaix")).to_be_visible()
    expect(shop.get_by_label("Initiales à broder")).to_be_visible()

    brand = _observe(live.data, seat.name, "brand.exists", brand="Atelier Roubaix", logo=True,
                     product=product_name)
    assert brand.ok, brand.sentence
    pack = _observe(live.data, seat.name, "product.pack", name="Coffret Nuit douce", items=[item_name],
                    quantities=[2], active=False)
    assert pack.ok, pack.sentence
    custom = _observe(live.data, seat.name, "product.customization", name=product_name,
                      label="Initiales à broder", required=True)
    assert custom.ok, custom.sentence


@pytest.mark.feature("B-APP-1", "B-APP-2", "B-MOD-1", "B-MOD-2")
def test_featured_count_home_order_and_carousel_slide(browser, live):
    seat = create_seat(live.data, "modules-a")
    (product_id, product_name, slug), = _products(live.data, seat.name, 1)
    page = browser.new_context().new_page()
    _admin_login(page, live.url, seat)

    page.get_by_role("link", name="Gestionnaire de modules", exact=True).click()
    page.get_by_role("link", name="Configurer le module Produits phares").click()
    page.get_by_label("Nombre de produits à afficher").fill("4")
    page.get_by_role("button", name="Enregistrer").click()
    saved = "La configuration du module « Produits phares » a été enregistrée."
    expect(page.get_by_text(saved)).to_be_visible()

    page.get_by_role("link", name="Gestionnaire de modules", exact=True).click()
    page.get_by_role("button", name="Désactiver le module Bloc de texte personnalisé").click()
    expect(page.get_by_text("Le module « Bloc de texte personnalisé » est désactivé.")).to_be_visible()

    page.get_by_role("link", name="Configurer le module Carrousel d'images").click()
    page.get_by_label("Image de la diapositive (JPEG, PNG, GIF ou WebP)").set_input_files(
        files=[{"name": "soldes.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.get_by_label("Titre de la diapositive").fill("Soldes d'été")
    page.get_by_label("Lien vers un produit").select_option(label=product_name)
    page.get_by_role("button", name="Ajouter la diapositive").click()
    expect(page.get_by_text("La diapositive a été ajoutée au carrousel.")).to_be_visible()

    page.get_by_role("link", name="Positions", exact=True).click()
    order = ["featured", "carousel", "categories", "new_products", "reassurance", "text_block"]
    names = {"featured": "Produits phares", "carousel": "Carrousel d'images", "categories": "Nos univers",
             "new_products": "Nouveaux produits", "reassurance": "Réassurance", "text_block": "Bloc de texte"}
    for position, code in enumerate(order, start=1):
        page.get_by_label(f"Position du bloc « {names[code]} »").fill(str(position))
    page.get_by_role("button", name="Enregistrer les positions").click()
    expect(page.get_by_text("L'ordre des blocs de la page d'accueil a été enregistré.")).to_be_visible()

    shop = browser.new_context().new_page()
    shop.goto(f"{live.url}/s/{seat.name}/boutique/")
    blocks = shop.locator("[data-block]")
    expect(blocks.first).to_have_attribute("data-block", "featured")
    expect(shop.locator('[data-block="featured"] .product-card')).to_have_count(4)
    expect(shop.locator('[data-block="text_block"]')).to_have_count(0)
    slide = shop.get_by_role("link", name=re.compile("Soldes d'été"))
    expect(slide).to_have_attribute("href", re.compile(f"/produit/{product_id}-{slug}"))

    for check, params in (("module.featured", {"count": 4}), ("home.order", {"first": "featured"}),
                          ("carousel.slide", {"title": "soldes", "product_name": product_name}),
                          ("module.state", {"module": "text_block", "active": False})):
        seen = _observe(live.data, seat.name, check, **params)
        assert seen.ok, seen.sentence
