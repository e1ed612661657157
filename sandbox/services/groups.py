"""Customer groups (discount, price display HT/TTC, prices shown) and the groups of a customer."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Category, Customer, CustomerGroup, GroupCategoryReduction
from sandbox.services import ServiceError

DISPLAYS = {"ttc": "TTC (particuliers)", "ht": "HT (professionnels)"}


def save_group(
    db: Session,
    group: CustomerGroup | None,
    name: str,
    reduction_percent: Decimal | None,
    price_display: str,
    show_prices: bool,
) -> CustomerGroup:
    """Create or update a group after checking its name, its discount (0 to 100 %) and its display."""
    name = (name or "").strip()
    if not name:
        raise ServiceError("Le nom du groupe est obligatoire.", "name")
    other = db.scalar(select(CustomerGroup).where(func.lower(CustomerGroup.name) == name.lower()))
    if other is not None and (group is None or other.id != group.id):
        raise ServiceError(f"Un groupe s'appelle déjà « {other.name} ».", "name")
    reduction = reduction_percent or Decimal(0)
    if reduction < 0 or reduction > 100:
        raise ServiceError("La réduction du groupe doit être comprise entre 0 et 100 %.", "reduction")
    if (reduction * 100) != (reduction * 100).to_integral_value():
        raise ServiceError("La réduction s'indique avec deux décimales au plus (exemple : 7,5).", "reduction")
    if price_display not in DISPLAYS:
        raise ServiceError("Choisissez l'affichage des prix : TTC ou HT.", "price_display")
    if group is None:
        group = CustomerGroup()
        db.add(group)
    group.name, group.reduction_bp = name, int(reduction * 100)
    group.price_display, group.show_prices = price_display, show_prices
    db.flush()
    return group


def set_customer_groups(
    db: Session, customer: Customer, group_ids: list[int], default_group_id: int | None
) -> None:
    """Put a customer in these groups; the default group (whose prices apply) is always one of them."""
    groups = [x for x in (db.get(CustomerGroup, i) for i in group_ids) if x is not None]
    default = db.get(CustomerGroup, default_group_id) if default_group_id else None
    if default is None:
        raise ServiceError("Choisissez le groupe par défaut du client.", "default_group_id")
    if default.id not in {x.id for x in groups}:
        groups.append(default)  # PrestaShop adds the default group to the memberships as well
    customer.groups = sorted(groups, key=lambda x: x.id)
    customer.default_group_id = default.id
    db.flush()


def category_reductions(db: Session, group: CustomerGroup) -> list[tuple[GroupCategoryReduction, Category]]:
    """The group's reductions per category, by category name."""
    rows = db.execute(
        select(GroupCategoryReduction, Category)
        .join(Category, Category.id == GroupCategoryReduction.category_id)
        .where(GroupCategoryReduction.group_id == group.id)
        .order_by(Category.name)
    )
    return [(r, c) for r, c in rows.all()]


def set_category_reduction(
    db: Session, group: CustomerGroup, category_id: int | None, percent: Decimal | None
) -> GroupCategoryReduction:
    """Give the group a reduction on a category (0,01 to 100 %); an existing one for it is updated."""
    category = db.get(Category, category_id) if category_id else None
    if category is None:
        raise ServiceError("Choisissez une catégorie.", "category_id")
    if percent is None:
        raise ServiceError("Indiquez la réduction en % (exemple : 10).", "reduction")
    if percent <= 0 or percent > 100:
        raise ServiceError("La réduction doit être comprise entre 0 et 100 % (0 exclu).", "reduction")
    if (percent * 100) != (percent * 100).to_integral_value():
        raise ServiceError("La réduction s'indique avec deux décimales au plus (exemple : 7,5).", "reduction")
    row = db.scalar(
        select(GroupCategoryReduction).where(
            GroupCategoryReduction.group_id == group.id, GroupCategoryReduction.category_id == category.id
        )
    )
    if row is None:
        row = GroupCategoryReduction(group_id=group.id, category_id=category.id, reduction_bp=0)
        db.add(row)
    if row.reduction_bp != int(percent * 100):
        row.reduction_bp = int(percent * 100)
    db.flush()
    return row


def delete_category_reduction(db: Session, group: CustomerGroup, reduction_id: int) -> None:
    """Remove one of the group's reductions per category."""
    row = db.get(GroupCategoryReduction, reduction_id)
    if row is None or row.group_id != group.id:
        raise ServiceError("Cette réduction par catégorie n'existe plus.")
    db.delete(row)
    db.flush()
