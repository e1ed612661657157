"""Candidate observables for the shop front's modules and content (see ``propose``): a module's options,
the featured products, carousel slides, the home blocks' order, information pages, footer links, main
menu entries and search aliases."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sandbox.models import (
    CarouselSlide,
    LinkBlock,
    LinkBlockItem,
    MainMenuItem,
    Module,
    Product,
    SearchAlias,
    ShopPage,
)

Candidate = dict


def shown(value: Any) -> str:
    """An option's value as module.state compares it (« facebook, pinterest », « 1 »)."""
    if isinstance(value, bool):
        return str(int(value))
    return ", ".join(value) if isinstance(value, list) else str(value)


def option_checks(db: Session, code: str, keys: list[str]) -> list[Candidate]:
    """Checks for options of a module the author changed (the featured products have their own)."""
    from sandbox.services.modules import module_state

    active, config = module_state(db, code)
    if code == "featured":
        from sandbox.models import Category

        category = db.get(Category, config.get("category_id") or 1)
        return [{"check": "module.featured", "count": config["count"], "category": category.name}]
    return [
        {"check": "module.state", "module": code, "active": active, "key": key, "value": shown(config[key])}
        for key in keys
        if key in config and shown(config[key]).strip()
    ]


def module(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A module switched on or off, or configured."""
    row = db.get(Module, oid)
    if row is None:
        return []
    out = []
    if "active" in fields:
        out.append({"check": "module.state", "module": row.code, "active": bool(row.active)})
    keys = sorted(f.split(":", 1)[1] for f in fields if f.startswith("config:"))
    return out + (option_checks(db, row.code, keys) if keys else [])


def module_option(key: str) -> tuple[str, str] | None:
    """(module code, option) of a module option kept in a setting (the cheque's address…), or None."""
    from sandbox.services.modules import MODULES

    for code, spec in MODULES.items():
        for option, setting in spec.settings.items():
            if setting == key and option != "active":
                return code, option
    return None


def slide(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A carousel slide and the product it leads to."""
    row = db.get(CarouselSlide, int(oid))
    if row is None:
        return []
    entry = {"check": "carousel.slide", "title": row.title}
    product = db.get(Product, row.product_id) if row.product_id else None
    if product is not None:
        entry |= {"product": product.reference} if product.reference else {"product_name": product.name}
    return [entry]


def page(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """An information page of the shop, its length and its SEO tags."""
    from sandbox.subjects.observables.common import chars

    row = db.get(ShopPage, int(oid))
    if row is None:
        return []
    entry = {"check": "shop_page.exists", "title": row.title, "active": row.active}
    entry |= {"min_chars": chars(row.content) // 2} if chars(row.content) > 1 else {}
    entry |= {"meta_title": True} if row.meta_title else {}
    return [entry | ({"meta_description": True} if row.meta_description else {})]


def link(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A footer link added to a block."""
    row = db.get(LinkBlockItem, int(oid))
    block = db.get(LinkBlock, row.block_id) if row is not None else None
    return [] if block is None else [{"check": "links.contains", "label": row.label, "block": block.title}]


def menu_entry(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A main-menu entry (a category, a page or a link) and its place."""
    from sandbox.services import main_menu

    item = db.get(MainMenuItem, int(oid))
    if item is None or item.kind not in ("category", "page", "link"):
        return []
    entry = {"check": "main_menu.entry", item.kind: item.label, "present": True}
    if item.kind == "category":
        entry["position"] = [e.id for e in main_menu.items(db)].index(item.id) + 1
    return [entry]


def home_order(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """The home blocks' order: the block first, and a block moved ahead of one it used to follow."""
    from sandbox.models.module_catalogue import HOME_BLOCKS
    from sandbox.services.modules import home_order as current

    order, default = current(db), list(HOME_BLOCKS)
    block = oid.split("-", 1)[1]
    if block == order[0]:
        return [{"check": "home.order", "first": block}]
    ahead = [b for b in order[order.index(block) + 1 :] if default.index(b) < default.index(block)]
    return [{"check": "home.order", "before": block, "after": ahead[0]}] if ahead else []


def alias(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A search alias."""
    row = db.get(SearchAlias, int(oid))
    return [] if row is None else [{"check": "search.alias", "alias": row.alias, "search": row.search}]


BUILDERS = {
    "Module": module,
    "CarouselSlide": slide,
    "ShopPage": page,
    "LinkBlockItem": link,
    "MainMenuItem": menu_entry,
    "HookPosition": home_order,
    "SearchAlias": alias,
}
