"""Customer groups (discount, price display HT/TTC, prices shown) and the groups of a customer."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Customer, CustomerGroup
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
