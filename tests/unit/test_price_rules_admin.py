"""Catalogue price rules and specific prices saved through the price rules service, on the small shop of
tests/unit/pricing_world.py: each refusal with its exact French message and field, the quantity and
reduction accepted at their edge, and the price the shop then shows (found by mutation testing:
scripts/mutation.sh price_rules)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from sandbox.models import CatalogRule, Combination, CustomerGroup, Product, SpecificPrice
from sandbox.services import ServiceError
from sandbox.services.price_rules import (
    CatalogRuleInput,
    SpecificPriceInput,
    add_specific_price,
    save_catalog_rule,
)
from sandbox.services.pricing import price_of
from sandbox.services.promotion_admin import Reduction
from tests.unit.pricing_world import PARTICULIER, PRO, VISITOR

D = Decimal
PERCENT_20 = Reduction("percent", D(20))


def refusal(call, *args) -> tuple[str, str | None]:
    """The (message, field) of the ServiceError the call raises."""
    with pytest.raises(ServiceError) as caught:
        call(*args)
    return caught.value.message, caught.value.field


def ttc(db, pid, gid=VISITOR, **kw) -> Decimal:
    return price_of(db, db.get(Product, pid), None, db.get(CustomerGroup, gid), **kw).ttc


@pytest.mark.parametrize(("changes", "message", "field"), [
    ({"name": " "}, "Le nom de la règle est obligatoire.", "name"),
    ({"from_quantity": None}, "« À partir de » : indiquez une quantité d'au moins 1.", "from_quantity"),
    ({"from_quantity": 0}, "« À partir de » : indiquez une quantité d'au moins 1.", "from_quantity"),
    ({"date_from": date(2027, 5, 2), "date_to": date(2027, 5, 1)},
     "La date de fin doit être postérieure ou égale à la date de début.", "date_to"),
    ({"reduction": Reduction("", None)},
     "Choisissez un type de réduction (pourcentage ou montant).", "reduction_type"),
    ({"reduction": Reduction("amount", D(0))}, "Indiquez une réduction supérieure à zéro.", "reduction"),
    ({"category_id": 99}, "Cette catégorie n'existe plus.", "category_id"),
    ({"brand_id": 99}, "Cette marque n'existe plus.", "brand_id"),
    ({"group_id": 99}, "Ce groupe n'existe plus.", "group_id"),
    ({"country_id": 99}, "Ce pays n'existe plus.", "country_id"),
])
def test_a_catalogue_rule_is_refused_with_the_reason_next_to_its_field(db, changes, message, field):
    data = CatalogRuleInput(**{"name": "Soldes", "reduction": PERCENT_20, **changes})
    assert refusal(save_catalog_rule, db, None, data) == (message, field)
    assert db.scalars(select(CatalogRule)).all() == []


def test_a_catalogue_rule_is_saved_as_typed_and_lowers_the_shown_price(db):
    five_ht = Reduction("amount", D("5.00"), tax_included=False)
    data = CatalogRuleInput(name="  Soldes bain  ", reduction=five_ht, category_id=2, brand_id=1,
                            group_id=PARTICULIER, country_id=1, from_quantity=2,
                            date_from=date(2027, 5, 20), date_to=date(2027, 5, 20))
    rule = save_catalog_rule(db, None, data)
    assert (rule.name, rule.category_id, rule.brand_id, rule.group_id, rule.country_id) == (
        "Soldes bain", 2, 1, PARTICULIER, 1)
    assert (rule.from_quantity, rule.date_from, rule.date_to) == (2, date(2027, 5, 20), date(2027, 5, 20))
    assert (rule.reduction_type, rule.reduction, rule.reduction_tax_included) == ("amount", D("5.00"), False)
    # Serviette de bain, 29,90 TTC: 5 € HT less (6 € TTC) from two towels, for the Particuliers only.
    assert ttc(db, 2, PARTICULIER, quantity=2) == D("23.90")
    assert ttc(db, 2, PARTICULIER, quantity=1) == D("29.90")
    assert ttc(db, 2, PRO, quantity=2) == D("26.91")  # the Pros' own -10 % only


def test_a_catalogue_rule_edited_without_limits_applies_to_everyone(db):
    rule = save_catalog_rule(db, None, CatalogRuleInput(name="Bain", reduction=PERCENT_20, category_id=2,
                                                        group_id=PRO, country_id=1))
    same = save_catalog_rule(db, rule, CatalogRuleInput(name="Tout -20 %", reduction=PERCENT_20,
                                                        category_id=0, group_id=None, country_id=0))
    assert same is rule and len(db.scalars(select(CatalogRule)).all()) == 1
    assert (rule.name, rule.category_id, rule.brand_id, rule.group_id, rule.country_id) == (
        "Tout -20 %", None, None, None, None)
    assert (rule.from_quantity, rule.reduction_type, rule.reduction, rule.reduction_tax_included) == (
        1, "percent", D("20.00"), True)
    assert (ttc(db, 1), ttc(db, 3)) == (D("63.92"), D("23.92"))  # 79,90 and 29,90 less 20 %


@pytest.mark.parametrize(("changes", "message", "field"), [
    ({"from_quantity": None}, "« À partir de » : indiquez une quantité d'au moins 1.", "from_quantity"),
    ({"from_quantity": 0}, "« À partir de » : indiquez une quantité d'au moins 1.", "from_quantity"),
    ({"date_from": date(2027, 5, 2), "date_to": date(2027, 5, 1)},
     "La date de fin doit être postérieure ou égale à la date de début.", "date_to"),
    ({"fixed_price_ht": D("-0.01")}, "Un prix ne peut pas être négatif.", "fixed_price_ht"),
    ({"reduction": Reduction("", None)}, "Indiquez un prix fixe ou une réduction.", "reduction"),
    ({"reduction": Reduction("percent", D(0))}, "Indiquez un prix fixe ou une réduction.", "reduction"),
    ({"combination_id": 99}, "Cette déclinaison n'appartient pas au produit.", "combination_id"),
    ({"combination_id": 2}, "Cette déclinaison n'appartient pas au produit.", "combination_id"),
    ({"group_id": 99}, "Ce groupe n'existe plus.", "group_id"),
    ({"customer_email": "inconnu@exemple.fr"}, "Aucun client n'a l'adresse e-mail « inconnu@exemple.fr ».",
     "customer_email"),
])
def test_a_specific_price_is_refused_with_the_reason_next_to_its_field(db, changes, message, field):
    db.add_all([Combination(id=1, product_id=1), Combination(id=2, product_id=2)])
    db.flush()
    data = SpecificPriceInput(**{"reduction": PERCENT_20, **changes})
    assert refusal(add_specific_price, db, db.get(Product, 1), data) == (message, field)
    assert db.scalars(select(SpecificPrice)).all() == []


def test_a_specific_price_is_saved_as_typed_and_shown_to_its_customer(db):
    db.add(Combination(id=1, product_id=1))
    db.flush()
    data = SpecificPriceInput(reduction=Reduction("amount", D("10.00"), tax_included=False), combination_id=1,
                              group_id=PARTICULIER, customer_email=" JULIE@exemple.fr ", from_quantity=2,
                              date_from=date(2027, 5, 20), date_to=date(2027, 5, 21), fixed_price_ht=D("0"))
    specific = add_specific_price(db, db.get(Product, 1), data)
    assert (specific.product_id, specific.combination_id, specific.group_id, specific.customer_id) == (
        1, 1, PARTICULIER, 1)
    assert (specific.from_quantity, specific.date_from, specific.date_to) == (
        2, date(2027, 5, 20), date(2027, 5, 21))
    assert (specific.fixed_price_ht, specific.reduction_type, specific.reduction) == (
        D("0"), "amount", D("10.00"))
    assert specific.reduction_tax_included is False


def test_a_fixed_price_alone_is_an_amount_off_nothing_for_everyone(db):
    data = SpecificPriceInput(reduction=Reduction("", None), combination_id=0, group_id=0,
                              fixed_price_ht=D("50.00"))
    specific = add_specific_price(db, db.get(Product, 1), data)
    assert (specific.combination_id, specific.group_id, specific.customer_id, specific.from_quantity) == (
        None, None, None, 1)
    assert (specific.reduction_type, specific.reduction, specific.reduction_tax_included) == (
        "amount", D(0), True)
    # 50 HT + 20 % for any customer (the Pros' own -10 % then applies to it).
    assert (ttc(db, 1), ttc(db, 1, PARTICULIER), ttc(db, 1, PRO)) == (D("60.00"), D("60.00"), D("54.00"))
