"""Cart rules at their edges (found by mutation testing: scripts/mutation.sh cart_rules): each refusal's exact
French message, a condition met exactly on its bound (first and last day, last use, minimum reached), the
codes « mis en avant » on the cart page, a code taken off, and the text of a product selection."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

import pytest

from sandbox.models import (
    Address,
    Attribute,
    AttributeGroup,
    Brand,
    Carrier,
    CartCartRule,
    CartLine,
    CartRule,
    CartRuleRestriction,
    CartRuleUse,
    Combination,
    Customer,
    CustomerGroup,
    OrderState,
    Product,
    SpecificPrice,
)
from sandbox.services import ServiceError
from sandbox.services.cart import cart_totals
from sandbox.services.cart_rule_scope import apply_text, selection_text
from sandbox.services.cart_rules import apply_code, find_code, highlighted, remove_code
from sandbox.services.checkout import place_order
from tests.unit.pricing_world import PARTICULIER, PRO, cart_rule, cart_with, order_world, plain

D = Decimal
# A 10 % rule unless a test says otherwise.
rule = partial(cart_rule, reduction_type="percent", reduction=D(10))


def totals_of(db, cart, gid=PARTICULIER, carrier=None):
    return cart_totals(db, cart, db.get(CustomerGroup, gid), carrier)


def refusal(db, cart, code, gid=PARTICULIER, customer_id=1, carrier=None) -> tuple[str, str | None]:
    customer = db.get(Customer, customer_id) if customer_id else None
    with pytest.raises(ServiceError) as refused:
        apply_code(db, cart, code, totals_of(db, cart, gid, carrier), customer, db.get(CustomerGroup, gid))
    return plain(refused.value.message), refused.value.field


def applies(db, cart, code, gid=PARTICULIER, customer_id=1, carrier=None) -> CartRule:
    customer = db.get(Customer, customer_id) if customer_id else None
    return apply_code(db, cart, code, totals_of(db, cart, gid, carrier), customer, db.get(CustomerGroup, gid))


def test_a_code_typed_wrong_or_on_an_empty_cart_is_refused_with_why(db):
    cart = cart_with(db, [(1, 1)])
    assert refusal(db, cart, "  ") == ("Saisissez votre code promo.", "code")
    assert refusal(db, cart, None) == ("Saisissez votre code promo.", "code")
    empty = ("Ajoutez un produit au panier avant de saisir un code promo.", "code")
    assert refusal(db, None, "CODE") == empty
    assert refusal(db, cart_with(db, []), "CODE") == empty
    assert refusal(db, cart, " inconnu ") == ("Le code promo « inconnu » n'existe pas.", "code")
    rule(db)
    assert applies(db, cart, " code ").code == "CODE"
    assert refusal(db, cart, "Code") == ("Ce code promo est déjà appliqué à votre panier.", "code")


def test_find_code_ignores_case_and_spaces_and_takes_the_first_rule(db):
    first = rule(db, code="ete")
    rule(db, code="ETE")
    assert find_code(db, "  Ete ") is first
    assert find_code(db, "") is None and find_code(db, None) is None and find_code(db, "HIVER") is None


@pytest.mark.parametrize(("changes", "message"), [
    ({"active": False}, "Ce code promo n'est plus actif."),
    ({"date_from": date(2027, 5, 21)}, "Ce code promo n'est valable qu'à partir du 21/05/2027."),
    ({"date_to": date(2027, 5, 19)}, "Ce code promo a expiré le 19/05/2027."),
    ({"customer_id": 2}, "Ce code promo est réservé à un autre client : connectez-vous à votre compte."),
    ({"quantity": 0}, "Ce code promo a déjà été utilisé autant de fois que prévu."),
    ({"quantity_per_user": 0}, "Vous avez déjà utilisé ce code promo."),
    ({"minimum_amount": D("79.91")},
     "Ce code promo demande un panier d'au moins 79,91 € TTC (il manque 0,01 €)."),
    ({"minimum_amount": D("66.59"), "minimum_tax_included": False},
     "Ce code promo demande un panier d'au moins 66,59 € HT (il manque 0,01 €)."),
    ({"minimum_amount": D("85.81"), "minimum_shipping_included": True},
     "Ce code promo demande un panier d'au moins 85,81 € TTC, frais de port compris (il manque 0,01 €)."),
    ({"minimum_amount": D("71.51"), "minimum_shipping_included": True, "minimum_tax_included": False},
     "Ce code promo demande un panier d'au moins 71,51 € HT, frais de port compris (il manque 0,01 €)."),
])
def test_each_condition_refuses_with_its_exact_sentence_one_cent_or_one_day_away(db, changes, message):
    cart = cart_with(db, [(1, 1)])  # 79,90 TTC (66,58 HT) + Colissimo 5,90 TTC (4,92 HT)
    rule(db, **changes)
    assert refusal(db, cart, "CODE", carrier=db.get(Carrier, 1)) == (message, "code")


@pytest.mark.parametrize("changes", [
    {"date_from": date(2027, 5, 20), "date_to": date(2027, 5, 20)},  # valid today only
    {"quantity": 2, "quantity_per_user": 2},  # one use each left
    {"minimum_amount": D("79.90")},
    {"minimum_amount": D("66.58"), "minimum_tax_included": False},
    {"minimum_amount": D("85.80"), "minimum_shipping_included": True},
    {"minimum_amount": D("71.50"), "minimum_shipping_included": True, "minimum_tax_included": False},
])
def test_a_condition_met_exactly_lets_the_code_apply(db, changes):
    cart = cart_with(db, [(1, 1)])
    row = rule(db, **changes)
    db.add(CartRuleUse(cart_rule_id=row.id, order_id=1, customer_id=1, name="x"))
    db.flush()
    if "quantity" not in changes:
        row.quantity = row.quantity_per_user = 2
    applies(db, cart, "CODE", carrier=db.get(Carrier, 1))
    assert totals_of(db, cart, carrier=db.get(Carrier, 1)).discounts_ttc == D("7.99")


def test_a_code_for_some_groups_or_carriers_only(db):
    cart = cart_with(db, [(1, 1)])
    colissimo, relay = db.get(Carrier, 1), db.get(Carrier, 2)
    row = rule(db, groups=[db.get(CustomerGroup, PRO)], carriers=[relay])
    assert refusal(db, cart, "CODE") == (
        "Ce code promo n'est pas valable pour votre groupe de clients.", "code")
    assert refusal(db, cart, "CODE", gid=PRO, customer_id=2, carrier=colissimo) == (
        "Ce code promo n'est pas valable avec ce mode de livraison.", "code")
    applies(db, cart, "CODE", gid=PRO, customer_id=2)  # no carrier chosen yet: not refused
    pro = totals_of(db, cart, gid=PRO)  # the cart's totals, for that group: the 10 % taken off
    assert (pro.discounts_ttc, pro.notes) == (D("7.19"), [])
    row.customer_id = 1
    db.flush()
    assert refusal(db, cart_with(db, [(1, 1)], customer_id=None), "CODE", gid=PRO, customer_id=None) == (
        "Ce code promo est réservé à un autre client : connectez-vous à votre compte.", "code")


def test_a_code_that_stops_fitting_is_noted_but_an_automatic_rule_is_not(db):
    cart = cart_with(db, [(1, 1)])
    rule(db, code="MINI", minimum_amount=D(50))
    rule(db, code="", name="Automatique", minimum_amount=D(500))
    applies(db, cart, "MINI")
    cart.lines[0].product_id = 3  # 29,90 now
    db.flush()
    totals = totals_of(db, cart)
    assert totals.discounts == []
    assert [plain(n) for n in totals.notes] == [
        "MINI : Ce code promo demande un panier d'au moins 50,00 € TTC (il manque 20,10 €)."]


def test_highlighted_codes_are_the_valid_ones_not_yet_applied_by_priority(db):
    cart = cart_with(db, [(1, 1)])
    late = rule(db, code="B", highlight=True, priority=2)
    early = rule(db, code="A", highlight=True, priority=1)
    same = rule(db, code="C", highlight=True, priority=2)
    for hidden in ({"highlight": False}, {"active": False}, {"code": ""}, {"customer_id": 1},
                   {"date_from": date(2027, 5, 21)}, {"date_to": date(2027, 5, 19)}, {"quantity": 1}):
        row = rule(db, **{"code": "X", "highlight": True, **hidden})
        db.add(CartRuleUse(cart_rule_id=row.id, order_id=1, customer_id=2, name="x"))
    today_only = rule(db, code="D", highlight=True, priority=3, date_from=date(2027, 5, 20),
                      date_to=date(2027, 5, 20), quantity=2)
    db.add(CartRuleUse(cart_rule_id=today_only.id, order_id=1, customer_id=2, name="x"))
    db.flush()
    assert [r.code for r in highlighted(db, None)] == ["A", "B", "C", "D"]
    applies(db, cart, "B")
    assert highlighted(db, cart) == [early, same, today_only]
    assert late not in highlighted(db, cart)


def test_a_code_taken_off_the_cart_no_longer_discounts_it(db):
    cart = cart_with(db, [(1, 1)])
    row = rule(db)
    applies(db, cart, "CODE")
    remove_code(db, cart, 999)  # not applied: nothing happens
    assert db.get(CartCartRule, (cart.id, row.id)) is not None
    remove_code(db, None, row.id)
    remove_code(db, cart, row.id)
    assert db.get(CartCartRule, (cart.id, row.id)) is None
    assert totals_of(db, cart).discounts == []


def test_the_selection_and_target_of_a_rule_read_in_french(db):
    db.add(Product(id=4, name="Plaid", slug="p4", price_ht=D(10), tax_id=1, default_category_id=1,
                   created_at=cart_with(db, []).created_at))
    db.add(Brand(id=2, name="Autre", slug="autre"))
    db.flush()
    row = rule(db, products=[db.get(Product, i) for i in (1, 2, 3, 4)])
    assert selection_text(row) == "Drap housse en lin, Serviette de bain, Livre du lin"
    db.add_all([CartRuleRestriction(cart_rule_id=row.id, kind="category", target_id=2),
                CartRuleRestriction(cart_rule_id=row.id, kind="brand", target_id=1),
                CartRuleRestriction(cart_rule_id=row.id, kind="brand", target_id=2)])
    db.flush()
    db.refresh(row)
    assert selection_text(row) == ("Drap housse en lin, Serviette de bain, Livre du lin ; "
                                   "catégorie Linge de bain ; marque Lin & Nature ou Autre")
    assert apply_text(row) == "sur la commande"
    for apply, text in (("cheapest", "sur le produit le moins cher"),
                        ("selected", "sur les produits sélectionnés"), ("product", "sur le produit ?")):
        row.reduction_apply = apply
        assert apply_text(row) == text
    assert apply_text(row, "Plaid") == "sur le produit Plaid"


def test_a_selection_not_in_the_cart_names_what_is_missing(db):
    cart = cart_with(db, [(1, 1)])
    rule(db, products=[db.get(Product, 3)])
    assert refusal(db, cart, "CODE") == (
        "Ce code promo demande au moins un de ces produits dans le panier : Livre du lin.", "code")
    rule(db, code="DEUX", restriction_quantity=2, products=[db.get(Product, 1)])
    assert refusal(db, cart, "DEUX") == (
        "Ce code promo demande au moins 2 produit(s) correspondant à : Drap housse en lin "
        "(votre panier en contient 1).", "code")
    cart.lines[0].quantity = 2
    db.flush()
    applies(db, cart, "DEUX")


def order(db, lines, customer_id=1):
    """An order of those (product, quantity) lines with the codes applied first (Colissimo, cheque)."""
    address = order_world(db) if not db.query(OrderState).count() else db.query(Address).first()
    cart = cart_with(db, lines, customer_id=customer_id)
    return cart, lambda: place_order(db, cart, db.get(Customer, customer_id), address, db.get(Carrier, 1),
                                     "cheque")


def test_a_partial_use_voucher_leaves_the_rest_as_a_code_for_that_customer_only(db):
    cart, place = order(db, [(3, 1)])  # 29,90 TTC (28,34 HT, 5,5 %)
    rule(db, code="BON", name="Bon fidélité", reduction_type="amount", reduction=D(100), partial_use=True,
         reduction_tax_included=False, priority=3)
    applies(db, cart, "BON")
    reference = place().reference
    voucher = find_code(db, f"BON-{reference}")
    db.refresh(voucher)
    assert (voucher.name, voucher.priority, voucher.customer_id, voucher.date_from, voucher.date_to,
            voucher.quantity, voucher.quantity_per_user, voucher.reduction_type, voucher.reduction,
            voucher.reduction_tax_included, voucher.minimum_amount) == (
        f"Bon fidélité (reliquat de la commande {reference})", 3, 1, date(2027, 5, 1), date(2027, 6, 30),
        1, 1, "amount", D("71.66"), False, D(0))
    # Used on the next order (66,58 HT): all of it, HT; the remainder voucher leaves its own rest in turn.
    cart, place = order(db, [(1, 1)])
    applies(db, cart, f"bon-{reference}")
    assert totals_of(db, cart).discounts_ht == D("66.58")
    second = place().reference
    assert find_code(db, f"BON-{reference}-{second}").reduction == D("5.08")
    cart, _place = order(db, [(1, 1)])
    assert refusal(db, cart, f"BON-{reference}") == (
        "Ce code promo a déjà été utilisé autant de fois que prévu.", "code")
    other, _place = order(db, [(1, 1)], customer_id=2)
    assert refusal(db, other, f"BON-{reference}-{second}", gid=PRO, customer_id=2) == (
        "Ce code promo est réservé à un autre client : connectez-vous à votre compte.", "code")


@pytest.mark.parametrize(("changes", "left"), [
    ({"reduction": D("29.90")}, False),  # used up exactly: nothing left
    ({"reduction": D("29.91")}, True),
    ({"partial_use": False}, False),
    ({"reduction_type": "percent", "reduction": D(10)}, False),
])
def test_a_voucher_is_left_only_by_an_amount_for_partial_use_larger_than_the_order(db, changes, left):
    cart, place = order(db, [(3, 1)])
    rule(db, **{"code": "BON", "reduction_type": "amount", "reduction": D(50), "partial_use": True,
                **changes})
    applies(db, cart, "BON")
    reference = place().reference
    assert (find_code(db, f"BON-{reference}") is not None) is left


def test_an_automatic_rule_leaves_an_avoir_code_and_a_long_code_is_cut_to_forty(db):
    cart, place = order(db, [(3, 1)])
    rule(db, code="", name="Automatique", reduction_type="amount", reduction=D(50), partial_use=True)
    reference = place().reference
    voucher = find_code(db, f"AVOIR-{reference}")
    assert (voucher.code, voucher.reduction) == (f"AVOIR-{reference}", D("20.10"))
    long = "L" * 36
    cart, place = order(db, [(3, 1)])
    rule(db, code=long, reduction_type="amount", reduction=D(50), partial_use=True)
    applies(db, cart, long)
    reference = place().reference
    assert find_code(db, f"{long}-{reference}"[:40]) is not None


def test_an_amount_is_split_into_ht_and_ttc_and_gives_nothing_when_its_product_is_absent(db):
    cart = cart_with(db, [(1, 1)])  # 79,90 TTC (66,58 HT)
    rule(db, code="TTC", reduction_type="amount", reduction=D(10))
    rule(db, code="HT", reduction_type="amount", reduction=D(10), reduction_tax_included=False, priority=2)
    rule(db, code="ABSENT", reduction_type="amount", reduction=D(10), reduction_apply="product",
         reduction_product_id=2, priority=3)
    for code in ("TTC", "HT", "ABSENT"):
        applies(db, cart, code)
    totals = totals_of(db, cart)
    assert [(d.amount_ht, d.amount_ttc) for d in totals.discounts] == [
        (D("8.33"), D("10.00")), (D("10.00"), D("12.00")), (D(0), D(0))]
    assert (totals.total_ht, totals.total_ttc) == (D("48.25"), D("57.90"))


def test_a_brand_selection_refuses_another_brand_and_selected_without_selection_means_all(db):
    db.add(Brand(id=2, name="Autre", slug="autre"))
    db.add(Product(id=4, name="Plaid", slug="p4", price_ht=D(10), tax_id=1, default_category_id=1, brand_id=2,
                   quantity=10, created_at=cart_with(db, []).created_at))
    db.flush()
    cart = cart_with(db, [(1, 1)])  # Lin & Nature
    row = rule(db, reduction_apply="selected")
    db.add(CartRuleRestriction(cart_rule_id=row.id, kind="brand", target_id=2))
    db.flush()
    db.refresh(row)
    assert refusal(db, cart, "CODE") == (
        "Ce code promo demande au moins 1 produit(s) correspondant à : marque Autre "
        "(votre panier en contient 0).", "code")
    rule(db, code="TOUT", reduction_apply="selected")  # « produits sélectionnés » with no selection: all
    applies(db, cart, "TOUT")
    assert totals_of(db, cart).discounts_ttc == D("7.99")
    cart.lines.append(CartLine(product_id=4, quantity=1))  # 12,00 TTC, of the brand « Autre »
    db.flush()
    applies(db, cart, "CODE")
    # same priority: the rule created first first
    assert [d.amount_ttc for d in totals_of(db, cart).discounts] == [D("1.20"), D("9.19")]


def test_the_cheapest_product_when_every_product_is_already_on_sale_gives_nothing(db):
    db.add(SpecificPrice(product_id=1, reduction_type="percent", reduction=D(10)))
    cart = cart_with(db, [(1, 1)])  # 71,91 TTC after the sale
    rule(db, reduction=D(100), reduction_apply="cheapest", exclude_specials=True)
    applies(db, cart, "CODE")
    totals = totals_of(db, cart)
    assert ([(d.amount_ht, d.amount_ttc) for d in totals.discounts], totals.total_ttc) == (
        [(D(0), D(0))], D("71.91"))


def test_free_shipping_is_given_once_and_only_with_a_carrier(db):
    cart = cart_with(db, [(3, 1)])  # 29,90 TTC (28,34 HT) + Colissimo 6,90 TTC (5,75 HT)
    rule(db, code="PORT1", name="Port offert", free_shipping=True, reduction=D(0))
    rule(db, code="PORT2", free_shipping=True, reduction=D(0), priority=2)
    rule(db, code="", name="Automatique", reduction=D(0), priority=3)
    applies(db, cart, "PORT1")
    applies(db, cart, "PORT2")
    totals = totals_of(db, cart, carrier=db.get(Carrier, 1))
    assert [(d.name, d.amount_ht, d.amount_ttc, d.free_shipping) for d in totals.discounts] == [
        ("Port offert (PORT1)", D("5.75"), D("6.90"), True), ("Règle (PORT2)", D(0), D(0), False),
        ("Automatique", D(0), D(0), False)]
    assert (totals.total_ht, totals.total_ttc) == (D("28.34"), D("29.90"))
    no_carrier = totals_of(db, cart)
    assert [d.free_shipping for d in no_carrier.discounts] == [False, False, False]
    assert no_carrier.total_ttc == D("29.90")


def test_a_voucher_with_free_shipping_leaves_the_rest_of_its_amount_not_of_the_shipping(db):
    cart, place = order(db, [(3, 1)])
    rule(db, code="BON", reduction_type="amount", reduction=D(50), partial_use=True, free_shipping=True)
    applies(db, cart, "BON")
    placed = place()
    assert (placed.total_discounts_ttc, placed.total_ttc) == (D("36.80"), D("0.00"))
    assert find_code(db, f"BON-{placed.reference}").reduction == D("20.10")  # 50,00 − 29,90


def test_an_inactive_gift_is_not_given(db):
    cart = cart_with(db, [(1, 1)])
    rule(db, code="CADEAU", reduction=D(0), gift_product_id=2)
    applies(db, cart, "CADEAU")
    assert [d.gift.name for d in totals_of(db, cart).gifts] == ["Serviette de bain"]
    db.get(Product, 2).active = False
    db.flush()
    assert totals_of(db, cart).gifts == []


def test_cart_totals_weigh_each_unit_with_its_combination_and_skip_what_was_deleted(db):
    size, colour = AttributeGroup(id=1, name="Taille", public_name="Taille"), AttributeGroup(
        id=2, name="Couleur", public_name="Couleur")
    db.add_all([size, colour])
    db.flush()
    combo = Combination(id=1, product_id=1, price_impact_ht=D(0), weight_impact_g=1600, quantity=10)
    combo.attributes = [Attribute(id=1, group_id=1, name="160 x 200"),
                        Attribute(id=2, group_id=2, name="Blanc")]
    db.add(combo)
    db.flush()
    cart = cart_with(db, [(2, 1)])  # a towel, 600 g
    cart.lines += [CartLine(product_id=1, combination_id=1, quantity=2),  # 2 × (900 + 1 600) g
                   CartLine(product_id=1, combination_id=99, quantity=1),  # combination deleted since
                   CartLine(product_id=99, quantity=1)]  # product deleted since
    db.flush()
    totals = totals_of(db, cart, carrier=db.get(Carrier, 2))  # Relais, by weight: 5 to 30 kg
    assert ([(i.product.name, i.options) for i in totals.items], totals.quantity, totals.weight_g) == (
        [("Serviette de bain", ""), ("Drap housse en lin", "160 x 200, Blanc")], 3, 5600)
    assert (totals.shipping_ht, totals.shipping_ttc, totals.total_ttc) == (D("6.58"), D("7.90"), D("197.60"))


def test_an_empty_cart_costs_nothing_even_with_a_carrier_and_an_automatic_rule(db):
    rule(db, code="", name="Automatique", free_shipping=True)
    totals = totals_of(db, cart_with(db, []), carrier=db.get(Carrier, 1))
    assert (totals.items, totals.discounts, totals.shipping_ttc, totals.total_ttc, totals.delivers) == (
        [], [], D(0), D(0), True)


def test_a_minimum_of_one_euro_refuses_a_cart_of_a_few_cents(db):
    db.add(Product(id=4, name="Échantillon", slug="p4", price_ht=D("0.25"), tax_id=1, default_category_id=1,
                   quantity=10, created_at=cart_with(db, []).created_at))
    db.flush()
    cart = cart_with(db, [(4, 1)])  # 0,30 TTC
    rule(db, minimum_amount=D("1.00"))
    assert refusal(db, cart, "CODE") == (
        "Ce code promo demande un panier d'au moins 1,00 € TTC (il manque 0,70 €).", "code")


def test_a_one_percent_code_takes_one_percent_off(db):
    cart = cart_with(db, [(1, 1)])  # 79,90 TTC (66,58 HT)
    rule(db, reduction=D(1))
    applies(db, cart, "CODE")
    totals = totals_of(db, cart)
    assert [(d.amount_ht, d.amount_ttc) for d in totals.discounts] == [(D("0.67"), D("0.80"))]
    assert totals.total_ttc == D("79.10")


def test_an_amount_on_a_category_selection_takes_at_most_what_that_category_costs(db):
    cart = cart_with(db, [(1, 1), (2, 1)])  # 79,90 TTC and, in « Linge de bain », 29,90 TTC (24,92 HT)
    row = rule(db, reduction_type="amount", reduction=D(50), reduction_apply="selected")
    db.add(CartRuleRestriction(cart_rule_id=row.id, kind="category", target_id=2))
    db.flush()
    db.refresh(row)
    applies(db, cart, "CODE")
    rule(db, code="UN", reduction_type="amount", reduction=D(1), priority=2)  # one euro is an amount too
    applies(db, cart, "UN")
    assert [(d.amount_ht, d.amount_ttc) for d in totals_of(db, cart).discounts] == [
        (D("24.92"), D("29.90")), (D("0.83"), D("1.00"))]


def test_a_gift_with_combinations_is_given_in_its_chosen_combination(db):
    db.add(AttributeGroup(id=2, name="Couleur", public_name="Couleur"))
    db.flush()
    combo = Combination(id=1, product_id=2, price_impact_ht=D(0), quantity=10, is_default=True)
    combo.attributes = [Attribute(id=2, group_id=2, name="Sable")]
    db.add(combo)
    db.flush()
    cart = cart_with(db, [(1, 1)])
    rule(db, code="CADEAU", reduction=D(0), gift_product_id=2, gift_combination_id=1)
    applies(db, cart, "CADEAU")
    gifts = totals_of(db, cart).gifts
    assert [(d.gift.name, d.gift_combination and d.gift_combination.id) for d in gifts] == [
        ("Serviette de bain", 1)]


def test_a_voucher_typed_ht_with_free_shipping_leaves_the_rest_of_its_ht_amount(db):
    cart, place = order(db, [(3, 1)])  # 28,34 HT (29,90 TTC), Colissimo 5,75 HT (6,90 TTC)
    rule(db, code="BON", reduction_type="amount", reduction=D(50), reduction_tax_included=False,
         partial_use=True, free_shipping=True)
    applies(db, cart, "BON")
    placed = place()
    assert find_code(db, f"BON-{placed.reference}").reduction == D("21.66")  # 50,00 − 28,34, both HT


def test_a_deleted_line_first_skips_only_itself_and_a_customer_s_own_price_counts(db):
    db.add(SpecificPrice(product_id=3, customer_id=1, reduction_type="percent", reduction=D(10)))
    cart = cart_with(db, [])
    cart.lines += [CartLine(product_id=99, quantity=1),  # deleted from the back office since
                   CartLine(product_id=3, quantity=1)]  # 29,90 TTC, 10 % off for this customer only
    db.flush()
    totals = totals_of(db, cart)
    assert ([i.product.name for i in totals.items], totals.products_ttc) == (["Livre du lin"], D("26.91"))
    assert [(i.promotion, i.regular_ttc) for i in totals.items] == [(True, D("29.90"))]  # the price struck
    other = cart_with(db, [(3, 1)], customer_id=2)
    assert totals_of(db, other).products_ttc == D("29.90")


def test_a_price_from_two_units_counts_for_a_line_of_two(db):
    db.add(SpecificPrice(product_id=2, from_quantity=2, reduction_type="percent", reduction=D(10)))
    assert totals_of(db, cart_with(db, [(2, 1)])).products_ttc == D("29.90")
    assert totals_of(db, cart_with(db, [(2, 2)])).products_ttc == D("53.82")


def test_each_product_s_extra_shipping_fee_adds_up(db):
    relay = db.get(Carrier, 2)
    plain_shipping = totals_of(db, cart_with(db, [(1, 1), (2, 1)]), carrier=relay).shipping_ht
    db.get(Product, 1).additional_shipping_ht, db.get(Product, 2).additional_shipping_ht = D(1), D(2)
    db.flush()
    totals = totals_of(db, cart_with(db, [(1, 1), (2, 2)]), carrier=relay)
    assert (totals.extra_shipping_ht, totals.shipping_ht - plain_shipping) == (D(5), D(5))
