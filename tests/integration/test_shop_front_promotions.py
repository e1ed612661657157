"""Promotions on the public shop: struck-through prices, « Vous avez un code promo ? », discounts and gifts
in the totals, shipping by zone, and an order that keeps them all exactly."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from sandbox.clock import seat_today
from sandbox.formatting import format_money
from sandbox.models import (
    ActivityEvent,
    CartRule,
    CartRuleUse,
    CatalogRule,
    Order,
    Product,
    SpecificPrice,
)
from sandbox.money import ttc_from_ht
from tests.integration.shop_admin_helpers import text
from tests.integration.test_shop_front import SHOP, add_to_cart, csrf_from, product_path, seat_db, text_of
from tests.integration.test_shop_front_checkout import (
    ADDRESS,
    checkout_as_new_customer,
    paying_carrier,
    post_step,
)


def _product(db, minimum_ttc: str = "30") -> Product:
    """A simple, active, stocked product of at least that price."""
    for product in db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id)):
        if (
            not product.combinations
            and product.quantity > 5
            and not product.is_pack
            and ttc_from_ht(product.price_ht, product.tax.rate_bp) >= Decimal(minimum_ttc)
        ):
            return product
    raise AssertionError("no simple product")


def _code(client, code: str):
    page = client.get(f"{SHOP}/panier").get_data(as_text=True)
    return client.post(f"{SHOP}/panier/code", data={"csrf_token": csrf_from(page), "code": code})


def test_specific_price_shows_as_a_promotion(seat, data, client):
    with seat_db(data) as db:
        product = _product(db)
        db.add(SpecificPrice(product_id=product.id, reduction_type="percent", reduction=Decimal(20)))
        db.commit()
        regular = ttc_from_ht(product.price_ht, product.tax.rate_bp)
        reduced = ttc_from_ht(product.price_ht * Decimal("0.8"), product.tax.rate_bp)
        path = product_path(product)
    page = text(client.get(path).get_data(as_text=True)).replace("\xa0", " ")
    money = lambda v: f"{v:.2f}".replace(".", ",")  # noqa: E731
    assert "Promo !" in page and "-20 %" in page
    assert money(reduced) in page and f"au lieu de {money(regular)}" in page


def test_a_rule_applies_through_its_last_day_and_stops_the_day_after(seat, data, client):
    """« Du … au … »: both days are inside (PrestaShop counts the end day until 23:59:59), for a catalogue
    rule as for a specific price; the day after the end, the regular price is back."""
    with seat_db(data) as db:
        product, today = _product(db), seat_today(db)
        rule = CatalogRule(name="Dernier jour", reduction_type="percent", reduction=Decimal(13),
                           date_from=today, date_to=today)
        price = SpecificPrice(product_id=product.id, reduction_type="percent", reduction=Decimal(7),
                              date_from=today - timedelta(days=3), date_to=today, from_quantity=1)
        db.add_all([rule, price])
        db.commit()
        path = product_path(product)
    page = text(client.get(path).get_data(as_text=True)).replace("\xa0", " ")
    assert "Promo !" in page and "-13 %" in page and "-7 %" in page
    with seat_db(data) as db:
        ended = db.get(CatalogRule, rule.id)
        ended.date_from = ended.date_to = today - timedelta(days=1)
        db.get(SpecificPrice, price.id).date_to = today - timedelta(days=1)
        db.commit()
    page = text(client.get(path).get_data(as_text=True)).replace("\xa0", " ")
    assert "-13 %" not in page and "-7 %" not in page


def test_code_with_gift_and_minimum_then_order(seat, data, client):
    with seat_db(data) as db:
        product, gift = _product(db, "30"), _product(db, "5")
        unit = ttc_from_ht(product.price_ht, product.tax.rate_bp)
        carrier_id = paying_carrier(db).id
        db.add(
            CartRule(
                name="Printemps",
                code="PRINTEMPS25",
                date_from=date(2027, 5, 20),
                date_to=date(2027, 6, 4),
                minimum_amount=unit * 2,
                quantity=10,
                quantity_per_user=1,
                reduction_type="percent",
                reduction=Decimal(25),
                gift_product_id=gift.id,
            )
        )
        db.commit()
        gift_name, gift_id = gift.name, gift.id
    add_to_cart(client, product, 1)
    refused = _code(client, "printemps25")
    assert refused.status_code == 422
    assert "Ce code promo demande un panier d'au moins" in text_of(refused)
    assert 'value="printemps25"' in refused.get_data(as_text=True)
    assert "Le code promo « NOPE » n'existe pas." in text_of(_code(client, "NOPE"))
    add_to_cart(client, product, 1)
    assert _code(client, "printemps25").status_code == 302
    page = text_of(client.get(f"{SHOP}/panier"))
    assert f"Cadeau : {gift_name}" in page and "Réduction : Printemps (PRINTEMPS25)" in page
    discount = (unit * 2 * Decimal("0.25")).quantize(Decimal("0.01"))
    response = checkout_as_new_customer(client, carrier_id)
    reference = re.search(r"/commande/confirmation/([A-Z]{9})$", response.headers["Location"]).group(1)
    assert "Réduction : Printemps (PRINTEMPS25)" in text_of(client.get(response.headers["Location"]))
    with seat_db(data) as db:
        order = db.scalar(select(Order).where(Order.reference == reference))
        assert order.total_discounts_ttc == discount
        assert order.total_ttc == order.total_products_ttc + order.shipping_ttc - discount
        gift_line = next(
            line for line in order.lines if line.product_id == gift_id and line.unit_price_ttc == 0
        )
        assert gift_line.name.endswith("(cadeau)")
        [use] = db.scalars(select(CartRuleUse).where(CartRuleUse.order_id == order.id)).all()
        assert (use.amount_ttc, use.customer_id) == (discount, order.customer_id)
        # The examiner reads which reduction went to which order, and how much.
        told = db.scalars(select(ActivityEvent.summary)).all()
        amount = format_money(discount)
        assert f"Réduction « {use.name} » appliquée à la commande « {reference} » : −{amount} TTC" in told
        free = format_money(0)
        assert f"Ligne de commande « {gift_line.name} » créée — quantité 1, {free} TTC l'unité" in told


def test_a_swiss_address_sees_only_carriers_serving_switzerland(seat, data, client):
    with seat_db(data) as db:
        product = _product(db, "20")
    add_to_cart(client, product, 1)
    post_step(
        client,
        "/commande/identification",
        {
            "gender": "M.",
            "first_name": "Luc",
            "last_name": "Favre",
            "email": "luc.favre@example.ch",
            "password": "motdepasse1",
        },
    )
    post_step(
        client, "/commande/adresse", {**ADDRESS, "postcode": "1204", "city": "Genève", "country": "Suisse"}
    )
    page = text_of(client.get(f"{SHOP}/commande/livraison"))
    assert "Colissimo Domicile" in page and "Mondial Relay" not in page and "Chronopost" not in page
