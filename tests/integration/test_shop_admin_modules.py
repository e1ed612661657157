"""Shop back office › Modules and Apparence › Positions: configure, switch, reorder — and the public home."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from sandbox.models import ActivityEvent, Product, get_setting
from sandbox.models.modules import CarouselSlide, Module
from sandbox.services.modules import HOME_BLOCKS, home_order, module_state
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, labels, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def png_bytes(color=(200, 120, 40)) -> bytes:
    """A small PNG image."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 32), color).save(buffer, "PNG")
    return buffer.getvalue()


def home_blocks_of(client, seat) -> list[str]:
    """Codes of the blocks of the public home page, in page order."""
    page = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True)
    return re.findall(r'data-block="(\w+)"', page)


def test_module_list_shows_the_eight_modules_with_configure(client, admin):
    page = text(client.get(f"{admin}/modules").get_data(as_text=True))
    for name in ("Produits phares", "Carrousel d'images", "Menu principal", "Bloc de texte personnalisé",
                 "Réassurance", "Boutons de partage social", "Commentaires produits", "Paiement par chèque"):
        assert name in page
    assert page.count("Configurer") >= 8


@pytest.mark.feature("B-MOD-1")
def test_featured_count_changes_the_home_and_is_recorded(client, admin, seat, data):
    url = f"{admin}/modules/featured/configurer"
    page = client.get(url).get_data(as_text=True)
    assert "Nombre de produits à afficher" in labels(page)
    values = form_values(page, "module-form")
    values["count"] = "3"
    response = client.post(url, data=values)
    assert response.status_code == 302
    home = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True)
    featured = home.split('data-block="featured"', 1)[1].split("</section>", 1)[0]
    assert featured.count('class="product-card"') == 3
    with seat_db(data, seat.name) as db:
        assert module_state(db, "featured")[1]["count"] == 3
        event = db.scalar(select(ActivityEvent).where(ActivityEvent.object_type == "Module")
                          .order_by(ActivityEvent.id.desc()))
        assert event is not None and "nombre de produits à afficher 8 → 3" in event.summary


@pytest.mark.parametrize("typed, message",
                         [("0", "entre 1 et 24"), ("douze", "nombre entier"), ("", "entre 1")])
def test_featured_count_refused_with_french_message_and_kept(client, admin, seat, data, typed, message):
    url = f"{admin}/modules/featured/configurer"
    values = form_values(client.get(url).get_data(as_text=True), "module-form")
    values["count"] = typed
    response = client.post(url, data=values)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in text(page)
    assert f'value="{typed}"' in page
    with seat_db(data, seat.name) as db:
        assert db.get(Module, "featured") is None or db.get(Module, "featured").config["count"] == 8


def test_disable_module_hides_block_and_cheque_module_hides_payment_setting(client, admin, seat, data):
    page = client.get(f"{admin}/modules").get_data(as_text=True)
    token = csrf_token(page)
    client.post(f"{admin}/modules/featured/activer", data={"csrf_token": token, "active": "0"})
    assert "featured" not in home_blocks_of(client, seat)
    client.post(f"{admin}/modules/cheque/activer", data={"csrf_token": token, "active": "0"})
    with seat_db(data, seat.name) as db:
        assert get_setting(db, "payment.cheque.enabled") == "0"
        assert module_state(db, "featured")[0] is False


def test_cheque_payee_is_required(client, admin, seat, data):
    url = f"{admin}/modules/cheque/configurer"
    values = form_values(client.get(url).get_data(as_text=True), "module-form")
    with seat_db(data, seat.name) as db:
        before = get_setting(db, "payment.cheque.payee")
    values["payee"] = "  "
    values["address"] = "12 rue Neuve"
    response = client.post(url, data=values)
    assert "Indiquez à l'ordre de qui" in text(response.get_data(as_text=True))
    with seat_db(data, seat.name) as db:
        assert get_setting(db, "payment.cheque.payee") == before
        assert get_setting(db, "payment.cheque.address") != "12 rue Neuve"


@pytest.mark.feature("B-APP-1", "B-APP-2")
def test_home_positions_reorder_and_bad_input(client, admin, seat, data):
    url = f"{admin}/apparence/positions"
    page = client.get(url).get_data(as_text=True)
    assert "Position du bloc « Produits phares »" in labels(page)
    values = form_values(page, "positions-form")
    order = ["featured", "categories", "new_products", "carousel", "text_block", "reassurance"]
    duplicate = {**values, **{f"position_{c}": "1" for c in order}}
    response = client.post(url, data=duplicate)
    assert "une seule fois" in response.get_data(as_text=True)
    wrong = {**values, "position_featured": "premier"}
    page = client.post(url, data=wrong).get_data(as_text=True)
    assert "nombre entier" in page and 'value="premier"' in page
    with seat_db(data, seat.name) as db:
        assert home_order(db) == list(HOME_BLOCKS)
    good = {**values, **{f"position_{c}": str(i) for i, c in enumerate(order, start=1)}}
    assert client.post(url, data=good).status_code == 302
    shown = home_blocks_of(client, seat)
    assert shown[0] == "featured" and shown.index("categories") < shown.index("new_products")


