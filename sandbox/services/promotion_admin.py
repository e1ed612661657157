"""Back-office saving of cart rules, and the checks shared with price rules: all checks before any change."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import (
    Carrier,
    CartRule,
    Customer,
    CustomerGroup,
    Product,
)
from sandbox.models.promotions import AMOUNT, APPLY_ORDER, PERCENT
from sandbox.services import ServiceError
from sandbox.services.cart_rule_admin import check_target, sync_links, sync_restrictions

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


def customer_by_email(db: Session, email: str) -> int | None:
    """The id of the customer with that e-mail (None when empty); refused when unknown."""
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
    # « Restreindre la sélection de produits » and « Appliquer une réduction à » (services.cart_rule_scope).
    restriction_quantity: int | None = 1
    restrictions: dict[str, list[int]] = field(default_factory=dict)  # kind → category/brand/value ids
    reduction_apply: str = APPLY_ORDER
    reduction_product_id: int | None = None


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
    customer_id = customer_by_email(db, data.customer_email)
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
    apply_to, reduced = check_target(db, data, value)
    restriction_quantity = data.restriction_quantity
    if restriction_quantity is None or restriction_quantity < 1:
        raise ServiceError("Indiquez un nombre de produits à partir de 1.", "restriction_quantity")
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
    rule.restriction_quantity, rule.reduction_apply = restriction_quantity, apply_to
    rule.reduction_product_id = reduced.id if reduced is not None else None
    db.flush()
    sync_links(db, rule, {"products": [p.id for p in products], "groups": [x.id for x in groups],
                          "carriers": [c.id for c in carriers]})
    sync_restrictions(db, rule, data.restrictions)
    return rule
