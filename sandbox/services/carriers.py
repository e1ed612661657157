"""Back-office saving of carriers (billing, zones, ranges, products) and shipping zones; checks first."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.formatting import format_number
from sandbox.models import (
    Carrier,
    CarrierRange,
    CarrierRangePrice,
    CarrierZone,
    Cart,
    Country,
    Order,
    Product,
    ProductCarrier,
    Tax,
    Zone,
)
from sandbox.money import to_cents
from sandbox.services import ServiceError

METHODS = {"fixed": "Prix fixe", "price": "En fonction du prix total", "weight": "En fonction du poids total"}
OUT_OF_RANGE = {"highest": "Appliquer la tranche la plus haute", "disable": "Désactiver le transporteur"}


def _n(value: Decimal) -> str:
    return format_number(value, 2)


@dataclass
class CarrierInput:
    """A carrier as typed in its form."""

    name: str
    delay: str = ""
    active: bool = True
    is_free: bool = False
    free_above_ttc: Decimal | None = None
    shipping_method: str = "fixed"
    out_of_range: str = "highest"
    price_ht: Decimal | None = None
    zone_ids: list[int] = field(default_factory=list)
    product_ids: list[int] = field(default_factory=list)


def save_carrier(db: Session, carrier: Carrier | None, data: CarrierInput) -> Carrier:
    """Create or update a carrier, its zones and its products after checking every field."""
    name = data.name.strip()
    if not name:
        raise ServiceError("Le nom du transporteur est obligatoire.", "name")
    if data.shipping_method not in METHODS:
        raise ServiceError("Choisissez un mode de facturation.", "shipping_method")
    if data.out_of_range not in OUT_OF_RANGE:
        raise ServiceError("Choisissez le comportement hors tranches.", "out_of_range")
    if data.price_ht is not None and data.price_ht < 0:
        raise ServiceError("Des frais de port ne peuvent pas être négatifs.", "price_ht")
    if data.free_above_ttc is not None and data.free_above_ttc < 0:
        raise ServiceError("Un seuil de livraison gratuite ne peut pas être négatif.", "free_above_ttc")
    zones = [z for z in (db.get(Zone, i) for i in data.zone_ids) if z is not None]
    if not zones:
        raise ServiceError("Cochez au moins une zone desservie par ce transporteur.", "zone_ids")
    if carrier is None:
        tax_id = db.scalar(select(Tax.id).order_by(Tax.id))
        position = (db.scalar(select(func.max(Carrier.position))) or 0) + 1
        carrier = Carrier(tax_id=tax_id, position=position)
        db.add(carrier)
    carrier.name, carrier.delay, carrier.active = name, data.delay.strip(), data.active
    carrier.is_free, carrier.free_above_ttc = data.is_free, data.free_above_ttc
    carrier.shipping_method, carrier.out_of_range = data.shipping_method, data.out_of_range
    carrier.price_ht = to_cents(data.price_ht or Decimal(0))
    db.flush()
    wanted = {z.id for z in zones}
    current = set(db.scalars(select(CarrierZone.zone_id).where(CarrierZone.carrier_id == carrier.id)))
    for zone_id in current - wanted:
        db.delete(db.get(CarrierZone, (carrier.id, zone_id)))
    for zone_id in sorted(wanted - current):
        db.add(CarrierZone(carrier_id=carrier.id, zone_id=zone_id))
    products = {p.id for p in (db.get(Product, i) for i in data.product_ids) if p is not None}
    linked = set(db.scalars(select(ProductCarrier.product_id).where(ProductCarrier.carrier_id == carrier.id)))
    for product_id in linked - products:
        db.delete(db.get(ProductCarrier, (product_id, carrier.id)))
    for product_id in sorted(products - linked):
        db.add(ProductCarrier(product_id=product_id, carrier_id=carrier.id))
    db.flush()
    return carrier


@dataclass
class RangeInput:
    """One range row: bounds and the price HT per zone id (range_id None for a new range)."""

    range_id: int | None
    lower: Decimal | None
    upper: Decimal | None
    prices: dict[int, Decimal | None]
    remove: bool = False


def save_ranges(db: Session, carrier: Carrier, rows: list[RangeInput]) -> None:
    """Replace the bounds and zone prices of a carrier's ranges; every row is checked before any change."""
    zones = {
        z.id: z.name
        for z in db.scalars(
            select(Zone)
            .join(CarrierZone, CarrierZone.zone_id == Zone.id)
            .where(CarrierZone.carrier_id == carrier.id)
        )
    }
    kept = [r for r in rows if not r.remove]
    unit = "kg" if carrier.shipping_method == "weight" else "€"
    for row in kept:
        where = f"range_{row.range_id or 'new'}"
        if row.lower is None or row.upper is None:
            raise ServiceError("Indiquez les deux bornes de la tranche (De et À).", where)
        if row.lower < 0:
            raise ServiceError("Une borne de tranche ne peut pas être négative.", where)
        if row.upper <= row.lower:
            raise ServiceError(
                f"La borne « À » ({_n(row.upper)} {unit}) doit être supérieure à la borne « De ».", where
            )
        for zone_id, name in zones.items():
            price = row.prices.get(zone_id)
            if price is None:
                raise ServiceError(
                    f"Indiquez le prix HT de la zone {name} pour la tranche "
                    f"{_n(row.lower)}–{_n(row.upper)} {unit}.",
                    where,
                )
            if price < 0:
                raise ServiceError(f"Le prix de la zone {name} ne peut pas être négatif.", where)
    ordered = sorted(kept, key=lambda r: r.lower)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.lower < before.upper:
            raise ServiceError(
                f"Les tranches {_n(before.lower)}–{_n(before.upper)} et "
                f"{_n(after.lower)}–{_n(after.upper)} "
                f"{unit} se chevauchent.",
                "ranges",
            )
    for row in rows:
        existing = db.get(CarrierRange, row.range_id) if row.range_id else None
        if existing is not None and existing.carrier_id != carrier.id:
            raise ServiceError("Cette tranche appartient à un autre transporteur.", "ranges")
        if row.remove:
            if existing is not None:
                db.delete(existing)
            continue
        target = existing or CarrierRange(carrier_id=carrier.id)
        target.lower, target.upper = row.lower, row.upper
        db.add(target)
        db.flush()
        for zone_id in zones:
            price = to_cents(row.prices[zone_id])
            current = db.get(CarrierRangePrice, (target.id, zone_id))
            if current is None:
                db.add(CarrierRangePrice(range_id=target.id, zone_id=zone_id, price_ht=price))
            elif current.price_ht != price:
                current.price_ht = price  # updated in place: the activity shows only real changes
    db.flush()


