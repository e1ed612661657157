"""Suggestions of « Commandes › Ajouter une commande »: customers and products found by name, each combination
written by its attributes (« Drap housse — Taille : 140 x 190 - Couleur : Sauge »), and the reason an item
cannot be ordered (offline, out of stock)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from sandbox.formatting import format_money
from sandbox.models import Combination, Customer, Product
from sandbox.services import ServiceError
from sandbox.services.availability import allows_backorders, available_quantity
from sandbox.services.shop_content import fold

SEPARATOR = " — "
EMAIL = re.compile(r"[^\s<>—]+@[^\s<>—]+\.[^\s<>—]+")


@dataclass(frozen=True)
class Suggestion:
    """One suggestion: the text put in the field, and what is shown next to it."""

    value: str
    label: str


def attributes_text(combination: Combination) -> str:
    """« Taille : 140 x 190 - Couleur : Sauge » (attributes in their group order)."""
    return " - ".join(f"{a.group.name} : {a.name}" for a in combination.attributes)


def item_text(product: Product, combination: Combination | None) -> str:
    """What the product field holds for a product or one of its combinations."""
    return f"{product.name}{SEPARATOR}{attributes_text(combination)}" if combination else product.name


def _like(query: str) -> str:
    return "%" + query.replace("\\", "").replace("%", "").replace("_", "").strip().lower() + "%"


def search_customers(db: Session, query: str, limit: int = 10) -> list[Suggestion]:
    """Customers whose name or e-mail contains the query (the field takes « Prénom Nom — e-mail »)."""
    if len(query.strip()) < 2:
        return []
    like = _like(query)
    full = func.lower(Customer.first_name + " " + Customer.last_name)
    rows = db.scalars(select(Customer).where(Customer.is_guest.is_(False), or_(
        full.like(like), func.lower(Customer.last_name + " " + Customer.first_name).like(like),
        func.lower(Customer.email).like(like))).order_by(Customer.last_name, Customer.first_name,
                                                         Customer.id).limit(limit))
    return [Suggestion(f"{c.full_name}{SEPARATOR}{c.email}", c.email) for c in rows]


def customer_email(text: str) -> str:
    """The e-mail address in what the customer field holds (typed, or a suggestion)."""
    found = EMAIL.search(text or "")
    return found.group(0) if found else (text or "").strip()


def unavailable_reason(db: Session, product: Product, combination: Combination | None) -> str:
    """Why an item cannot be ordered (« produit hors ligne », « hors stock »), or "" when it can."""
    if not product.active:
        return "produit hors ligne"
    if available_quantity(product, combination) <= 0 and not allows_backorders(db, product):
        return "hors stock"
    return ""


def _status(db: Session, product: Product, combination: Combination | None) -> str:
    reason = unavailable_reason(db, product, combination)
    if reason:
        return reason
    price = combination.price_ttc if combination else product.price_ttc
    stock = available_quantity(product, combination)
    return f"{format_money(price)} TTC · stock {stock}"


def search_items(db: Session, query: str, limit: int = 20) -> list[Suggestion]:
    """Products (and each of their combinations) whose name or reference contains the query."""
    if len(query.strip()) < 2:
        return []
    name_part = query.split(SEPARATOR)[0]
    like = _like(name_part)
    rows = db.scalars(select(Product).where(or_(func.lower(Product.name).like(like),
                                                 func.lower(Product.reference).like(like)))
                      .options(selectinload(Product.combinations).selectinload(Combination.attributes))
                      .order_by(Product.name, Product.id).limit(limit))
    found = []
    for product in rows:
        for combination in product.combinations or [None]:
            found.append(Suggestion(item_text(product, combination), _status(db, product, combination)))
    return found[:limit * 4]


def resolve_item(db: Session, text: str) -> tuple[Product, Combination | None]:
    """The product or combination a line names: a suggestion (« name — attributes »), a product name, or a
    reference; French errors say how to write it."""
    typed = (text or "").strip()
    wanted = typed.split(SEPARATOR)[0].strip().upper()
    combination = db.scalar(select(Combination).where(func.upper(Combination.reference) == wanted).limit(1))
    if combination is not None:
        return combination.product, combination
    product = db.scalar(select(Product).where(func.upper(Product.reference) == wanted).limit(1))
    name, _, attributes = typed.partition(SEPARATOR)
    if product is None:  # by name, compared without case or accents (SQLite lowers ASCII only)
        key = fold(name)
        names = db.execute(select(Product.id, Product.name).order_by(Product.active.desc(), Product.id))
        ids = [pid for pid, found in names if fold(found) == key]
        product = db.get(Product, ids[0]) if ids else None
    if product is None:
        raise ServiceError(f"Aucun produit ne s'appelle « {typed} » ni n'a cette référence : "
                           "choisissez-le dans les suggestions.")
    if not product.combinations:
        return product, None
    if attributes.strip():
        match = next((c for c in product.combinations if fold(attributes_text(c)) == fold(attributes)), None)
        if match is not None:
            return product, match
        raise ServiceError(f"« {product.name} » n'a pas la déclinaison « {attributes.strip()} » : "
                           "choisissez-en une dans les suggestions.")
    example = attributes_text(product.combinations[0])
    raise ServiceError(f"« {product.name} » a des déclinaisons : choisissez-en une dans les suggestions "
                       f"(par exemple « {product.name}{SEPARATOR}{example} »).")
