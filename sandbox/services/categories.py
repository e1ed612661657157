"""Shop categories: the tree, create, edit and delete with PrestaShop's safety rules."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Category, MainMenuItem, Media, Product
from sandbox.services import ServiceError
from sandbox.services.catalogue import slugify

ROOT_ID = 1


@dataclass
class CategoryInput:
    """What the category form gives, already parsed."""

    name: str
    parent_id: int | None
    description: str = ""
    active: bool = True
    meta_title: str = ""
    meta_description: str = ""
    slug: str = ""
    image_id: int | None = None


def category_tree(db: Session) -> list[tuple[Category, int]]:
    """Every category with its depth, parents before children, siblings by position then name."""
    rows = db.scalars(select(Category).order_by(Category.position, Category.name)).all()
    children: dict[int | None, list[Category]] = {}
    for category in rows:
        children.setdefault(category.parent_id, []).append(category)
    ordered: list[tuple[Category, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for category in children.get(parent_id, []):
            ordered.append((category, depth))
            walk(category.id, depth + 1)

    walk(None, 0)
    seen = {c.id for c, _ in ordered}
    ordered.extend((c, 0) for c in rows if c.id not in seen)  # orphans, should a pack ever hold some
    return ordered


def descendant_ids(db: Session, category_id: int) -> set[int]:
    """Ids of a category and of everything below it."""
    pairs = db.execute(select(Category.id, Category.parent_id)).all()
    found, frontier = {category_id}, [category_id]
    while frontier:
        current = frontier.pop()
        for child_id, parent_id in pairs:
            if parent_id == current and child_id not in found:
                found.add(child_id)
                frontier.append(child_id)
    return found


def save_category(db: Session, category: Category | None, data: CategoryInput) -> Category:
    """Create (category None) or update a category."""
    if not data.name.strip():
        raise ServiceError("Le nom de la catégorie est obligatoire.", "name")
    is_root = category is not None and category.id == ROOT_ID
    if not is_root:
        if data.parent_id is None or db.get(Category, data.parent_id) is None:
            raise ServiceError("Choisissez la catégorie parente.", "parent_id")
        if category is not None and data.parent_id in descendant_ids(db, category.id):
            raise ServiceError("Une catégorie ne peut pas être rangée dans elle-même ni dans une de ses "
                               "sous-catégories.", "parent_id")
    if data.slug and slugify(data.slug) != data.slug:
        raise ServiceError("L'URL simplifiée ne peut contenir que des minuscules sans accent, des chiffres "
                           f"et des tirets (proposition : {slugify(data.slug) or 'ma-categorie'}).", "slug")
    if data.image_id is not None and db.get(Media, data.image_id) is None:
        raise ServiceError("Cette image n'existe pas dans la médiathèque.", "image_id")
    if category is None:
        siblings = db.scalar(select(func.count()).where(Category.parent_id == data.parent_id)) or 0
        category = Category(position=siblings)
        db.add(category)
    if not is_root:
        category.parent_id = data.parent_id
    category.name = data.name.strip()
    category.slug = data.slug or slugify(data.name) or "categorie"
    category.description = data.description
    category.active = data.active
    category.meta_title = data.meta_title
    category.meta_description = data.meta_description
    category.image_id = data.image_id
    db.flush()
    return category


def delete_category(db: Session, category: Category) -> None:
    """Delete an empty category; refuse the root, a category with sub-categories or a default category."""
    if category.id == ROOT_ID:
        raise ServiceError("La catégorie racine « Accueil » ne peut pas être supprimée.")
    children = db.scalar(select(func.count()).where(Category.parent_id == category.id)) or 0
    if children:
        raise ServiceError(f"La catégorie « {category.name} » contient {children} sous-catégorie(s) : "
                           "supprimez-les ou déplacez-les d'abord.")
    names = db.scalars(select(Product.name).where(Product.default_category_id == category.id)
                       .order_by(Product.id)).all()
    if names:
        sample = ", ".join(f"« {n} »" for n in names[:3]) + (" …" if len(names) > 3 else "")
        raise ServiceError(f"La catégorie « {category.name} » est la catégorie par défaut de {len(names)} "
                           f"produit(s) ({sample}) : choisissez-leur une autre catégorie par défaut d'abord.")
    # Its main menu entry goes with it, as in PrestaShop (the console reads « … retirée » of the menu).
    for entry in db.scalars(select(MainMenuItem).where(MainMenuItem.kind == "category",
                                                       MainMenuItem.target_id == category.id)):
        db.delete(entry)
    db.delete(category)
    db.flush()