def delete_carrier(db: Session, carrier: Carrier) -> None:
    """Delete a carrier; one used by orders or carts is kept for them but hidden and switched off."""
    used = db.scalar(select(Order.id).where(Order.carrier_id == carrier.id).limit(1)) or db.scalar(
        select(Cart.id).where(Cart.carrier_id == carrier.id).limit(1)
    )
    if used:
        carrier.deleted, carrier.active = True, False
    else:
        db.delete(carrier)
    db.flush()


def save_zone(db: Session, zone: Zone | None, name: str, active: bool, country_ids: list[int]) -> Zone:
    """Create or rename a zone and choose its countries."""
    name = (name or "").strip()
    if not name:
        raise ServiceError("Le nom de la zone est obligatoire.", "name")
    other = db.scalar(select(Zone).where(func.lower(Zone.name) == name.lower()))
    if other is not None and (zone is None or other.id != zone.id):
        raise ServiceError(f"Une zone s'appelle déjà « {other.name} ».", "name")
    if zone is None:
        zone = Zone()
        db.add(zone)
    zone.name, zone.active = name, active
    db.flush()
    for country in (db.get(Country, i) for i in country_ids):
        if country is not None:
            country.zone_id = zone.id
    db.flush()
    return zone


def delete_zone(db: Session, zone: Zone) -> None:
    """Delete a zone that no country belongs to."""
    if db.scalar(select(Country.id).where(Country.zone_id == zone.id).limit(1)):
        raise ServiceError("Des pays appartiennent à cette zone : rattachez-les d'abord à une autre zone.")
    db.delete(zone)
    db.flush()
