"""Promotions and customer groups of the shop, proven ✓ and ✗: cart rules, catalogue rules, group prices."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.models import (
    Attribute,
    Brand,
    CartRule,
    CartRuleRestriction,
    CatalogRule,
    Category,
    CustomerGroup,
    GroupCategoryReduction,
    Product,
)
from tests.observables.both_ways import Case, each_unmet


def _by_name(db: Session, model, name: str):
    return db.scalar(select(model).where(model.name == name))


def _spring_code(db: Session) -> None:
    """PRINTEMPS25: -25 % from 50 € HT, free shipping, a gift, 15 days, 100 uses, specials excluded."""
    today = seat_today(db)
    db.add(CartRule(
        name="Printemps", code="PRINTEMPS25", date_from=today, date_to=today + timedelta(days=15),
        minimum_amount=Decimal("50"), minimum_tax_included=False, quantity=100, quantity_per_user=1,
        free_shipping=True, reduction_type="percent", reduction=Decimal("25"), exclude_specials=True,
        gift_product_id=db.scalar(select(Product.id).where(Product.reference == "SAVON")),
    ))


def _spring_code_off(db: Session) -> None:
    _spring_code(db)
    db.flush()
    db.scalar(select(CartRule).where(CartRule.code == "PRINTEMPS25")).active = False


def _two_sheets(db: Session) -> None:
    """LIT2: -50 % on the cheapest of at least 2 products of a selection (category, brand, size, product)."""
    today = seat_today(db)
    rule = CartRule(
        name="Deux draps achetés", code="LIT2", date_from=today, date_to=today + timedelta(days=30),
        reduction_type="percent", reduction=Decimal("50"), restriction_quantity=2, reduction_apply="cheapest",
    )
    rule.products.append(db.scalar(select(Product).where(Product.reference == "DH-LIN-BLA")))
    db.add(rule)
    db.flush()
    size = db.scalar(select(Attribute).where(Attribute.name == "140 x 190"))
    for kind, target in (("category", _by_name(db, Category, "Linge de lit")),
                         ("brand", _by_name(db, Brand, "Lin & Nature")), ("attribute", size)):
        db.add(CartRuleRestriction(cart_rule_id=rule.id, kind=kind, target_id=target.id))


def _mothers_day(db: Session) -> None:
    """« Fête des mères » : -15 % on Linge de bain for Particuliers from 3 items, for 10 days."""
    today = seat_today(db)
    db.add(CatalogRule(
        name="Fête des mères", category_id=_by_name(db, Category, "Linge de bain").id,
        group_id=_by_name(db, CustomerGroup, "Particuliers").id, from_quantity=3, date_from=today,
        date_to=today + timedelta(days=10), reduction_type="percent", reduction=Decimal("15"),
    ))


def _fathers_day(db: Session) -> None:
    db.add(CatalogRule(name="Fête des pères", reduction_type="amount", reduction=Decimal("5")))


def _pro_bed_linen(db: Session) -> None:
    db.add(GroupCategoryReduction(group_id=_by_name(db, CustomerGroup, "Professionnels").id,
                                  category_id=_by_name(db, Category, "Linge de lit").id,
                                  reduction_bp=1500))


CASES: list[Case] = [
    *each_unmet(
        "cart_rule.code",
        {"code": "printemps25", "percent": 25, "minimum": "50,00", "minimum_tax_included": False,
         "free_shipping": True, "gift": "savon de Marseille", "date_from": "today", "date_to": "today+15",
         "quantity": 100, "quantity_per_user": 1, "exclude_specials": True},
        {"percent": 20, "amount": "25,00", "minimum": "60,00", "minimum_tax_included": True,
         "free_shipping": False, "gift": "Plaid", "date_from": "today+1", "date_to": "today+14",
         "quantity": 50, "quantity_per_user": 2, "exclude_specials": False},
        _spring_code,
    ),
    Case("cart_rule.code", {"code": "NOEL10", "amount": "10,00"}, True, why="an amount off (seeded)"),
    Case("cart_rule.code", {"code": "PRINTEMPS25"}, False, _spring_code_off, why="rule switched off"),
    Case("cart_rule.code", {"code": "ETE30"}, False, why="no such code"),
    *each_unmet(
        "cart_rule.restrictions",
        {"code": "lit2", "category": "Linge de lit", "brand": "Lin & Nature", "attribute": "140 x 190",
         "product": "Drap housse en lin lavé Blanc", "min_quantity": 2, "apply_to": "cheapest"},
        {"category": "Décoration", "brand": "Petit Lin", "attribute": "90 x 190", "product": "Nappe",
         "min_quantity": 3, "apply_to": "order"},
        _two_sheets,
    ),
    Case("cart_rule.restrictions", {"name": "deux draps", "min_quantity": 2}, True, _two_sheets,
         why="by name"),
    Case("cart_rule.restrictions", {"name": "trois draps"}, False, _two_sheets, why="no rule of that name"),
    Case("cart_rule.restrictions", {"code": "BIENVENUE10", "category": "Linge de lit"}, False,
         why="a rule without selection"),
    Case("cart_rule.restrictions", {"code": "BIENVENUE10"}, False, why="no selection at all"),
    Case("cart_rule.restrictions", {"code": "BIENVENUE10"}, False, _two_sheets,
         why="an older rule found by its code, not the newest"),
    Case("cart_rule.restrictions", {"code": "LIT2"}, True, _two_sheets, why="a selection"),
    *each_unmet(
        "catalog_rule.exists",
        {"name": "fête des mères", "category": "Linge de bain", "group": "Particuliers", "from_quantity": 3,
         "percent": 15, "date_from": "today", "date_to": "today+10"},
        {"category": "Linge de lit", "group": "Professionnels", "from_quantity": 2, "percent": 10,
         "amount": "15,00", "date_from": "today+1", "date_to": "today+9"},
        _mothers_day,
    ),
    Case("catalog_rule.exists", {"name": "Fête des pères", "amount": "5,00"}, True, _fathers_day,
         why="an amount off"),
    Case("catalog_rule.exists", {"name": "Fête des mères"}, False, why="no rule of that name"),
    *each_unmet(
        "group.settings",
        {"group": "professionnels", "reduction": 10, "price_display": "ht", "show_prices": True},
        {"reduction": 5, "price_display": "ttc", "show_prices": False},
    ),
    Case("group.settings", {"group": "Grossistes"}, False, why="no such group"),
    *each_unmet(
        "group.category_reduction",
        {"group": "Professionnels", "category": "Linge de lit", "reduction": "15"},
        {"category": "Linge de bain", "reduction": "10"}, _pro_bed_linen,
    ),
    Case("group.category_reduction", {"group": "Professionnels", "category": "Linge de lit"}, False,
         why="no reduction by category yet"),
    Case("group.category_reduction", {"group": "Professionnels"}, False, why="none at all"),
    Case("group.category_reduction", {"group": "Professionnels"}, True, _pro_bed_linen, why="one at least"),
    Case("group.category_reduction", {"group": "Professionnels", "reduction": "15"}, True, _pro_bed_linen,
         why="that rate on some category"),
    Case("group.category_reduction", {"group": "Professionnels", "reduction": "10"}, False, _pro_bed_linen,
         why="that rate on no category", only="reduction"),
    Case("group.category_reduction", {"group": "Grossistes"}, False, why="no such group"),
]
