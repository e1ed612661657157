"""Back-office saving of cart rules, catalogue rules and specific prices: every check before any change."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import (
    Brand,
    Carrier,
    CartRule,
    CatalogRule,
    Category,
    Combination,
    Country,
    Customer,
    CustomerGroup,
    Product,
    SpecificPrice,
)
from sandbox.models.promotions import AMOUNT, PERCENT
from sandbox.services import ServiceError

CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass
class Reduction:
    """A reduction typed in a form: kind (« percent », « amount » or « » for none), value, tax basis."""

    kind: str = ""
    value: Decimal | None = None
    tax_included: bool = True


def check_dates(start: date | None, end: date | None, required: bool = False) -> None:
    """Refuse missing (when required) or impossible dates: the end before the start."""
    if required and start is None:
        raise ServiceError("Indiquez la date de début de validité.", "date_from")
    if required and end is None:
        raise ServiceError("Indiquez la date de fin de validité.", "date_to")
    if start is not None and end is not None and end < start:
        raise ServiceError("La date de fin doit être postérieure ou égale à la date de début.", "date_to")


def check_reduction(r: Reduction, required: bool) -> Decimal:
    """The reduction's value, refused when negative, above 100 % or missing."""
    if r.kind not in (PERCENT, AMOUNT):
        if required:
            raise ServiceError("Choisissez un type de réduction (pourcentage ou montant).", "reduction_type")
        return Decimal(0)
    if r.value is None:
        raise ServiceError("Indiquez la valeur de la réduction.", "reduction")
    if r.value < 0:
        raise ServiceError("Une réduction ne peut pas être négative.", "reduction")
    if r.kind == PERCENT and r.value > 100:
        raise ServiceError("Un pourcentage de réduction ne peut pas dépasser 100 %.", "reduction")
    return r.value


def _check_count(value: int | None, label: str, field_: str) -> int:
    if value is None or value < 0:
        raise ServiceError(f"{label} : indiquez un nombre entier positif ou nul.", field_)
    return value


def _customer_by_email(db: Session, email: str) -> int | None:
    email = (email or "").strip().lower()
    if not email:
        return None
    customer_id = db.scalar(select(Customer.id).where(func.lower(Customer.email) == email))
    if customer_id is None:
        raise ServiceError(f"Aucun client n'a l'adresse e-mail « {email} ».", "customer_email")
    return customer_id


@dataclass
class CartRuleInput:
    """Everything the cart rule form sends (information, conditions, actions)."""

    name: str
    code: str
    date_from: date | None
    date_to: date | None
    description: str = ""
    priority: int | None = 1
    partial_use: bool = True
    highlight: bool = False
    active: bool = True
    customer_email: str = ""
    minimum_amount: Decimal | None = None
    minimum_tax_included: bool = True
    minimum_shipping_included: bool = False
    quantity: int | None = 1
    quantity_per_user: int | None = 1
    product_ids: list[int] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)
    carrier_ids: list[int] = field(default_factory=list)
    free_shipping: bool = False
    reduction: Reduction = field(default_factory=Reduction)
    exclude_specials: bool = False
    gift_product_id: int | None = None


def save_cart_rule(db: Session, rule: CartRule | None, data: CartRuleInput) -> CartRule:
    """Create or update a cart rule after checking every field; nothing is changed when one is refused."""
    name, code = data.name.strip(), data.code.strip().upper()
    if not name:
        raise ServiceError("Le nom de la règle est obligatoire.", "name")
    if code and not CODE.match(code):
        raise ServiceError(
            "Le code ne peut contenir que des lettres sans accent, des chiffres, - et _.", "code"
        )
    if code:
        other = db.scalar(select(CartRule).where(func.upper(CartRule.code) == code))
        if other is not None and (rule is None or other.id != rule.id):
            raise ServiceError(f"Le code « {code} » est déjà utilisé par la règle « {other.name} ».", "code")
    if data.priority is None or data.priority < 1:
        raise ServiceError("La priorité est un nombre entier à partir de 1 (1 passe en premier).", "priority")
    check_dates(data.date_from, data.date_to, required=True)
    customer_id = _customer_by_email(db, data.customer_email)
    minimum = data.minimum_amount or Decimal(0)
    if minimum < 0:
        raise ServiceError("Le montant minimum ne peut pas être négatif.", "minimum_amount")
    quantity = _check_count(data.quantity, "Quantité totale", "quantity")
    per_user = _check_count(data.quantity_per_user, "Quantité par client", "quantity_per_user")
    value = check_reduction(data.reduction, required=False)
    gift = db.get(Product, data.gift_product_id) if data.gift_product_id else None
    if data.gift_product_id and gift is None:
        raise ServiceError("Ce produit offert n'existe plus dans la boutique.", "gift_product_id")
    if not (data.free_shipping or value > 0 or gift is not None):
        raise ServiceError(
            "Choisissez au moins une action : livraison gratuite, réduction ou produit offert.",
            "reduction_type",
        )
    products = [p for p in (db.get(Product, i) for i in data.product_ids) if p is not None]
    groups = [g for g in (db.get(CustomerGroup, i) for i in data.group_ids) if g is not None]
    carriers = [c for c in (db.get(Carrier, i) for i in data.carrier_ids) if c is not None]
    if rule is None:
        rule = CartRule()
        db.add(rule)
    rule.name, rule.code, rule.description = name, code, data.description.strip()
    rule.priority, rule.partial_use, rule.highlight, rule.active = (
        data.priority,
        data.partial_use,
        data.highlight,
        data.active,
    )
    rule.customer_id, rule.date_from, rule.date_to = customer_id, data.date_from, data.date_to
    rule.minimum_amount, rule.minimum_tax_included = minimum, data.minimum_tax_included
    rule.minimum_shipping_included = data.minimum_shipping_included
    rule.quantity, rule.quantity_per_user = quantity, per_user
    rule.free_shipping, rule.exclude_specials = data.free_shipping, data.exclude_specials
    rule.reduction_type = data.reduction.kind if value > 0 else ""
    rule.reduction, rule.reduction_tax_included = value, data.reduction.tax_included
    rule.gift_product_id = gift.id if gift else None
    rule.gift_combination_id = next((c.id for c in gift.combinations if c.is_default), None) if gift else None
    rule.products, rule.groups, rule.carriers = products, groups, carriers
    db.flush()
    return rule


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
        customer_id=_customer_by_email(db, data.customer_email),
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
