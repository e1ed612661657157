"""Shop back office › Produits: prices HT/TTC, validation, create, duplicate, delete, online, filters."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sandbox.formatting import format_money, format_number
from sandbox.models import ActivityEvent, Category, OrderLine, Product, StockMovement, Tax
from sandbox.money import ht_from_ttc, ttc_from_ht
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, labels, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _product(db, *, combinations: bool | None = None, rate_bp: int | None = 2000, in_orders: bool = False):
    """A seeded product matching the wishes (tax rate, with or without combinations, ordered)."""
    for product in db.scalars(select(Product).order_by(Product.id)):
        if rate_bp is not None and product.tax.rate_bp != rate_bp:
            continue
        if combinations is not None and bool(product.combinations) != combinations:
            continue
        if in_orders and not db.scalar(select(func.count()).where(OrderLine.product_id == product.id)):
            continue
        return product
    pytest.skip("no seeded product matches")


def _last_event(db, object_type: str, object_id: int) -> ActivityEvent:
    return db.scalar(
        select(ActivityEvent)
        .where(ActivityEvent.object_type == object_type, ActivityEvent.object_id == str(object_id))
        .order_by(ActivityEvent.id.desc())
    )


@pytest.mark.feature("B-CAT-6")
def test_price_typed_ttc_is_stored_ht_and_shown_back(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _product(db)
        product_id, name, old_ttc = product.id, product.name, product.price_ttc
    target = Decimal("44.90") if old_ttc != Decimal("44.90") else Decimal("45.90")
    url = f"{admin}/produits/{product_id}"
    page = client.get(url).get_data(as_text=True)
    for label in ("Nom du produit", "Prix HT", "Prix TTC"):
        assert label in labels(page)
    values = form_values(page, "product-form")
    values["price_ttc"] = f"{target}".replace(".", ",")
    response = client.post(url, data=values)
    assert response.status_code == 302, text(response.get_data(as_text=True))[:2000]
    with seat_db(data, seat.name) as db:
        product = db.get(Product, product_id)
        assert product.price_ht == ht_from_ttc(target, 2000)
        assert product.price_ttc == target
        event = _last_event(db, "Product", product_id)
        prices = f"{format_money(old_ttc)} → {format_money(target)}"
        assert event.summary == f"Produit « {name} » : prix TTC {prices}"
        assert (event.actor_kind, event.actor_id, event.actor_name) == ("employee", 1, "Candidat Stagiaire")
    shown = client.get(url).get_data(as_text=True)
    assert form_values(shown, "product-form")["price_ttc"] == f"{target}".replace(".", ",")
    if target == Decimal("44.90"):
        assert form_values(shown, "product-form")["price_ht"] == "37,416667"
    assert "Mise à jour réussie." in shown


def test_saving_an_unchanged_sheet_changes_nothing(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _product(db, combinations=True, rate_bp=None)
        before = db.scalar(select(func.count(ActivityEvent.id)))
        movements = db.scalar(select(func.count(StockMovement.id)))
    url = f"{admin}/produits/{product.id}"
    response = client.post(url, data=form_values(client.get(url).get_data(as_text=True), "product-form"))
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        new = db.scalars(select(ActivityEvent.summary).order_by(ActivityEvent.id).offset(before)).all()
        assert new == []
        assert db.scalar(select(func.count(StockMovement.id))) == movements


def test_price_typed_ht_wins_when_both_changed_without_script(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product_id = _product(db).id
    url = f"{admin}/produits/{product_id}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values.update(price_ht="10", price_ttc="99,99")
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.get(Product, product_id).price_ht == Decimal("10")
        assert db.get(Product, product_id).price_ttc == Decimal("12.00")


def test_invalid_values_are_refused_next_to_their_field_and_kept(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product_id = _product(db, rate_bp=None).id
    url = f"{admin}/produits/{product_id}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values.update(name="", price_ht="-5", price_basis="ht", ean13="1234567890123", weight_g="lourd")
    response = client.post(url, data=values)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    page_text = text(page)
    assert "Le nom du produit est obligatoire." in page_text
    assert "Le prix HT ne peut pas être négatif." in page_text
    assert "Le code EAN-13 doit compter 13 chiffres" in page_text
    assert "« lourd » n'est pas un nombre entier" in page_text
    kept = form_values(page, "product-form")
    assert (kept["price_ht"], kept["ean13"], kept["weight_g"]) == ("-5", "1234567890123", "lourd")
    assert 'id="ean13-err"' in page and 'aria-invalid="true"' in page
    with seat_db(data, seat.name) as db:
        assert db.get(Product, product_id).name != ""


@pytest.mark.feature("B-CAT-4")
def test_default_category_must_be_one_of_the_categories(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _product(db, rate_bp=None)
        other = db.scalar(select(Category.id).where(Category.id.not_in([c.id for c in product.categories])))
        product_id, first = product.id, product.categories[0].id
    url = f"{admin}/produits/{product_id}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values.update(category_ids=[str(first)], default_category_id=str(other))
    page = text(client.post(url, data=values).get_data(as_text=True))
    assert "La catégorie par défaut doit faire partie des catégories associées." in page


@pytest.mark.feature("B-CAT-1", "B-CAT-4")
def test_create_a_product_with_categories_price_ttc_and_stock(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        leaf = db.scalar(select(Category).where(Category.parent_id.is_not(None)).order_by(Category.id.desc()))
        tax = db.scalar(select(Tax).where(Tax.rate_bp == 2000))
        leaf_id, tax_id = leaf.id, tax.id
    page = client.get(f"{admin}/produits/nouveau").get_data(as_text=True)
    values = form_values(page, "product-form")
    values.update(
        name="Plaid en lin lavé",
        price_ttc="59,90",
        price_ht="",
        tax_id=str(tax_id),
        category_ids=[str(leaf_id)],
        default_category_id=str(leaf_id),
        quantity="7",
        ean13="3760123456784",
        reference="PLAID-TEST",
    )
    response = client.post(f"{admin}/produits/nouveau", data=values)
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        product = db.scalar(select(Product).where(Product.reference == "PLAID-TEST"))
        assert response.headers["Location"].endswith(f"/produits/{product.id}")
        assert product.price_ht == ht_from_ttc(Decimal("59.90"), 2000)
        assert [c.id for c in product.categories] == [leaf_id] and product.default_category_id == leaf_id
        assert product.slug == "plaid-en-lin-lave" and product.quantity == 7
        movement = db.scalar(select(StockMovement).where(StockMovement.product_id == product.id))
        assert (movement.delta, movement.employee_id) == (7, 1)
        assert _last_event(db, "Product", product.id).action == "create"


@pytest.mark.feature("B-CAT-1")
def test_duplicate_makes_an_offline_copy(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _product(db, combinations=True, rate_bp=None)
        product_id, name, combos = product.id, product.name, len(product.combinations)
        categories = [c.id for c in product.categories]
    page = client.get(f"{admin}/produits").get_data(as_text=True)
    response = client.post(f"{admin}/produits/{product_id}/dupliquer", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with seat_db(data, seat.name) as db:
        copy = db.get(Product, copy_id)
        assert copy.name == f"Copie de {name}" and not copy.active
        assert [c.id for c in copy.categories] == categories and len(copy.combinations) == combos
        assert copy.total_quantity == 0


def test_delete_asks_for_confirmation_and_keeps_order_lines(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _product(db, rate_bp=None, in_orders=True)
        product_id, name = product.id, product.name
        lines = db.scalar(select(func.count()).where(OrderLine.product_id == product_id))
    confirm = client.get(f"{admin}/produits/{product_id}/supprimer").get_data(as_text=True)
    assert "Voulez-vous vraiment supprimer" in confirm and "commande(s)" in confirm
    response = client.post(
        f"{admin}/produits/{product_id}/supprimer", data=form_values(confirm, "delete-form")
    )
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.get(Product, product_id) is None
        assert db.scalar(select(func.count()).where(OrderLine.product_id.is_(None))) >= lines
        assert _last_event(db, "Product", product_id).summary == f"Produit « {name} » supprimé"
    listed = text(client.get(f"{admin}/produits").get_data(as_text=True))
    assert f"Le produit « {name} » a été supprimé." in listed


def test_status_toggle_from_the_list(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _product(db, rate_bp=None)
        product_id, name, active = product.id, product.name, product.active
    page = client.get(f"{admin}/produits").get_data(as_text=True)
    response = client.post(
        f"{admin}/produits/{product_id}/en-ligne",
        data={"csrf_token": csrf_token(page), "next": f"{admin}/produits?page=1"},
    )
    assert response.headers["Location"] == f"{admin}/produits?page=1"
    with seat_db(data, seat.name) as db:
        assert db.get(Product, product_id).active is (not active)
        words = {True: "oui", False: "non"}
        assert (
            _last_event(db, "Product", product_id).summary
            == f"Produit « {name} » : en ligne {words[active]} → {words[not active]}"
        )


def test_list_filters_and_prices(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _product(db, rate_bp=None)
        name, reference = product.name, product.reference
        ht, ttc = product.price_ht, ttc_from_ht(product.price_ht, product.tax.rate_bp)
        total = db.scalar(select(func.count(Product.id)))
    page = text(client.get(f"{admin}/produits?nom={name}").get_data(as_text=True))
    assert name in page and format_money(ht).replace("\xa0", " ") in page
    assert format_money(ttc).replace("\xa0", " ") in page
    if reference:
        assert name in text(client.get(f"{admin}/produits?reference={reference}").get_data(as_text=True))
    assert "Aucun produit ne correspond" in client.get(f"{admin}/produits?nom=zzzzzz").get_data(as_text=True)
    listed = text(client.get(f"{admin}/produits").get_data(as_text=True))
    assert f"{format_number(total)} produits".replace("\u202f", " ") in listed
