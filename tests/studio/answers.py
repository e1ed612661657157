"""Model answers of the shipped subjects, question by question, done through the services the back office
calls (the work a candidate does), for the studio tests to replay in a model-answer seat.

``WORK[subject][question](db, objects)``: ``objects`` are the subject's named objects in the seat
({"plaid": {"type": "Product", "id": 12}}). Helpers shared by the answer modules live here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from itertools import product as cartesian

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.activity.actor import Actor
from sandbox.clock import seat_today
from sandbox.models import Attribute, Brand, Category, Customer, Employee, Order, OrderState, Product
from sandbox.services.catalogue import ProductInput
from sandbox.services.combinations import CombinationInput, generate_combinations, update_combinations
from sandbox.services.customer_notes import set_private_note
from sandbox.services.order_status import change_order_state

AUTHOR = Actor("employee", 1, "Auteur du sujet")
Work = Callable[[Session, dict], None]
SHEET_FIELDS = (
    "name", "tax_id", "default_category_id", "price_ht", "wholesale_price_ht", "summary", "description",
    "reference", "ean13", "brand_id", "weight_g", "condition", "visibility", "active", "online_only",
    "on_sale", "out_of_stock", "available_now", "available_later", "available_date", "meta_title",
    "meta_description", "slug",
)  # fmt: skip


def named(db: Session, objects: dict, name: str, model=Product):
    """A named object of the subject, loaded."""
    return db.get(model, objects[name]["id"])


def by(db: Session, model, **where):
    """The one row whose column equals the value (a product by reference, a category by name…)."""
    column, value = next(iter(where.items()))
    return db.scalar(select(model).where(getattr(model, column) == value))


def today_plus(db: Session, days: int):
    """The seat's day plus some days (subjects write « today+15 »)."""
    return seat_today(db) + timedelta(days=days)


def employee(db: Session) -> Employee:
    """The employee the author works as (the shop's administrator)."""
    return db.get(Employee, 1)


def sheet(product: Product, **changes) -> ProductInput:
    """The product form as the back office fills it from the sheet, with what the author changes."""
    values = {name: getattr(product, name) for name in SHEET_FIELDS}
    values["category_ids"] = [c.id for c in product.categories]
    if "price_ttc" in changes:
        values.update(price_ht=None, price_basis="ttc")
    values.update(changes)
    if values["default_category_id"] not in values["category_ids"]:
        values["category_ids"] = [values["default_category_id"], *values["category_ids"]]
    return ProductInput(**values)


def category_id(db: Session, name: str) -> int:
    """A category's id by its name."""
    return by(db, Category, name=name).id


def brand_id(db: Session, name: str) -> int:
    """A brand's id by its name."""
    return by(db, Brand, name=name).id


def combine(db: Session, product: Product, groups: list[list[str]], stock: int, impacts=None) -> None:
    """Generate a product's combinations from attribute values and give each its stock and TTC impact."""
    ids = [by(db, Attribute, name=value).id for values in groups for value in values]
    generate_combinations(db, product, ids)
    impacts = impacts or {}
    rows = []
    for combination in product.combinations:
        names = {a.name for a in combination.attributes}
        impact = next((v for k, v in impacts.items() if k in names), "0")
        rows.append(CombinationInput(combination.id, "", None, Decimal(impact), "ttc", stock))
    update_combinations(db, product, rows, default_id=None, employee_id=1)
    assert len(product.combinations) == len(list(cartesian(*groups)))


def set_state(db: Session, order: Order, code: str) -> None:
    """Change an order's state as the order page does."""
    change_order_state(db, order, by(db, OrderState, code=code).id, employee_id=1)


def note(db: Session, customer: Customer, text: str) -> None:
    """Write a customer's private note."""
    set_private_note(db, customer, text)


TEXT_250 = (
    "Tissé et confectionné en France à partir de lin européen, ce modèle associe la douceur d'un lin "
    "lavé à une tenue impeccable lavage après lavage. Pensé pour un usage intensif, il se lave à 40 °C, "
    "sèche vite et se patine joliment avec le temps."
)
assert 200 <= len(TEXT_250) <= 300


def _work() -> dict[str, dict[str, Work]]:
    from tests.studio import (
        answers_boutique,
        answers_boutique_def,
        answers_boutique_more,
        answers_vitrine,
        answers_vitrine_def,
    )

    modules = (answers_boutique, answers_boutique_def, answers_boutique_more)
    modules += (answers_vitrine, answers_vitrine_def)
    return {subject: work for module in modules for subject, work in module.WORK.items()}


WORK: dict[str, dict[str, Work]] = {}


def load() -> dict[str, dict[str, Work]]:
    """Every scripted model answer, by subject then question."""
    if not WORK:
        WORK.update(_work())
    return WORK
