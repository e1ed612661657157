"""Candidate observables for one object the author touched in the model-answer seat (see ``propose``):
one function per object type, giving the registered check types with the values the object ends with."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from sandbox.models import (
    CartRule,
    CatalogRule,
    Category,
    Customer,
    CustomerGroup,
    GroupCategoryReduction,
    MainMenuItem,
    Module,
    Order,
    OrderState,
    Product,
    Setting,
)
from sandbox.subjects.studio.record_other import module_switches

Candidate = dict[str, Any]  # {"check": …, **params}, as written in grid.toml


def _money(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01'))}".replace(".", ",")


def _which(product: Product) -> Candidate:
    """A product by its reference, or by its name when the author gave it none."""
    return {"product": product.reference} if product.reference else {"name": product.name}


def _product(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    product = db.get(Product, int(oid))
    if product is None:
        return []
    out: list[Candidate] = [{"check": "product.exists", **_which(product)}] if "id" in fields else []
    if {"price_ht", "tax_id"} & fields:
        out.append({"check": "product.price", **_which(product), "ttc": _money(product.price_ttc)})
    wanted = {k: getattr(product, k) for k in ("ean13", "weight_g", "active") if k in fields}
    if "brand_id" in fields and product.brand is not None:
        wanted["brand"] = product.brand.name
    if wanted:
        out.append({"check": "product.fields", **_which(product), **wanted})
    if "combinations" in fields and product.combinations:
        count = len(product.combinations)
        out.append({"check": "product.combinations", **_which(product), "min": count, "max": count})
    if {"categories", "default_category_id"} & fields:
        names = [c.name for c in product.categories if c.id != 1]
        if names:
            out.append(
                {
                    "check": "product.categories",
                    **_which(product),
                    "categories": names,
                    "default": product.default_category.name,
                }
            )
    for label in sorted(f for f in fields if f.startswith("stock:")):
        combination = next((c for c in product.combinations if f"stock:{c.id}" == label), None)
        if combination is not None:
            out.append(
                {
                    "check": "product.stock",
                    **_which(product),
                    "equals": combination.quantity,
                    "combination": [a.name for a in combination.attributes],
                }
            )
    if {"meta_title", "meta_description"} & fields and product.meta_description:
        out.append({"check": "product.seo", **_which(product), "meta_description_min": 1})
    if {"summary", "description"} & fields and product.description:
        out.append(
            {"check": "product.texts", **_which(product), "description_min": len(product.description) // 2}
        )
    return out


def _order(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    order = db.get(Order, int(oid))
    if order is None or "state_id" not in fields:
        return []
    state = db.get(OrderState, order.state_id)
    return [{"check": "order.state", "order": order.reference, "state": state.code}]


def _cart_rule(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    rule = db.get(CartRule, int(oid))
    if rule is None or not rule.code:
        return []
    entry: Candidate = {"check": "cart_rule.code", "code": rule.code}
    if rule.minimum_amount:
        entry["minimum"] = _money(rule.minimum_amount)
    return [entry]


def _category(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    category = db.get(Category, int(oid))
    return [{"check": "category.exists", "name": category.name}] if category is not None else []


def _customer(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    customer = db.get(Customer, int(oid))
    if customer is None:
        return []
    out: list[Candidate] = []
    if "note" in fields and customer.note.strip():
        out.append(
            {"check": "customer.note", "customer": customer.email, "contains": [customer.note.split()[0]]}
        )
    if "default_group_id" in fields:
        group = db.get(CustomerGroup, customer.default_group_id)
        out.append(
            {"check": "customer.group", "customer": customer.email, "group": group.name, "default": True}
        )
    if "id" in fields:  # created by the author
        out.append({"check": "customer.exists", "customer": customer.email})
    return out


def _catalog_rule(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    rule = db.get(CatalogRule, int(oid))
    if rule is None:
        return []
    entry: Candidate = {"check": "catalog_rule.exists", "name": rule.name}
    if rule.category_id:
        entry["category"] = db.get(Category, rule.category_id).name
    if rule.reduction_type == "percent" and rule.reduction == rule.reduction.to_integral_value():
        entry["percent"] = int(rule.reduction)
    return [entry]


def _group_reduction(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    row = db.get(GroupCategoryReduction, int(oid))
    if row is None:
        return []
    group, category = db.get(CustomerGroup, row.group_id), db.get(Category, row.category_id)
    percent = _money(Decimal(row.reduction_bp) / 100)
    return [
        {
            "check": "group.category_reduction",
            "group": group.name,
            "category": category.name,
            "reduction": percent,
        }
    ]


def _menu_item(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    from sandbox.services import main_menu

    item = db.get(MainMenuItem, int(oid))
    if item is None or item.kind != "category":
        return []
    position = [e.id for e in main_menu.items(db)].index(item.id) + 1
    return [{"check": "main_menu.entry", "category": item.label, "present": True, "position": position}]


def _module(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    module = db.get(Module, oid)
    if module is None or "active" not in fields:
        return []
    return [{"check": "module.state", "module": module.code, "active": bool(module.active)}]


def _setting(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    row = db.get(Setting, oid)
    if row is None:
        return []
    module = module_switches().get(oid)
    if module is not None:  # a module switched by a setting: said as the module it is
        return [{"check": "module.state", "module": module, "active": row.value == "1"}]
    return [{"check": "setting.equals", "key": oid, "value": row.value}]


BUILDERS: dict[str, Callable[[Session, str, set[str]], list[Candidate]]] = {
    "Product": _product,
    "Order": _order,
    "CartRule": _cart_rule,
    "Category": _category,
    "Customer": _customer,
    "CatalogRule": _catalog_rule,
    "GroupCategoryReduction": _group_reduction,
    "MainMenuItem": _menu_item,
    "Module": _module,
    "Setting": _setting,
}
