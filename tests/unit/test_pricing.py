"""The pricing engine: tax, group, catalogue rule, specific price, cart rules (priority, conditions, actions),
shipping ranges and zones — every amount an exact Decimal to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sandbox.models import (
    Address,
    CartRule,
    CartRuleUse,
    CatalogRule,
    CustomerGroup,
    Product,
    Setting,
    SpecificPrice,
    Zone,
)
from sandbox.services import ServiceError
from sandbox.services.cart import cart_totals
from sandbox.services.cart_rules import apply_code
from sandbox.services.pricing import price_of
from sandbox.services.shipping import carrier_price, zone_of
from tests.unit.pricing_world import PARTICULIER, PRO, VISITOR, cart_with, order_world, plain
from tests.unit.pricing_world import cart_rule as rule

D = Decimal


def group(db, gid):
    return db.get(CustomerGroup, gid)


def price(db, pid, gid=VISITOR, **kw):
    return price_of(db, db.get(Product, pid), None, group(db, gid), **kw)


# Tax and group -------------------------------------------------------------------------------------------


def test_tax_gives_back_the_typed_ttc_price(db):
    assert (price(db, 1).ht, price(db, 1).ttc) == (D("66.583333"), D("79.90"))
    assert price(db, 3).ttc == D("29.90")  # 5,5 % VAT
    assert not price(db, 1).promotion and price(db, 1).badge == ""


def test_group_reduction_applies_on_ht(db):
    pro = price(db, 1, PRO)
    assert (pro.ht, pro.ttc) == (D("59.925000"), D("71.91"))
    assert not pro.promotion  # a group discount is not a promotion


# Catalogue rules -----------------------------------------------------------------------------------------


def test_catalog_rule_for_a_category_within_its_dates(db):
    db.add(
        CatalogRule(
            name="Bain -15 %",
            category_id=2,
            reduction_type="percent",
            reduction=D(15),
            date_from=date(2027, 5, 15),
            date_to=date(2027, 5, 31),
        )
    )
    db.flush()
    towel = price(db, 2)
    assert (towel.ht, towel.ttc, towel.regular_ttc) == (D("21.179167"), D("25.42"), D("29.90"))
    assert towel.promotion and towel.badge == "-15\xa0%" and towel.reduction_ttc == D("4.48")
    assert not price(db, 1).promotion  # another category
    assert not price(db, 2, today=date(2027, 6, 1)).promotion  # after the end date
    assert not price(db, 2, today=date(2027, 5, 14)).promotion  # before the start date


def test_catalog_rule_for_a_group_from_a_quantity_with_an_amount_ttc(db):
    db.add(
        CatalogRule(
            name="Pros",
            group_id=PRO,
            from_quantity=3,
            reduction_type="amount",
            reduction=D(6),
            reduction_tax_included=True,
        )
    )
    db.flush()
    assert not price(db, 1, PRO, quantity=2).promotion
    assert price(db, 1, PARTICULIER, quantity=3).ttc == D("79.90")
    pro = price(db, 1, PRO, quantity=3)
    assert pro.promotion and pro.ttc == D("66.51")  # (79,90 − 6,00) HT, then −10 % of the group
    assert pro.badge.startswith("-") and "€" in pro.badge


# Specific prices -----------------------------------------------------------------------------------------


def test_specific_price_fixed_for_a_group_then_group_reduction(db):
    db.add(
        SpecificPrice(
            product_id=1, group_id=PRO, fixed_price_ht=D(50), reduction_type="amount", reduction=D(0)
        )
    )
    db.flush()
    assert (price(db, 1, PRO).ht, price(db, 1, PRO).ttc) == (D("45.000000"), D("54.00"))
    assert price(db, 1, PARTICULIER).ttc == D("79.90")


def test_customer_specific_price_beats_group_and_catalog_rule(db):
    db.add_all(
        [
            SpecificPrice(product_id=1, group_id=PARTICULIER, reduction_type="percent", reduction=D(5)),
            SpecificPrice(
                product_id=1,
                customer_id=1,
                reduction_type="amount",
                reduction=D(10),
                reduction_tax_included=True,
            ),
            CatalogRule(name="Tout -15 %", reduction_type="percent", reduction=D(15)),
        ]
    )
    db.flush()
    assert price(db, 1, PARTICULIER, customer_id=1).ttc == D("69.90")  # 79,90 − 10,00 exactly
    assert price(db, 1, PARTICULIER, customer_id=9).ttc == D("75.90")  # group's −5 % on HT
    assert price(db, 2, PARTICULIER).ttc == D("25.42")  # no specific price: the catalogue rule


def test_percentage_badge_of_a_specific_price(db):
    db.add(SpecificPrice(product_id=2, reduction_type="percent", reduction=D(20), date_to=date(2027, 5, 25)))
    db.flush()
    assert price(db, 2).badge == "-20\xa0%" and price(db, 2).ttc == D("23.92")


# Cart rules ----------------------------------------------------------------------------------------------


def totals_of(db, cart, gid=PARTICULIER, carrier=None, address=None):
    return cart_totals(db, cart, group(db, gid), carrier, address)


def apply(db, cart, code, gid=PARTICULIER, customer_id=1):
    from sandbox.models import Customer

    customer = db.get(Customer, customer_id) if customer_id else None
    return apply_code(db, cart, code, totals_of(db, cart, gid), customer, group(db, gid))


def test_priority_decides_which_amount_is_capped(db):
    cart = cart_with(db, [(3, 1)])  # 29,90 TTC
    rule(db, code="A25", reduction_type="amount", reduction=D(25), priority=1)
    rule(db, code="B10", reduction_type="amount", reduction=D(10), priority=2)
    apply(db, cart, "b10")
    apply(db, cart, "A25")
    totals = totals_of(db, cart)
    assert [(d.rule.code, d.amount_ttc) for d in totals.discounts] == [
        ("A25", D("25.00")),
        ("B10", D("4.90")),
    ]
    assert totals.total_ttc == D("0.00") and totals.total_ht == D("0.00")


def test_percentage_and_amount_keep_ht_and_ttc_exact(db):
    cart = cart_with(db, [(1, 1), (2, 2)])  # 79,90 + 59,80
    rule(db, code="DIX", reduction_type="percent", reduction=D(10))
    apply(db, cart, "DIX")
    totals = totals_of(db, cart)
    assert (totals.products_ttc, totals.products_ht) == (D("139.70"), D("116.42"))
    assert (totals.discounts_ttc, totals.discounts_ht) == (D("13.97"), D("11.64"))
    assert (totals.total_ttc, totals.total_ht, totals.tax) == (D("125.73"), D("104.78"), D("20.95"))
    for value in (totals.total_ttc, totals.total_ht, totals.tax):
        assert isinstance(value, Decimal) and value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minimum_amount": D(150)}, "au moins 150,00 € TTC (il manque 10,30 €)"),
        ({"minimum_amount": D(120), "minimum_tax_included": False}, "au moins 120,00 € HT"),
        ({"date_from": date(2027, 5, 21)}, "n'est valable qu'à partir du 21/05/2027"),
        ({"date_to": date(2027, 5, 19)}, "a expiré le 19/05/2027"),
        ({"active": False}, "n'est plus actif"),
        ({"customer_id": 2}, "réservé à un autre client"),
    ],
)
def test_conditions_refuse_with_a_french_reason(db, changes, message):
    cart = cart_with(db, [(1, 1), (2, 2)])
    rule(db, reduction_type="percent", reduction=D(10), **changes)
    with pytest.raises(ServiceError) as refused:
        apply(db, cart, "CODE")
    assert message in plain(refused.value.message)
    assert totals_of(db, cart).discounts == []


def test_minimum_ht_met_when_ttc_would_be(db):
    cart = cart_with(db, [(1, 1), (2, 2)])  # 116,42 HT, 139,70 TTC
    rule(db, reduction_type="percent", reduction=D(10), minimum_amount=D(110), minimum_tax_included=False)
    apply(db, cart, "CODE")
    assert totals_of(db, cart).discounts_ttc == D("13.97")


def test_usage_limits_in_total_and_per_customer(db):
    total = rule(db, code="UNIQUE", quantity=1, quantity_per_user=1, reduction_type="percent", reduction=D(5))
    mine = rule(db, code="MOI", quantity=10, quantity_per_user=1, reduction_type="percent", reduction=D(5))
    db.add_all(
        [
            CartRuleUse(cart_rule_id=total.id, order_id=1, customer_id=2, name="x"),
            CartRuleUse(cart_rule_id=mine.id, order_id=2, customer_id=1, name="x"),
        ]
    )
    db.flush()
    cart = cart_with(db, [(1, 1)])
    with pytest.raises(ServiceError, match="déjà été utilisé autant de fois"):
        apply(db, cart, "UNIQUE")
    with pytest.raises(ServiceError, match="Vous avez déjà utilisé ce code promo"):
        apply(db, cart, "MOI")
    other = cart_with(db, [(1, 1)], customer_id=2)
    apply(db, other, "MOI", customer_id=2)  # another customer still may
    with pytest.raises(ServiceError, match="déjà appliqué"):
        apply(db, other, "MOI", customer_id=2)
    with pytest.raises(ServiceError, match="« INCONNU » n'existe pas"):
        apply(db, other, "INCONNU", customer_id=2)


def test_excluded_discounted_products_and_restrictions(db):
    db.add(CatalogRule(name="Bain", category_id=2, reduction_type="percent", reduction=D(15)))
    cart = cart_with(db, [(1, 1), (2, 1)])
    rule(db, reduction_type="percent", reduction=D(10), exclude_specials=True)
    apply(db, cart, "CODE")
    assert totals_of(db, cart).discounts_ttc == D("7.99")  # only the sheet at 79,90
    limited = rule(db, code="BAIN", reduction_type="percent", reduction=D(5), groups=[group(db, PRO)])
    with pytest.raises(ServiceError, match="groupe de clients"):
        apply(db, cart, "BAIN")
    limited.groups, limited.products = [], [db.get(Product, 3)]
    with pytest.raises(ServiceError, match="Livre du lin"):
        apply(db, cart, "BAIN")


def test_free_shipping_and_gift(db):
    from sandbox.models import Carrier

    cart = cart_with(db, [(3, 1)])  # 29,90 TTC, shipping 6,90 TTC in France métropolitaine
    rule(db, code="PORT", free_shipping=True)
    rule(db, code="CADEAU", gift_product_id=2, minimum_amount=D(20))
    apply(db, cart, "PORT")
    apply(db, cart, "CADEAU")
    totals = totals_of(db, cart, carrier=db.get(Carrier, 1))
    assert (totals.shipping_ttc, totals.discounts_ttc, totals.total_ttc) == (D("6.90"), D("6.90"), D("29.90"))
    assert [d.gift.name for d in totals.gifts] == ["Serviette de bain"]


def test_a_code_that_stops_fitting_says_why(db):
    cart = cart_with(db, [(1, 2)])
    rule(db, code="MINI", reduction_type="amount", reduction=D(5), minimum_amount=D(100))
    apply(db, cart, "MINI")
    cart.lines[0].quantity = 1
    db.flush()
    totals = totals_of(db, cart)
    assert (
        totals.discounts == [] and "MINI" in totals.notes[0] and "il manque 20,10 €" in plain(totals.notes[0])
    )


# Shipping ------------------------------------------------------------------------------------------------


def test_ranges_by_price_and_zone(db):
    from sandbox.models import Carrier

    colissimo = db.get(Carrier, 1)
    france, corse = db.get(Zone, 1), db.get(Zone, 2)
    assert carrier_price(db, colissimo, D("30.00"), france) == (D("5.75"), D("6.90"))
    assert carrier_price(db, colissimo, D("60.00"), france) == (D("4.92"), D("5.90"))
    assert carrier_price(db, colissimo, D("30.00"), corse) == (D("8.25"), D("9.90"))
    assert carrier_price(db, colissimo, D("80.00"), corse) == (D("0.00"), D("0.00"))  # free above 80 TTC
    assert carrier_price(db, colissimo, D("30.00"), db.get(Zone, 4)) is None  # zone not served


def test_ranges_by_weight_and_out_of_range(db):
    from sandbox.models import Carrier

    relay, europe = db.get(Carrier, 2), db.get(Zone, 4)
    assert carrier_price(db, relay, D("10"), europe, weight_g=1200) == (D("7.42"), D("8.90"))
    assert carrier_price(db, relay, D("10"), europe, weight_g=31000) is None  # « désactiver »
    relay.out_of_range = "highest"
    assert carrier_price(db, relay, D("10"), europe, weight_g=31000) == (D("12.42"), D("14.90"))


def test_zone_of_an_address(db):
    def address(country, postcode):
        return Address(
            customer_id=1,
            first_name="J",
            last_name="M",
            address1="1 rue",
            postcode=postcode,
            city="X",
            country=country,
        )

    assert zone_of(db, address("France", "20000")).name == "Corse"
    assert zone_of(db, address("France", "59100")).name == "France métropolitaine"
    assert zone_of(db, address("Belgique", "1000")).name == "Union européenne"
    assert zone_of(db, None).name == "France métropolitaine"  # before any address: the shop's country


def test_cart_totals_price_shipping_for_the_address_zone(db):
    from sandbox.models import Carrier

    cart = cart_with(db, [(2, 1)])  # 29,90 TTC, 600 g
    belgium = Address(
        customer_id=1,
        first_name="J",
        last_name="M",
        address1="1 rue",
        postcode="1000",
        city="Bruxelles",
        country="Belgique",
    )
    totals = totals_of(db, cart, carrier=db.get(Carrier, 2), address=belgium)
    assert (totals.shipping_ttc, totals.total_ttc) == (D("8.90"), D("38.80"))
    assert not totals_of(db, cart, carrier=db.get(Carrier, 1), address=belgium).delivers


def test_seat_clock_drives_the_dates(db):
    db.add(CatalogRule(name="Demain", reduction_type="percent", reduction=D(50), date_from=date(2027, 5, 21)))
    db.flush()
    assert not price(db, 1).promotion
    db.get(Setting, "clock.today").value = "2027-05-21"
    db.flush()
    assert price(db, 1).ttc == D("39.95")


# Orders: discount lines, partial use, partial credit slip --------------------------------------------------


def test_order_keeps_discounts_and_leaves_a_remainder_voucher(db):
    from sandbox.models import Carrier, Customer
    from sandbox.services.checkout import place_order

    address = order_world(db)
    cart = cart_with(db, [(3, 1)])  # 29,90 TTC + 6,90 shipping
    rule(db, code="BON50", reduction_type="amount", reduction=D(50), partial_use=True)
    apply(db, cart, "BON50")
    order = place_order(db, cart, db.get(Customer, 1), address, db.get(Carrier, 1), "cheque")
    assert (order.total_products_ttc, order.total_discounts_ttc, order.shipping_ttc, order.total_ttc) == (
        D("29.90"),
        D("29.90"),
        D("6.90"),
        D("6.90"),
    )
    assert order.total_ht == D("5.75") and [d.amount_ttc for d in order.discount_lines] == [D("29.90")]
    from sqlalchemy import select

    voucher = db.scalar(select(CartRule).where(CartRule.code == f"BON50-{order.reference}"))
    assert (voucher.reduction, voucher.customer_id, voucher.quantity) == (D("20.10"), 1, 1)


def test_partial_credit_slip_of_a_discounted_order_is_exact(db):
    from sandbox.models import Carrier, Customer, OrderState
    from sandbox.services.checkout import place_order
    from sandbox.services.credit_slips import issue_credit_slip

    address = order_world(db)
    cart = cart_with(db, [(1, 1), (2, 3)])
    rule(db, code="DIX", reduction_type="percent", reduction=D(10))
    apply(db, cart, "DIX")
    order = place_order(db, cart, db.get(Customer, 1), address, db.get(Carrier, 1), "cheque")
    assert (order.total_products_ttc, order.total_discounts_ttc, order.total_ttc) == (
        D("169.60"),
        D("16.96"),
        D("152.64"),
    )
    order.state_id, order.total_paid_ttc = 2, order.total_ttc
    db.flush()
    db.refresh(order)
    assert order.state == db.get(OrderState, 2)
    towels = next(line for line in order.lines if line.product_id == 2)
    slip = issue_credit_slip(db, order, {towels.id: 2})
    assert (slip.amount_ttc, slip.amount_ht, slip.partial) == (D("59.80"), D("49.83"), True)
    assert isinstance(slip.amount_ttc, Decimal) and slip.amount_ttc.as_tuple().exponent == -2