@pytest.mark.feature("B-MOD-2")
def test_carousel_slide_linking_to_a_product(client, admin, seat, data):
    url = f"{admin}/modules/carousel/configurer"
    page = client.get(url).get_data(as_text=True)
    token = csrf_token(page)
    with seat_db(data, seat.name) as db:
        product = db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id)).first()
        product_id, slug = product.id, product.slug
        before = len(db.scalars(select(CarouselSlide)).all())
    bad = client.post(f"{admin}/modules/carousel/diapositives", data={
        "csrf_token": token, "title": "Soldes d'été", "product_id": str(product_id), "category_id": "0",
        "image": (io.BytesIO(b"not an image"), "photo.png")}, content_type="multipart/form-data")
    assert "n'est pas une image" in text(bad.get_data(as_text=True))
    assert "Soldes d&#39;été" in bad.get_data(as_text=True)
    ok = client.post(f"{admin}/modules/carousel/diapositives", data={
        "csrf_token": token, "title": "Soldes d'été", "caption": "Jusqu'à -30 %",
        "product_id": str(product_id), "category_id": "0",
        "image": (io.BytesIO(png_bytes()), "Soldes Été.PNG")}, content_type="multipart/form-data")
    assert ok.status_code == 302
    with seat_db(data, seat.name) as db:
        slides = db.scalars(select(CarouselSlide)).all()
        assert len(slides) == before + 1
    home = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True)
    carousel = home.split('data-block="carousel"', 1)[1].split("</section>", 1)[0]
    assert "Soldes d&#39;été" in carousel and slug in carousel


@pytest.mark.feature("B-MOD-8")
def test_cheque_module_payee_and_switch_reach_the_checkout(client, admin, seat, data):
    from sandbox.services.checkout import available_payments, payment_details

    url = f"{admin}/modules/cheque/configurer"
    values = form_values(client.get(url).get_data(as_text=True), "module-form")
    values.update(payee="Atelier Lin & Nature", address="BP 12, 59100 Roubaix")
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert payment_details(db)["cheque_payee"] == "Atelier Lin & Nature"
        assert "cheque" in {m.module for m in available_payments(db)}
    token = csrf_token(client.get(f"{admin}/modules").get_data(as_text=True))
    client.post(f"{admin}/modules/cheque/activer", data={"csrf_token": token, "active": "0"})
    with seat_db(data, seat.name) as db:
        assert "cheque" not in {m.module for m in available_payments(db)}


def _menu_of(client, seat) -> list[str]:
    """Names of the public header's top menu entries, in order."""
    home = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True)
    nav = home.split('class="shop-menu"', 1)[1].split("</nav>", 1)[0]
    return [text(n) for n in re.findall(r'<li class="shop-menu__item[^"]*">\s*<a [^>]*>([^<]*)</a>', nav)]


@pytest.mark.feature("B-MOD-3")
def test_main_menu_screen_shows_the_real_menu_and_adding_keeps_the_others(client, admin, seat, data):
    from sandbox.models import Category

    with seat_db(data, seat.name) as db:
        tops = db.scalars(select(Category).where(Category.parent_id == 1, Category.active.is_(True))
                          .order_by(Category.position, Category.id)).all()
        names = [c.name for c in tops]
        sub = db.scalars(select(Category).where(Category.parent_id == tops[0].id)).first()
    assert _menu_of(client, seat) == names  # seeded: the top categories, in order
    url = f"{admin}/modules/main_menu/configurer"
    screen = text(client.get(url).get_data(as_text=True))
    listed = screen.split("Éléments sélectionnés", 1)[1].split("Ajouter au menu", 1)[0]
    assert all(n in listed for n in names)

    token = csrf_token(client.get(url).get_data(as_text=True))
    for item in (f"category:{sub.id}", "page:1"):
        client.post(f"{admin}/modules/main_menu/elements", data={"csrf_token": token, "item": item})
    body = client.post(f"{admin}/modules/main_menu/liens",
                       data={"csrf_token": token, "label": "Nos magasins", "url": ""}).get_data(as_text=True)
    assert "Indiquez l'adresse du lien" in text(body) and 'value="Nos magasins"' in body
    client.post(f"{admin}/modules/main_menu/liens",
                data={"csrf_token": token, "label": "Nos magasins", "url": "https://www.lin-et-nature.fr/magasins"})
    assert _menu_of(client, seat) == [*names, sub.name, "Livraison", "Nos magasins"]
    home = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True)
    assert 'href="https://www.lin-et-nature.fr' not in home  # outside link: the exit page

    with seat_db(data, seat.name) as db:
        from sandbox.services.main_menu import items

        rows = items(db)
        first, last = rows[0], rows[-1]
        summaries = [e.summary for e in db.scalars(select(ActivityEvent).order_by(ActivityEvent.id))]
    assert f"Menu principal : catégorie « {sub.name} » ajoutée (position {len(names) + 1})" in summaries
    assert "Menu principal : lien « Nos magasins » ajouté (position 9)" in summaries
    client.post(f"{admin}/modules/main_menu/elements/{last.id}/monter", data={"csrf_token": token})
    client.post(f"{admin}/modules/main_menu/elements/{first.id}/supprimer", data={"csrf_token": token})
    assert _menu_of(client, seat) == [*names[1:], sub.name, "Nos magasins", "Livraison"]
    with seat_db(data, seat.name) as db:
        summaries = [e.summary for e in db.scalars(select(ActivityEvent).order_by(ActivityEvent.id))]
    assert f"Menu principal : catégorie « {names[0]} » retirée" in summaries
    assert "Menu principal : lien « Nos magasins » déplacé en position 8" in summaries
