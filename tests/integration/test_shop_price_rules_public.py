"""Promotions › Règles de prix catalogue and a product's « Prix spécifiques », created through their forms,
then seen by a visitor on the product page: « Promo ! », the reduced price and the struck-through one
(B-PRO-1, B-PRO-3)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from sandbox.models import Product
from sandbox.money import ttc_from_ht
from tests.integration.shop_admin_helpers import ADMIN, form_values, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _money(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _simple_product(client, data, seat) -> tuple[str, Decimal, int, int]:
    """(public address, price HT, VAT rate in basis points, default category) of an online product without
    combinations, whose page shows no promotion yet."""
    with seat_db(data, seat.name) as db:
        for product in db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id)):
            path = f"/s/{seat.name}/boutique/produit/{product.id}-{product.slug}"
            if not product.combinations and not product.is_pack and "Promo !" not in _page(client, path):
                return path, product.price_ht, product.tax.rate_bp, product.default_category_id
    raise AssertionError("no simple online product")


def _page(client, path: str) -> str:
    return text(client.get(path).get_data(as_text=True)).replace("\xa0", " ")


@pytest.mark.feature("B-PRO-1")
def test_a_catalogue_rule_on_a_category_lowers_its_products_public_price(client, admin, seat, data):
    path, price_ht, rate, category_id = _simple_product(client, data, seat)
    regular, reduced = ttc_from_ht(price_ht, rate), ttc_from_ht(price_ht * Decimal("0.85"), rate)
    assert _money(reduced) not in _page(client, path)
    url = f"{admin}/promotions/regles-catalogue/nouvelle"
    values = form_values(client.get(url).get_data(as_text=True), "catalog-rule-form")
    values.update(name="Catégorie -15 %", category_id=str(category_id), reduction_type="percent",
                  reduction="15", date_from="", date_to="")
    assert client.post(url, data=values).status_code == 302
    page = _page(client, path)
    assert "Promo !" in page and _money(reduced) in page and f"au lieu de {_money(regular)}" in page


@pytest.mark.feature("B-PRO-3")
def test_a_specific_price_for_every_customer_shows_on_the_product_page(client, admin, seat, data):
    path, price_ht, rate, _category = _simple_product(client, data, seat)
    product_id = path.rsplit("/", 1)[1].split("-", 1)[0]
    reduced = ttc_from_ht(price_ht * Decimal("0.8"), rate)
    assert _money(reduced) not in _page(client, path)
    url = f"{admin}/produits/{product_id}/prix-specifiques"
    values = form_values(client.get(url).get_data(as_text=True), "specific-price-form")
    values.update(reduction_type="percent", reduction="20")
    assert client.post(url, data=values).status_code == 302
    page = _page(client, path)
    assert "-20 %" in page and _money(reduced) in page
    assert f"au lieu de {_money(ttc_from_ht(price_ht, rate))}" in page
