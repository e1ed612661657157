"""Candidate observables for one object the author touched in the model-answer seat (see ``propose``):
one function per object type, giving the registered check types with the values the object ends with."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from sandbox.models import (
    CatalogRule,
    Category,
    Customer,
    CustomerGroup,
    GroupCategoryReduction,
    Product,
    Setting,
)
from sandbox.subjects.studio.propose_leftover import carrier
from sandbox.subjects.studio.propose_modules import BUILDERS as MODULE_BUILDERS
from sandbox.subjects.studio.propose_modules import module_option, option_checks
from sandbox.subjects.studio.propose_service import BUILDERS as SERVICE_BUILDERS
from sandbox.subjects.studio.propose_settings import setting_checks
from sandbox.subjects.studio.propose_shop import BUILDERS as SHOP_BUILDERS
from sandbox.subjects.studio.propose_shop import money, product_extras
from sandbox.subjects.studio.propose_site import BUILDERS as SITE_BUILDERS
from sandbox.subjects.studio.record_other import module_switches

Candidate = dict[str, Any]  # {"check": …, **params}, as written in grid.toml


FIELDS = ("reference", "ean13", "weight_g", "active", "on_sale", "online_only", "condition")


def _which(product: Product) -> Candidate:
    """A product by its reference, or by its name when the author gave it none."""
    return {"product": product.reference} if product.reference else {"name": product.name}


def _product(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    product = db.get(Product, int(oid))
    if product is None:
        return []
    out: list[Candidate] = [{"check": "product.exists", **_which(product)}] if "id" in fields else []
    if {"price_ht", "tax_id"} & fields:
        out.append({"check": "product.price", **_which(product), "ttc": money(product.price_ttc)})
    wanted = {k: getattr(product, k) for k in FIELDS if k in fields and getattr(product, k) not in (None, "")}
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
        out.append(
            {
                "check": "product.seo",
                **_which(product),
                "meta_description_min": len(product.meta_description) // 2,
            }
        )
    if {"summary", "description"} & fields and product.description:
        out.append(
            {"check": "product.texts", **_which(product), "description_min": len(product.description) // 2}
        )
    return out + product_extras(db, product, _which(product), fields)


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
    percent = money(Decimal(row.reduction_bp) / 100)
    return [
        {
            "check": "group.category_reduction",
            "group": group.name,
            "category": category.name,
            "reduction": percent,
        }
    ]


def _setting(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    row = db.get(Setting, oid)
    if row is None:
        return []
    module = module_switches().get(oid)
    if module is not None:  # a module switched by a setting: said as the module it is
        return [{"check": "module.state", "module": module, "active": row.value == "1"}]
    option = module_option(oid)
    if option is not None:  # an option of a module kept in a setting (the cheque's address…)
        return option_checks(db, option[0], [option[1]]) + setting_checks(db, oid, row.value)
    return setting_checks(db, oid, row.value)


BUILDERS: dict[str, Callable[[Session, str, set[str]], list[Candidate]]] = {
    "Product": _product,
    "Category": _category,
    "Customer": _customer,
    "CatalogRule": _catalog_rule,
    "GroupCategoryReduction": _group_reduction,
    "Setting": _setting,
    "Carrier": carrier,
    **SHOP_BUILDERS,
    **SERVICE_BUILDERS,
    **MODULE_BUILDERS,
    **SITE_BUILDERS,
}
