"""Properties of the pricing engine and the cart totals, on random shops (Hypothesis).

Each example builds the in-memory seat of ``pricing_world`` (real models, real SQLite) and adds random
products (typed TTC, any of four VAT rates), a group reduction, catalogue rules, specific prices, automatic
cart rules (percentage, amount HT or TTC, free shipping, minimum) and a cart. Whatever they are:
every amount is rounded to the cent and never negative, each unit's TTC is its HT plus VAT (within the
half cent of rounding), the products' TTC per rate is their HT plus VAT within that half cent per article,
VAT is never negative, discounts never exceed what they reduce, and the totals do not depend on the order
in which the lines were added.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.models import (
    Carrier,
    Cart,
    CartLine,
    CartRule,
    CatalogRule,
    CustomerGroup,
    Product,
    ProductCategory,
    SpecificPrice,
    Tax,
)
from sandbox.money import to_cents
from sandbox.services.cart import cart_totals
from tests.unit.pricing_world import NOW, PARTICULIER, PRO, VISITOR, build_world

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
RATES = {1: 2000, 2: 550, 5: 1000, 6: 210}  # tax id → rate in basis points (1 and 2 exist in the world)
FIRST_ID = 10

money = st.integers(min_value=1, max_value=20_000).map(lambda c: Decimal(c) / 100)
percent = st.integers(min_value=1, max_value=90).map(Decimal)
products = st.lists(st.tuples(st.integers(min_value=1, max_value=99_999), st.sampled_from(sorted(RATES)),
                              st.sampled_from([1, 2])), min_size=1, max_size=5)
reduction = st.one_of(st.tuples(st.just("percent"), percent), st.tuples(st.just("amount"), money))
catalog_rules = st.lists(st.tuples(reduction, st.booleans(), st.sampled_from([None, 2]),
                                   st.sampled_from([None, VISITOR, PARTICULIER, PRO]),
                                   st.integers(min_value=1, max_value=3)), max_size=2)
specific_prices = st.lists(st.tuples(st.integers(min_value=0, max_value=4),
                                     st.one_of(reduction, st.tuples(st.just("fixed"), money)),
                                     st.booleans(), st.integers(min_value=1, max_value=3)), max_size=2)
cart_rules = st.lists(st.tuples(st.one_of(reduction, st.just(("", Decimal(0)))), st.booleans(), st.booleans(),
                                st.integers(min_value=0, max_value=150).map(Decimal),
                                st.integers(min_value=1, max_value=3)), max_size=2)


@st.composite
def shops(draw):
    """A random shop and cart: (products, group, reductions, rules, lines, carrier?)."""
    items = draw(products)
    indexes = st.integers(min_value=0, max_value=len(items) - 1)
    lines = draw(st.lists(st.tuples(indexes, st.integers(min_value=1, max_value=12)), min_size=1, max_size=5,
                          unique_by=lambda line: line[0]))
    return {
        "products": items, "lines": lines,
        "group": draw(st.sampled_from([VISITOR, PARTICULIER, PRO])),
        "group_reduction_bp": draw(st.integers(min_value=0, max_value=3000)),
        "catalog_rules": draw(catalog_rules), "specific_prices": draw(specific_prices),
        "cart_rules": draw(cart_rules), "carrier": draw(st.booleans()),
        "order": draw(st.permutations(range(len(lines)))),
    }


_WORLD = []
_TOKENS = itertools.count()


def _world():
    """One in-memory world for every example (each example works in a savepoint, rolled back)."""
    if not _WORLD:
        db = build_world()
        db.add_all([Tax(id=5, name="TVA 10 %", rate_bp=1000), Tax(id=6, name="TVA 2,1 %", rate_bp=210)])
        db.flush()
        _WORLD.append(db)
    return _WORLD[0]


@contextmanager
def _shop_in(shop: dict):
    """The world with the shop's products, reductions and rules added, undone afterwards."""
    db = _world()
    savepoint = db.begin_nested()
    try:
        _add(db, shop)
        yield db
    finally:
        savepoint.rollback()


