"""The pricing engine's PrestaShop extras: cart rules restricted to a product selection (with a minimum
quantity) applied to the order, one product, the cheapest product or the selected ones; group reductions
per category; products' extra shipping fees and carrier restrictions."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest

from sandbox.models import (
    Attribute,
    AttributeGroup,
    Carrier,
    CartLine,
    CartRule,
    CartRuleRestriction,
    Combination,
    CustomerGroup,
    GroupCategoryReduction,
    Product,
    ProductCarrier,
)
from sandbox.services import ServiceError
from sandbox.services.cart import cart_totals
from sandbox.services.cart_rules import apply_code
from sandbox.services.checkout import carrier_options
from sandbox.services.pricing import price_of
from tests.unit.pricing_world import PARTICULIER, PRO, cart_rule, cart_with

D = Decimal
# A 50 % rule unless a test says otherwise.
rule = partial(cart_rule, reduction_type="percent", reduction=D(50))


def restrict(db, row: CartRule, kind: str, *targets: int) -> None:
    for target in targets:
        db.add(CartRuleRestriction(cart_rule_id=row.id, kind=kind, target_id=target))
    db.flush()
    db.refresh(row)


def totals_of(db, cart, gid=PARTICULIER, carrier=None):
    return cart_totals(db, cart, db.get(CustomerGroup, gid), carrier)


def apply(db, cart, code="CODE"):
    return apply_code(db, cart, code, totals_of(db, cart), None, db.get(CustomerGroup, PARTICULIER))


# Product 1: 79,90 TTC (Accueil) · product 2: 29,90 TTC (Linge de bain) · product 3: 29,90 TTC (5,5 %).


def test_category_selection_needs_the_minimum_quantity(db):
    cart = cart_with(db, [(1, 1), (2, 1)])
    row = rule(db, restriction_quantity=2)
    restrict(db, row, "category", 2)
    with pytest.raises(ServiceError) as refused:
        apply(db, cart)
    assert "au moins 2 produit(s) correspondant à : catégorie Linge de bain" in refused.value.message
    assert "votre panier en contient 1" in refused.value.message
    cart.lines[1].quantity = 2
    db.flush()
    apply(db, cart)  # two towels: the condition is met
    assert totals_of(db, cart).discounts_ttc == D("69.85")  # 50 % of the whole order (139,70)


def test_reduction_on_the_selected_products_only(db):
    cart = cart_with(db, [(1, 1), (2, 2)])
    row = rule(db, reduction=D(10), reduction_apply="selected")
    restrict(db, row, "category", 2)
    apply(db, cart)
    totals = totals_of(db, cart)
    assert (totals.discounts_ttc, totals.discounts_ht) == (D("5.98"), D("4.98"))  # 10 % of 2 × 29,90


def test_a_parent_category_holds_its_sub_categories_products(db):
    cart = cart_with(db, [(2, 1)])  # the towel is filed in Linge de bain, below Accueil
    row = rule(db, reduction=D(10), reduction_apply="selected")
    restrict(db, row, "category", 1)
    apply(db, cart)
    assert totals_of(db, cart).discounts_ttc == D("2.99")


def test_reduction_on_the_cheapest_product_takes_one_unit(db):
    cart = cart_with(db, [(1, 2), (2, 3)])
    rule(db, reduction=D(100), reduction_apply="cheapest")
    apply(db, cart)
    assert totals_of(db, cart).discounts_ttc == D("29.90")  # one towel free, not three


def test_reduction_on_a_specific_product_percent_and_amount(db):
    cart = cart_with(db, [(1, 1), (2, 1)])
    rule(db, code="PCT", reduction=D(20), reduction_apply="product", reduction_product_id=1)
    rule(db, code="EUR", reduction_type="amount", reduction=D(50), reduction_apply="product",
         reduction_product_id=2, priority=2)
    apply(db, cart, "PCT")
    apply(db, cart, "EUR")
    totals = totals_of(db, cart)
    assert [d.amount_ttc for d in totals.discounts] == [D("15.98"), D("29.90")]  # capped at the towel


def test_brand_and_attribute_values_must_both_match(db):
    size = AttributeGroup(id=1, name="Taille", public_name="Taille")
    db.add(size)
    db.flush()
    small = Attribute(id=1, group_id=1, name="140 x 190")
    large = Attribute(id=2, group_id=1, name="160 x 200")
    db.add_all([small, large])
    db.flush()
    combo = Combination(id=1, product_id=1, price_impact_ht=D("5.833333"), quantity=10)
    combo.attributes = [large]
    db.add(combo)
    db.flush()
    cart = cart_with(db, [(1, 1)])
    row = rule(db, reduction=D(10), reduction_apply="selected")
    restrict(db, row, "brand", 1)
    restrict(db, row, "attribute", 1)
    with pytest.raises(ServiceError, match="valeur d'attribut Taille : 140 x 190"):
        apply(db, cart)  # the sheet has no combination: no size
    cart.lines.append(CartLine(product_id=1, combination_id=1, quantity=1))
    db.flush()
    with pytest.raises(ServiceError):
        apply(db, cart)  # 160 x 200 is not 140 x 190
    combo.attributes = [small]
    db.flush()
    apply(db, cart)
    assert totals_of(db, cart).discounts_ttc == D("8.69")  # 10 % of 86,90 (79,90 + 7,00 impact)


def test_group_reduction_by_category_replaces_the_general_one(db):
    db.add(GroupCategoryReduction(group_id=PRO, category_id=2, reduction_bp=2500))
    db.flush()
    pro = db.get(CustomerGroup, PRO)
    towel, sheet = db.get(Product, 2), db.get(Product, 1)
    assert price_of(db, towel, None, pro).ttc == D("22.43")  # 25 % on Linge de bain, not 10 %
    assert price_of(db, sheet, None, pro).ttc == D("71.91")  # 10 % (general) elsewhere
    assert price_of(db, towel, None, db.get(CustomerGroup, PARTICULIER)).ttc == D("29.90")
    cart = cart_with(db, [(2, 2)], customer_id=2)
    assert totals_of(db, cart, PRO).products_ttc == D("44.86")
    # A reduction on a parent category reaches its sub-categories' products; the highest one wins.
    db.add(GroupCategoryReduction(group_id=PRO, category_id=1, reduction_bp=1500))
    db.flush()
    assert price_of(db, sheet, None, pro).ttc == D("67.91")  # 15 % on Accueil
    assert price_of(db, towel, None, pro).ttc == D("22.43")  # 25 % on Linge de bain beats 15 %


def test_extra_shipping_fees_are_added_per_unit_unless_free(db):
    db.get(Product, 3).additional_shipping_ht = D("2.50")
    db.flush()
    colissimo = db.get(Carrier, 1)
    cart = cart_with(db, [(3, 2)])  # 59,80 TTC: range 50+ → 4,92 HT, plus 2 × 2,50 HT
    totals = totals_of(db, cart, carrier=colissimo)
    assert (totals.shipping_ht, totals.shipping_ttc) == (D("9.92"), D("11.90"))
    cart.lines[0].quantity = 3  # 89,70 TTC: above the 80,00 free shipping threshold
    db.flush()
    assert totals_of(db, cart, carrier=colissimo).shipping_ttc == D("0.00")


def test_a_product_restricted_to_a_carrier_hides_the_others(db):
    cart = cart_with(db, [(1, 1), (2, 1)])
    totals = totals_of(db, cart)
    names = [c.name for c, *_ in carrier_options(db, totals.products_ttc, None, totals)]
    assert names == ["Colissimo", "Relais"]
    db.add(ProductCarrier(product_id=2, carrier_id=2))
    db.flush()
    assert [c.name for c, *_ in carrier_options(db, totals.products_ttc, None, totals)] == ["Relais"]
