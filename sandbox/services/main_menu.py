"""The shop's main menu (B-MOD-3, ps_mainmenu): ordered entries — categories, shop pages, custom links.

The entries are the menu: what the configuration screen lists is exactly what the shop header shows, in the
same order. Adding an entry never touches the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Category
from sandbox.models.modules import MENU_KINDS, MainMenuItem, ShopPage
from sandbox.services import ServiceError
from sandbox.services.categories import category_tree

ROOT_CATEGORY_ID = 1
TARGETS = {"category": Category, "page": ShopPage}


@dataclass(frozen=True)
class Entry:
    """A menu entry as shown: the row, its target (None for a link, or a target gone) and its current name."""

    item: MainMenuItem
    target: Category | ShopPage | None
    name: str

    @property
    def kind_label(self) -> str:
        """« Catégorie », « Page », « Lien »."""
        return MENU_KINDS.get(self.item.kind, ("élément",))[0].capitalize()


def items(db: Session) -> list[MainMenuItem]:
    """Menu rows in their order."""
    return list(db.scalars(select(MainMenuItem).order_by(MainMenuItem.position, MainMenuItem.id)))


def entries(db: Session, visible_only: bool = False) -> list[Entry]:
    """Menu entries with their targets; ``visible_only`` leaves out entries whose target is gone or hidden."""
    rows = items(db)
    targets: dict = {}
    for kind, model in TARGETS.items():
        ids = {r.target_id for r in rows if r.kind == kind and r.target_id}
        if ids:
            targets.update({(kind, t.id): t for t in db.scalars(select(model).where(model.id.in_(ids)))})
    result = []
    for row in rows:
        target = targets.get((row.kind, row.target_id))
        if visible_only and row.kind != "link" and (target is None or not target.active):
            continue
        name = getattr(target, "title", None) or getattr(target, "name", None) or row.label
        result.append(Entry(row, target, name))
    return result


def available(db: Session) -> dict[str, list[tuple[str, str]]]:
    """What can still be added, by group: categories (tree order, indented) and shop pages not in the menu."""
    taken = {(r.kind, r.target_id) for r in items(db)}
    categories = [(f"category:{c.id}", "\u2014 " * max(depth - 1, 0) + c.name)
                  for c, depth in category_tree(db)
                  if c.id != ROOT_CATEGORY_ID and ("category", c.id) not in taken]
    pages = [(f"page:{p.id}", p.title) for p in db.scalars(select(ShopPage).order_by(ShopPage.position,
                                                                                       ShopPage.id))
             if ("page", p.id) not in taken]
    return {"Catégories": categories, "Pages de la boutique": pages}


def _append(db: Session, row: MainMenuItem) -> MainMenuItem:
    row.position = (db.scalar(select(func.max(MainMenuItem.position))) or 0) + 1
    db.add(row)
    db.flush()
    return row


def add_target(db: Session, kind: str, target_id: int) -> MainMenuItem:
    """Add a category or a shop page at the end of the menu (once)."""
    model = TARGETS.get(kind)
    target = db.get(model, target_id) if model and target_id else None
    if target is None or (kind == "category" and target.id == ROOT_CATEGORY_ID):
        raise ServiceError("Choisissez un élément à ajouter au menu.", "item")
    if find(db, kind, target_id) is not None:
        raise ServiceError("Cet élément est déjà dans le menu.", "item")
    name = getattr(target, "title", None) or target.name
    return _append(db, MainMenuItem(kind=kind, target_id=target_id, label=name[:120], url=""))


def add_choice(db: Session, choice: str) -> MainMenuItem:
    """Add the entry chosen in the list of available items (« category:12 », « page:3 »)."""
    kind, _, raw = (choice or "").partition(":")
    if kind not in TARGETS or not raw.isdigit():
        raise ServiceError("Choisissez un élément à ajouter au menu.", "item")
    return add_target(db, kind, int(raw))


def add_link(db: Session, label: str, url: str) -> MainMenuItem:
    """Add a custom link (label + address) at the end of the menu."""
    label, url = (label or "").strip(), (url or "").strip()
    if not label:
        raise ServiceError("Indiquez le libellé du lien.", "label")
    if not url:
        raise ServiceError("Indiquez l'adresse du lien (par exemple https://www.exemple.fr/magasins).", "url")
    if len(label) > 120 or len(url) > 300:
        raise ServiceError("Libellé : 120 caractères au plus ; adresse : 300 caractères au plus.", "label")
    return _append(db, MainMenuItem(kind="link", target_id=None, label=label, url=url))


def move(db: Session, item_id: int, step: int) -> MainMenuItem:
    """Move an entry one place up (-1) or down (+1); positions stay 1..n. Returns the entry."""
    ordered = items(db)
    index = next((i for i, r in enumerate(ordered) if r.id == item_id), None)
    if index is None:
        raise ServiceError("Cet élément n'est pas dans le menu.")
    moved, other = ordered[index], index + step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, row in enumerate(ordered, start=1):
        if row.position != position:
            row.position = position
    db.flush()
    return moved


def remove(db: Session, item_id: int) -> str:
    """Take one entry out of the menu (the category or page itself stays); returns its name."""
    row = db.get(MainMenuItem, item_id)
    if row is None:
        raise ServiceError("Cet élément n'est pas dans le menu.")
    label = row.label
    db.delete(row)
    db.flush()
    return label


def find(db: Session, kind: str, target_id: int) -> MainMenuItem | None:
    """The menu entry pointing to that category or page, if any."""
    stmt = select(MainMenuItem).where(MainMenuItem.kind == kind, MainMenuItem.target_id == target_id)
    return db.scalars(stmt.order_by(MainMenuItem.id)).first()
