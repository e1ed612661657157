"""Commandes › Ajouter une commande: customers and products found by name, combinations chosen by their
attributes, and why an item cannot be ordered."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sandbox.models import Combination, Customer, Order, Product
from sandbox.services.order_search import attributes_text
from tests.integration.shop_admin_helpers import ADMIN, form_values, login, seat_db, text

MEMBERS = select(Customer).where(Customer.is_guest.is_(False)).order_by(Customer.id)


@pytest.fixture
def admin(client, seat):
    """The candidate logged into the shop back office."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _combination(data, seat) -> tuple[int, str, str]:
    """A combination (size and colour) in stock of a product online: (id, product name, attributes text)."""
    with seat_db(data, seat.name) as db:
        combination = next(c for c in db.scalars(select(Combination).join(Product).where(
            Product.active.is_(True), Combination.quantity > 5).order_by(Combination.id))
            if len(c.attributes) == 2)
        return combination.id, combination.product.name, attributes_text(combination)


def _suggest(client, admin, kind: str, query: str) -> list[dict]:
    return client.get(f"{admin}/commandes/nouvelle/suggestions", query_string={"type": kind, "q": query}).json


def test_suggestions_find_customers_and_combinations_by_name(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        customer = db.scalars(MEMBERS).first()
        name, email = customer.full_name, customer.email
    found = _suggest(client, admin, "clients", customer.last_name[:5])
    assert {"value": f"{name} — {email}", "label": email} in found
    _, product, attributes = _combination(data, seat)
    items = _suggest(client, admin, "produits", product[:12].lower())
    assert any(i["value"] == f"{product} — {attributes}" and "TTC · stock" in i["label"] for i in items)
    assert " : " in attributes and " - " in attributes  # « Taille : 140 x 190 - Couleur : Sauge »
    assert _suggest(client, admin, "produits", "x") == []


def test_order_by_customer_name_and_combination_attributes(client, admin, seat, data):
    combination_id, product, attributes = _combination(data, seat)
    with seat_db(data, seat.name) as db:
        customer = db.scalars(MEMBERS).first()
        customer_id, suggestion = customer.id, f"{customer.full_name} — {customer.email}"
    url = f"{admin}/commandes/nouvelle"
    values = form_values(client.get(url).get_data(as_text=True), "order-new-form")
    values.update({"email": suggestion, "line-0": product, "qty-0": "1"})
    page = text(client.post(url, data=values).get_data(as_text=True))
    assert "a des déclinaisons : choisissez-en une dans les suggestions" in page and product in page
    assert f"« {product} » : « {product} »" not in page  # the line's name is said once
    values["line-0"] = f"{product} — {attributes}"
    response = client.post(url, data=values)
    assert response.status_code == 302, text(response.get_data(as_text=True))[:600]
    with seat_db(data, seat.name) as db:
        order = db.scalars(select(Order).where(Order.customer_id == customer_id)
                           .order_by(Order.id.desc())).first()
        assert [(line.combination_id, line.quantity) for line in order.lines] == [(combination_id, 1)]


def test_offline_and_out_of_stock_items_are_refused_with_the_reason(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = db.scalars(select(Product).where(Product.active.is_(True), ~Product.combinations.any(),
                                                   Product.is_pack.is_(False)).order_by(Product.id)).first()
        product.active = False
        other = db.scalars(select(Product).where(Product.active.is_(True), ~Product.combinations.any(),
                                                 Product.is_pack.is_(False), Product.id != product.id)
                           .order_by(Product.id)).first()
        other.quantity, other.out_of_stock = 0, "deny"
        db.commit()
        offline, empty = product.name, other.name
    assert any(i["label"] == "produit hors ligne" for i in _suggest(client, admin, "produits", offline))
    url = f"{admin}/commandes/nouvelle"
    values = form_values(client.get(url).get_data(as_text=True), "order-new-form")
    values.update({"email": "nouveau@exemple.fr", "first_name": "Inès", "last_name": "Roux",
                   "address1": "2 rue Pasteur", "postcode": "59000", "city": "Lille", "line-0": offline})
    page = text(client.post(url, data=values).get_data(as_text=True))
    assert f"« {offline} » : produit hors ligne : il ne peut pas être commandé." in page
    values["line-0"] = empty
    page = text(client.post(url, data=values).get_data(as_text=True))
    assert f"« {empty} » : hors stock : il ne peut pas être commandé." in page
