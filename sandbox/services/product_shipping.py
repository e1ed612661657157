"""The « Livraison » tab of a product sheet: package dimensions, extra shipping fees, available carriers."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Carrier, Product, ProductCarrier
from sandbox.money import to_cents
from sandbox.services import ServiceError

DIMENSION_LABELS = {"width_cm": "La largeur", "height_cm": "La hauteur", "depth_cm": "La profondeur"}


@dataclass
class ShippingInput:
    """What the Livraison tab sends; ``carrier_ids`` empty means every carrier may deliver the product."""

    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    depth_cm: Decimal | None = None
    additional_shipping_ht: Decimal | None = None
    carrier_ids: list[int] = field(default_factory=list)


def product_carrier_ids(db: Session, product: Product) -> list[int]:
    """Ids of the carriers a product is restricted to (empty: all carriers)."""
    return list(
        db.scalars(
            select(ProductCarrier.carrier_id)
            .where(ProductCarrier.product_id == product.id)
            .order_by(ProductCarrier.carrier_id)
        )
    )


def selectable_carriers(db: Session) -> list[Carrier]:
    """Carriers a product may be restricted to (not deleted), in their display order."""
    return list(
        db.scalars(select(Carrier).where(Carrier.deleted.is_(False)).order_by(Carrier.position, Carrier.id))
    )


def check_shipping(data: ShippingInput) -> None:
    """Refuse negative dimensions or fees; each message names its field."""
    for name, label in DIMENSION_LABELS.items():
        value = getattr(data, name)
        if value is not None and value < 0:
            raise ServiceError(f"{label} ne peut pas être négative.", name)
    if data.additional_shipping_ht is not None and data.additional_shipping_ht < 0:
        raise ServiceError("Les frais de port supplémentaires ne peuvent pas être négatifs.",
                           "additional_shipping_ht")


def save_product_shipping(db: Session, product: Product, data: ShippingInput) -> None:
    """Store the Livraison tab: only what changed is written, so a save without change records nothing."""
    check_shipping(data)
    known = {c.id for c in selectable_carriers(db)}
    if set(data.carrier_ids) - known:
        raise ServiceError("Ce transporteur n'existe plus : rechargez la page.", "carrier_ids")
    for name in DIMENSION_LABELS:
        value = to_cents(getattr(data, name) or Decimal(0))
        if getattr(product, name) != value:
            setattr(product, name, value)
    fees = to_cents(data.additional_shipping_ht or Decimal(0))
    if product.additional_shipping_ht != fees:
        product.additional_shipping_ht = fees
    wanted = set(data.carrier_ids)
    current = set(product_carrier_ids(db, product))
    for carrier_id in sorted(current - wanted):
        db.delete(db.get(ProductCarrier, (product.id, carrier_id)))
    for carrier_id in sorted(wanted - current):
        db.add(ProductCarrier(product_id=product.id, carrier_id=carrier_id))
    db.flush()
