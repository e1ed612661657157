"""A customer group's reduction on a product: its « réduction par catégorie » or its general one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.db.tx_cache import tx_cached
from sandbox.models import Category, CustomerGroup, GroupCategoryReduction, Product, ProductCategory


def product_categories(db: Session) -> dict[int, set[int]]:
    """The categories each product is filed in (read once per transaction: prices of a list need them)."""
    def load() -> dict[int, set[int]]:
        found: dict[int, set[int]] = {}
        rows = db.execute(select(ProductCategory.product_id, ProductCategory.category_id))
        for product_id, category_id in rows:
            found.setdefault(product_id, set()).add(category_id)
        return found

    return tx_cached(db, "product_categories", load, shared=True)


def categories_with_parents(db: Session, product: Product) -> set[int]:
    """A product's categories and all their parents: « Linge de lit » holds what « Draps housses » holds."""
    parents = tx_cached(db, "category_parents",
                        lambda: dict(db.execute(select(Category.id, Category.parent_id)).all()), shared=True)
    seen = {product.default_category_id} | product_categories(db).get(product.id, set())
    for category_id in list(seen):
        while (category_id := parents.get(category_id)) is not None and category_id not in seen:
            seen.add(category_id)
    return seen


def group_reduction_bp(db: Session, group: CustomerGroup | None, product: Product) -> int:
    """The group's reduction on a product: its « réduction par catégorie » when the product is in that
    category or below it (it replaces the general one, as in PrestaShop; the highest wins), else the
    general one. Sub-categories count because this shop files products in the deepest category only."""
    if group is None:
        return 0
    by_category = tx_cached(db, ("group_category_reductions", group.id), lambda: dict(db.execute(
        select(GroupCategoryReduction.category_id, GroupCategoryReduction.reduction_bp)
        .where(GroupCategoryReduction.group_id == group.id)).all()), shared=True)
    if not by_category:
        return group.reduction_bp
    seen = categories_with_parents(db, product)
    found = [bp for category_id, bp in by_category.items() if category_id in seen]
    return max(found) if found else group.reduction_bp