def _add(db, shop: dict) -> None:
    db.get(CustomerGroup, PARTICULIER).reduction_bp = shop["group_reduction_bp"]
    for n, (ttc_cents, tax_id, category) in enumerate(shop["products"]):
        rate = Decimal(RATES[tax_id]) / 10_000
        ht = (Decimal(ttc_cents) / 100 / (1 + rate)).quantize(Decimal("0.000001"))
        pid = FIRST_ID + n
        db.add(Product(id=pid, name=f"Produit {pid}", slug=f"p{pid}", price_ht=ht, tax_id=tax_id,
                       default_category_id=category, brand_id=1, weight_g=500, quantity=100, created_at=NOW))
        db.add(ProductCategory(product_id=pid, category_id=category))
    for (kind, value), tax_included, category, group, from_quantity in shop["catalog_rules"]:
        db.add(CatalogRule(name="Règle", category_id=category, group_id=group, from_quantity=from_quantity,
                           reduction_type=kind, reduction=value, reduction_tax_included=tax_included))
    for index, (kind, value), tax_included, from_quantity in shop["specific_prices"]:
        pid = FIRST_ID + min(index, len(shop["products"]) - 1)
        if kind == "fixed":
            db.add(SpecificPrice(product_id=pid, fixed_price_ht=value, reduction_type="percent",
                                 reduction=Decimal(0), from_quantity=from_quantity))
        else:
            db.add(SpecificPrice(product_id=pid, reduction_type=kind, reduction=value,
                                 reduction_tax_included=tax_included, from_quantity=from_quantity))
    for (kind, value), tax_included, free_shipping, minimum, priority in shop["cart_rules"]:
        db.add(CartRule(name="Automatique", code="", priority=priority, date_from=date(2027, 1, 1),
                        date_to=date(2027, 12, 31), quantity=100, quantity_per_user=100,
                        minimum_amount=minimum, free_shipping=free_shipping, reduction_type=kind,
                        reduction=value, reduction_tax_included=tax_included))
    db.flush()


def _totals(db, shop: dict, lines: list[tuple[int, int]]):
    cart = Cart(token=f"t{next(_TOKENS)}", customer_id=1, created_at=NOW, updated_at=NOW)
    cart.lines = [CartLine(product_id=FIRST_ID + i, quantity=q) for i, q in lines]
    db.add(cart)
    db.flush()
    carrier = db.get(Carrier, 1) if shop["carrier"] else None
    return cart_totals(db, cart, db.get(CustomerGroup, shop["group"]), carrier)


def _is_cents(amount: Decimal) -> bool:
    return amount == amount.quantize(CENT)


def _check(totals) -> None:
    exact_ht, ttc_by_rate, ht_by_rate, articles = Decimal(0), defaultdict(Decimal), defaultdict(Decimal), {}
    for item in totals.items:
        rate, quantity = Decimal(item.product.tax.rate_bp) / 10_000, item.line.quantity
        assert item.unit_ht >= 0 and item.unit_ttc >= 0 and _is_cents(item.unit_ttc), item
        assert abs(item.unit_ttc - item.unit_ht * (1 + rate)) <= HALF_CENT, item
        assert item.total_ttc == item.unit_ttc * quantity
        assert item.total_ht == to_cents(item.unit_ht * quantity)
        exact_ht += item.unit_ht * quantity
        ht_by_rate[rate] += item.unit_ht * quantity
        ttc_by_rate[rate] += item.total_ttc
        articles[rate] = articles.get(rate, 0) + quantity
    for rate, ttc in ttc_by_rate.items():  # each article's TTC was rounded once: at most half a cent each
        assert abs(ttc - ht_by_rate[rate] * (1 + rate)) <= HALF_CENT * articles[rate], (rate, ttc)
    assert totals.products_ht == to_cents(exact_ht)
    amounts = {"products_ht": totals.products_ht, "products_ttc": totals.products_ttc,
               "shipping_ht": totals.shipping_ht, "shipping_ttc": totals.shipping_ttc,
               "discounts_ht": totals.discounts_ht, "discounts_ttc": totals.discounts_ttc,
               "total_ht": totals.total_ht, "total_ttc": totals.total_ttc}
    for name, amount in amounts.items():
        assert amount >= 0 and _is_cents(amount), (name, amount)
    assert totals.shipping_ttc >= totals.shipping_ht and totals.tax >= 0, amounts
    assert totals.discounts_ht <= totals.products_ht + totals.shipping_ht, amounts
    assert totals.discounts_ttc <= totals.products_ttc + totals.shipping_ttc, amounts


def _summary(totals) -> tuple:
    lines = sorted((i.product.id, i.unit_ht, i.unit_ttc, i.total_ht, i.total_ttc) for i in totals.items)
    return (lines, totals.products_ht, totals.products_ttc, totals.shipping_ht, totals.shipping_ttc,
            [(d.rule.id, d.amount_ht, d.amount_ttc) for d in totals.discounts], totals.total_ht,
            totals.total_ttc)


# Derandomized (the same examples on every run, no example database in the tree): a property found broken
# fails every run, never now and then; widen max_examples locally to explore further.
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(shops())
def test_cart_totals_are_coherent_whatever_the_shop(shop):
    with _shop_in(shop) as db:
        _check(_totals(db, shop, shop["lines"]))


@settings(PROPERTY, max_examples=40)
@given(shops())
def test_cart_totals_do_not_depend_on_the_order_lines_were_added(shop):
    with _shop_in(shop) as db:
        first = _summary(_totals(db, shop, shop["lines"]))
        again = _summary(_totals(db, shop, [shop["lines"][i] for i in shop["order"]]))
        assert first == again
