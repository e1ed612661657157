"""Change types on the shop's main menu: a subject can start with a category missing from the menu (the
candidate puts it back where PrestaShop does: Modules › Menu principal › Configurer), or with one more."""

from __future__ import annotations

from sandbox.models import Category
from sandbox.services import ServiceError
from sandbox.services import main_menu as menu
from sandbox.subjects.changes import ChangeContext, ChangeFailure, change
from sandbox.subjects.params import Param, ref


@change(
    "main_menu.remove",
    label="Catégorie retirée du menu principal de la boutique",
    produces="Category",
    params={"category": ref("category", '"Linge de table" (nom d\'une catégorie du menu)')},
)
def remove_category(ctx: ChangeContext, p: dict) -> Category:
    """Take a category out of the main menu (the category itself stays, online)."""
    category = ctx.get("category", "category", p["category"])
    row = menu.find(ctx.db, "category", category.id)
    if row is None:
        raise ChangeFailure("category", f"la catégorie « {category.name} » n'est pas dans le menu principal",
                            "choisissez une catégorie affichée dans le menu de la boutique")
    menu.remove(ctx.db, row.id)
    return category


@change(
    "main_menu.add",
    label="Catégorie ajoutée au menu principal de la boutique",
    produces="Category",
    params={
        "category": ref("category", '"Parures de lit" (nom d\'une catégorie)'),
        "position": Param("int", "3 (position dans le menu, à partir de 1 ; par défaut : à la fin)", False,
                          minimum=1),
    },
)
def add_category(ctx: ChangeContext, p: dict) -> Category:
    """Put a category in the main menu, at the end or at a given position."""
    category = ctx.get("category", "category", p["category"])
    try:
        row = menu.add_target(ctx.db, "category", category.id)
    except ServiceError as error:
        fix = "choisissez une catégorie absente du menu"
        raise ChangeFailure("category", error.message.rstrip("."), fix) from None
    for _ in range(max(row.position - p.get("position", row.position), 0)):
        menu.move(ctx.db, row.id, -1)
    return category
