"""Change and check types of prices and shipping: each change puts its starting state in a seat, each
check says ✓ when the work is there and ✗ (with what is expected) when it is not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from sandbox.models import (
    Attribute,
    CartRule,
    CartRuleRestriction,
    Category,
    CustomerGroup,
    GroupCategoryReduction,
    Product,
)
from sandbox.services.product_shipping import product_carrier_ids
from sandbox.subjects.changes import CHANGE_TYPES, ChangeContext, ChangeFailure, _types
from sandbox.subjects.observables import ObserveContext, check_types
from tests.subjects.conftest import EXAM_DAY, seat_session


def _check(db, name: str, **params):
    return check_types()[name].func(ObserveContext(db, {}, EXAM_DAY), params)


def _apply(db, name: str, **params):
    _types()
    return CHANGE_TYPES[name].apply(ChangeContext(db, EXAM_DAY, reader=None), params)


def test_product_carriers_change_and_check(data, seat):
    with seat_session(data, seat.name) as db:
        before = _check(db, "product.carriers", product="TAPIS-LIN", all_carriers=True)
        assert before.ok is True and "tous (aucune restriction)" in before.sentence
        product = _apply(db, "product.carriers", product="TAPIS-LIN", carriers=["Chronopost"],
                         additional_shipping="4.00")
        assert len(product_carrier_ids(db, product)) == 1
        assert product.additional_shipping_ht == Decimal("4.00")
        seen = _check(db, "product.carriers", product="TAPIS-LIN", carriers=["Colissimo"],
                      additional_shipping="2.50")
        assert seen.ok is False
        assert "transporteurs Chronopost — express" in seen.sentence
        assert "attendu : transporteur « Colissimo » coché ; frais de port supplémentaires 2,50" in (
            seen.sentence
        )
        with pytest.raises(ChangeFailure, match="aucun transporteur nommé « Poste à cheval »"):
            _apply(db, "product.carriers", product="TAPIS-LIN", carriers=["Poste à cheval"])


def test_combination_impact_check(data, seat):
    with seat_session(data, seat.name) as db:
        product = next(p for p in db.scalars(select(Product).order_by(Product.id))
                       if len(p.combinations) > 1 and p.tax.rate_bp == 2000 and p.reference)
        ref = product.reference
        combination = product.combinations[1]
        values = ", ".join(a.name for a in combination.attributes)
        combination.price_impact_ht = Decimal("5.833333")  # +7,00 € TTC at 20 %
        db.flush()
        seen = _check(db, "product.combination_impact", product=ref, attributes=values,
                      impact_ttc="+7,00", impact_ht="5,83")
        assert seen.ok is True, seen.sentence
        assert f"déclinaison {values} : impact +7,00\xa0€ TTC (+5,83\xa0€ HT)" in seen.sentence
        wrong = _check(db, "product.combination_impact", product=ref, attributes=values, impact_ttc="-3")
        assert wrong.ok is False and "attendu : impact -3 TTC" in wrong.sentence
        missing = _check(db, "product.combination_impact", product=ref, attributes="Violet fluo")
        assert missing.ok is False and "aucune déclinaison" in missing.sentence


def test_cart_rule_restrictions_check(data, seat):
    with seat_session(data, seat.name) as db:
        rule = db.scalars(select(CartRule).where(CartRule.code != "").order_by(CartRule.id)).first()
        bed = db.scalar(select(Category.id).where(Category.name == "Linge de lit"))
        size = db.scalars(select(Attribute).order_by(Attribute.id)).first()
        expected = {"code": rule.code, "category": "Linge de lit", "min_quantity": 2, "apply_to": "cheapest"}
        before = _check(db, "cart_rule.restrictions", **expected)
        assert before.ok is False and "sélection aucune" in before.sentence
        rule.restrictions = [CartRuleRestriction(kind="category", target_id=bed),
                             CartRuleRestriction(kind="attribute", target_id=size.id)]
        rule.restriction_quantity, rule.reduction_apply = 2, "cheapest"
        db.flush()
        seen = _check(db, "cart_rule.restrictions", **expected, attribute=size.name)
        assert seen.ok is True, seen.sentence
        assert "catégorie Linge de lit ; valeur d'attribut" in seen.sentence
        assert "réduction sur le produit le moins cher" in seen.sentence


def test_group_category_reduction_change_and_check(data, seat):
    with seat_session(data, seat.name) as db:
        before = _check(db, "group.category_reduction", group="Professionnels", category="Linge de bain",
                        reduction="5")
        assert before.ok is False and "réduction par catégorie aucune" in before.sentence
        group = _apply(db, "group.category_reduction", group="Professionnels", category="Linge de bain",
                       reduction="5")
        assert isinstance(group, CustomerGroup)
        assert db.scalar(select(GroupCategoryReduction.reduction_bp)) == 500
        seen = _check(db, "group.category_reduction", group="Professionnels", category="Linge de bain",
                      reduction="5")
        assert seen.ok is True, seen.sentence
        assert "Linge de bain 5\xa0% (réduction générale 10\xa0%)" in seen.sentence
        other = _check(db, "group.category_reduction", group="Professionnels", category="Linge de bain",
                       reduction="7.5")
        assert other.ok is False and "7,5\xa0% sur la catégorie « Linge de bain »" in other.sentence
