"""Back-office saving of catalogue price rules and specific prices: every check before any change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from sandbox.models import (
    Brand,
    CatalogRule,
    Category,
    Combination,
    Country,
    CustomerGroup,
    Product,
    SpecificPrice,
)
from sandbox.models.promotions import AMOUNT
from sandbox.services import ServiceError
from sandbox.services.promotion_admin import Reduction, check_dates, check_reduction, customer_by_email


@dataclass
class CatalogRuleInput:
    """A catalogue price rule as typed."""

    name: str
    reduction: Reduction
    category_id: int | None = None
    brand_id: int | None = None
    group_id: int | None = None
    country_id: int | None = None
    from_quantity: int | None = 1
    date_from: date | None = None
    date_to: date | None = None


def _exists(db: Session, model, ident: int | None, message: str, field_: str) -> int | None:
    if ident and db.get(model, ident) is None:
        raise ServiceError(message, field_)
    return ident or None


def save_catalog_rule(db: Session, rule: CatalogRule | None, data: CatalogRuleInput) -> CatalogRule:
    """Create or update a catalogue price rule after checking it."""
    name = data.name.strip()
    if not name:
        raise ServiceError("Le nom de la règle est obligatoire.", "name")
    if data.from_quantity is None or data.from_quantity < 1:
        raise ServiceError("« À partir de » : indiquez une quantité d'au moins 1.", "from_quantity")
    check_dates(data.date_from, data.date_to)
    value = check_reduction(data.reduction, required=True)
    if value == 0:
        raise ServiceError("Indiquez une réduction supérieure à zéro.", "reduction")
    ids = (
        _exists(db, Category, data.category_id, "Cette catégorie n'existe plus.", "category_id"),
        _exists(db, Brand, data.brand_id, "Cette marque n'existe plus.", "brand_id"),
        _exists(db, CustomerGroup, data.group_id, "Ce groupe n'existe plus.", "group_id"),
        _exists(db, Country, data.country_id, "Ce pays n'existe plus.", "country_id"),
    )
    if rule is None:
        rule = CatalogRule()
        db.add(rule)
    rule.name = name
    rule.category_id, rule.brand_id, rule.group_id, rule.country_id = ids
    rule.from_quantity, rule.date_from, rule.date_to = data.from_quantity, data.date_from, data.date_to
    rule.reduction_type, rule.reduction = data.reduction.kind, value
    rule.reduction_tax_included = data.reduction.tax_included
    db.flush()
    return rule


@dataclass
class SpecificPriceInput:
    """A specific price as typed on the product sheet."""

    reduction: Reduction
    combination_id: int | None = None
    group_id: int | None = None
    customer_email: str = ""
    from_quantity: int | None = 1
    date_from: date | None = None
    date_to: date | None = None
    fixed_price_ht: Decimal | None = None


def add_specific_price(db: Session, product: Product, data: SpecificPriceInput) -> SpecificPrice:
    """Add a specific price to a product after checking it."""
    if data.from_quantity is None or data.from_quantity < 1:
        raise ServiceError("« À partir de » : indiquez une quantité d'au moins 1.", "from_quantity")
    check_dates(data.date_from, data.date_to)
    if data.fixed_price_ht is not None and data.fixed_price_ht < 0:
        raise ServiceError("Un prix ne peut pas être négatif.", "fixed_price_ht")
    value = check_reduction(data.reduction, required=False)
    if data.fixed_price_ht is None and value == 0:
        raise ServiceError("Indiquez un prix fixe ou une réduction.", "reduction")
    if data.combination_id:
        combination = db.get(Combination, data.combination_id)
        if combination is None or combination.product_id != product.id:
            raise ServiceError("Cette déclinaison n'appartient pas au produit.", "combination_id")
    group_id = _exists(db, CustomerGroup, data.group_id, "Ce groupe n'existe plus.", "group_id")
    specific = SpecificPrice(
        product_id=product.id,
        combination_id=data.combination_id or None,
        group_id=group_id,
        customer_id=customer_by_email(db, data.customer_email),
        from_quantity=data.from_quantity,
        date_from=data.date_from,
        date_to=data.date_to,
        fixed_price_ht=data.fixed_price_ht,
        reduction_type=data.reduction.kind or AMOUNT,
        reduction=value,
        reduction_tax_included=data.reduction.tax_included,
    )
    db.add(specific)
    db.flush()
    return specific
