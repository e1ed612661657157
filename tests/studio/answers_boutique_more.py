"""Model answers of boutique subjects C to G (see ``answers``)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Carrier, CarrierRange, Country, Customer, Profile
from sandbox.services.carriers import CarrierInput, RangeInput, save_carrier, save_ranges, save_zone
from sandbox.services.catalogue import save_product
from sandbox.services.groups import save_group, set_customer_groups
from sandbox.services.permissions import rights_of, save_permissions
from sandbox.services.product_shipping import ShippingInput, save_product_shipping
from sandbox.services.team import save_employee
from tests.studio.answers import TEXT_250, by, employee, named, sheet


def g_q1(db: Session, objects: dict) -> None:
    """The hotel towel: price HT, texts, 120 in stock, orders accepted when out of stock, two carriers."""
    towel = named(db, objects, "serviette")
    data = sheet(
        towel, price_ht=Decimal("9.50"), price_basis="ht", summary="La serviette des hôtels.",
        description=TEXT_250,
        quantity=120, out_of_stock="allow", available_later="Expédiée sous 10 jours", active=True,
        meta_title="Serviette hôtelière en éponge 650 g/m² | Lin & Nature",
        meta_description="Serviette en éponge 650 g/m² pour les hôtels et gîtes, vendue par cartons.",
    )  # fmt: skip
    save_product(db, towel, data, employee_id=1)
    names = ["Colissimo Domicile", "Messagerie palette (professionnels)"]
    save_product_shipping(db, towel, ShippingInput(carrier_ids=[by(db, Carrier, name=n).id for n in names]))


def g_q2(db: Session, objects: dict) -> None:
    """A Belgium zone, served by Colissimo Domicile at the annex's prices."""
    zone = save_zone(db, None, "Belgique", True, [by(db, Country, name="Belgique").id])
    carrier = by(db, Carrier, name="Colissimo Domicile")
    zones = _zones(db, carrier)
    fields = ("name", "delay", "active", "is_free", "free_above_ttc", "shipping_method", "out_of_range")
    fields += ("price_ht",)
    data = CarrierInput(**{f: getattr(carrier, f) for f in fields}, zone_ids=[*zones, zone.id])
    save_carrier(db, carrier, data)
    query = select(CarrierRange).where(CarrierRange.carrier_id == carrier.id)
    ranges = db.scalars(query.order_by(CarrierRange.lower))
    prices = [Decimal("9.90"), Decimal("14.90"), Decimal("24.90")]
    rows = []
    for index, row in enumerate(ranges):
        current = _prices(db, row)
        current[zone.id] = prices[min(index, 2)]
        rows.append(RangeInput(row.id, row.lower, row.upper, current))
    save_ranges(db, carrier, rows)


def _zones(db: Session, carrier: Carrier) -> list[int]:
    from sandbox.models import CarrierZone

    return list(db.scalars(select(CarrierZone.zone_id).where(CarrierZone.carrier_id == carrier.id)))


def _prices(db: Session, row: CarrierRange) -> dict:
    from sandbox.models import CarrierRangePrice

    found = db.scalars(select(CarrierRangePrice).where(CarrierRangePrice.range_id == row.id))
    return {p.zone_id: p.price_ht for p in found}


def g_q3(db: Session, objects: dict) -> None:
    """Inès Morel's employee account, customer service profile."""
    profile = by(db, Profile, name="Service client (SAV)")
    save_employee(
        db, None, employee(db), first_name="Inès", last_name="Morel", email="ines.morel@lin-et-nature.fr",
        profile_id=profile.id, active=True, password="Provisoire-2027!",
    )  # fmt: skip


def g_q4(db: Session, objects: dict) -> None:
    """The logistician sees and edits orders, only sees the catalogue."""
    profile = by(db, Profile, name="Logisticien")
    rights = rights_of(db, profile.id) | {"orders": {"view", "edit"}, "catalog": {"view"}}
    save_permissions(db, profile, rights, employee(db))


def g_q5(db: Session, objects: dict) -> None:
    """A group for the Opal Coast gîtes, 8 % off, prices shown HT; Mrs Leroy in it by default."""
    group = save_group(db, None, "Gîtes Côte d'Opale", Decimal(8), "ht", True)
    leroy = named(db, objects, "leroy", Customer)
    set_customer_groups(db, leroy, [g.id for g in leroy.groups] + [group.id], group.id)


WORK = {
    "ln-boutique-g": {"q1": g_q1, "q2": g_q2, "q3": g_q3, "q4": g_q4, "q5": g_q5},
}
