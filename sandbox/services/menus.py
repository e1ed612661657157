"""Menus of the site vitrine: create and rename, add items of every kind, nest, reorder, assign locations."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from sandbox.db.tx_cache import tx_cached
from sandbox.models import Menu, MenuItem, MenuLocation, Post, PostCategory
from sandbox.models.appearance import MENU_ITEM_KINDS, MENU_LOCATIONS
from sandbox.services import ServiceError

URL_PREFIXES = ("http://", "https://", "/", "#", "mailto:", "tel:")


def create_menu(db: Session, name: str) -> Menu:
    """A new empty menu; its name must be unique."""
    name = (name or "").strip()
    if not name:
        raise ServiceError("Donnez un nom au menu.", "name")
    if len(name) > 120:
        raise ServiceError("Le nom du menu est trop long (120 caractères au plus).", "name")
    if db.scalar(select(Menu.id).where(func.lower(Menu.name) == name.lower())) is not None:
        raise ServiceError(f"Un menu nommé « {name} » existe déjà.", "name")
    menu = Menu(name=name)
    db.add(menu)
    db.flush()
    return menu


def delete_menu(db: Session, menu: Menu) -> None:
    """Delete a menu, its items and its location assignments."""
    for loc in db.scalars(select(MenuLocation).where(MenuLocation.menu_id == menu.id)):
        loc.menu_id = None
    db.delete(menu)
    db.flush()


def _target_label(db: Session, kind: str, target_id: int | None) -> str:
    if kind in ("page", "post"):
        post = db.get(Post, target_id) if target_id else None
        if post is None or post.kind != kind:
            word = "la page" if kind == "page" else "l'article"
            raise ServiceError(f"Choisissez {word} à ajouter au menu.", "target_id")
        return post.title
    category = db.get(PostCategory, target_id) if target_id else None
    if category is None:
        raise ServiceError("Choisissez la catégorie à ajouter au menu.", "target_id")
    return category.name


def add_item(db: Session, menu: Menu, kind: str, *, target_id: int | None = None, url: str = "",
             label: str = "", parent_id: int | None = None) -> MenuItem:
    """Append an item (page, post, category, custom link or social link) to a menu, maybe under a parent."""
    if kind not in MENU_ITEM_KINDS:
        raise ServiceError("Type d'élément inconnu.", "kind")
    label, url = (label or "").strip(), (url or "").strip()
    if kind in ("custom", "social"):
        if not url.startswith(URL_PREFIXES):
            raise ServiceError("Indiquez une adresse commençant par https://, http:// ou /.", "url")
        if not label:
            raise ServiceError("Indiquez le texte du lien.", "label")
        target_id = None
    else:
        label = label or _target_label(db, kind, target_id)
        _target_label(db, kind, target_id)  # a custom label still needs an existing target
        url = ""
    if len(label) > 120:
        raise ServiceError("Le libellé est trop long (120 caractères au plus).", "label")
    if parent_id is not None:
        parent = db.get(MenuItem, parent_id)
        if parent is None or parent.menu_id != menu.id:
            raise ServiceError("L'élément parent n'appartient pas à ce menu.", "parent_id")
    last = db.scalar(select(func.max(MenuItem.position)).where(MenuItem.menu_id == menu.id)) or 0
    item = MenuItem(menu_id=menu.id, parent_id=parent_id, kind=kind, label=label, target_id=target_id,
                    url=url, position=last + 1)
    db.add(item)
    db.flush()
    return item


def update_item(db: Session, item: MenuItem, label: str, url: str = "") -> None:
    """Rename an item (and change the address of a link)."""
    label = (label or "").strip()
    if not label:
        raise ServiceError("Indiquez le libellé de l'élément.", "label")
    if len(label) > 120:
        raise ServiceError("Le libellé est trop long (120 caractères au plus).", "label")
    item.label = label
    if item.kind in ("custom", "social"):
        url = (url or "").strip()
        if not url.startswith(URL_PREFIXES):
            raise ServiceError("Indiquez une adresse commençant par https://, http:// ou /.", "url")
        item.url = url
    db.flush()


def _siblings(db: Session, item: MenuItem) -> list[MenuItem]:
    stmt = select(MenuItem).where(MenuItem.menu_id == item.menu_id, MenuItem.parent_id.is_(None)
                                  if item.parent_id is None else MenuItem.parent_id == item.parent_id)
    return list(db.scalars(stmt.order_by(MenuItem.position, MenuItem.id)))


def move_item(db: Session, item: MenuItem, direction: str) -> None:
    """Reorder (up/down among siblings) or nest (right: under the previous sibling; left: out of parent)."""
    siblings = _siblings(db, item)
    index = siblings.index(item)
    if direction in ("up", "down"):
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            raise ServiceError("Cet élément est déjà à l'extrémité de son niveau.")
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            sibling.position = position
    elif direction == "right":
        if index == 0:
            raise ServiceError("Le premier élément d'un niveau ne peut pas devenir un sous-élément.")
        item.parent_id = siblings[index - 1].id
    elif direction == "left":
        if item.parent_id is None:
            raise ServiceError("Cet élément est déjà au premier niveau.")
        item.parent_id = db.get(MenuItem, item.parent_id).parent_id
    else:
        raise ServiceError("Déplacement inconnu.")
    db.flush()


def delete_item(db: Session, item: MenuItem) -> None:
    """Remove an item; its sub-items move up to its level."""
    for child in db.scalars(select(MenuItem).where(MenuItem.parent_id == item.id)):
        child.parent_id = item.parent_id
    db.delete(item)
    db.flush()


def set_locations(db: Session, assignments: dict[str, int | None]) -> None:
    """Which menu each location shows (None: no menu there)."""
    for location, menu_id in assignments.items():
        if location not in MENU_LOCATIONS:
            raise ServiceError("Emplacement de menu inconnu.", location)
        if menu_id is not None and db.get(Menu, menu_id) is None:
            raise ServiceError("Ce menu n'existe plus.", location)
        row = db.get(MenuLocation, location)
        if row is None:
            db.add(MenuLocation(location=location, menu_id=menu_id))
        elif row.menu_id != menu_id:
            row.menu_id = menu_id
    db.flush()


def menu_locations(db: Session) -> dict[str, int | None]:
    """Every location that was set, with its menu id (read once per transaction: pages show several)."""
    return tx_cached(db, "menu_locations",
                     lambda: dict(db.execute(select(MenuLocation.location, MenuLocation.menu_id)).all()))


def menu_at(db: Session, location: str) -> Menu | None:
    """The menu shown at a location, if any."""
    menu_id = menu_locations(db).get(location)
    return db.get(Menu, menu_id, options=[selectinload(Menu.items)]) if menu_id else None


def tree(menu: Menu) -> list[tuple[MenuItem, int]]:
    """The items in display order with their depth (0 for top level)."""
    children: dict[int | None, list[MenuItem]] = {}
    for item in sorted(menu.items, key=lambda i: (i.position, i.id)):
        children.setdefault(item.parent_id, []).append(item)
    out: list[tuple[MenuItem, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for item in children.get(parent, []):
            out.append((item, depth))
            walk(item.id, depth + 1)

    walk(None, 0)
    return out
