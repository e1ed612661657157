"""Model answers of boutique subjects C to G (see ``answers``)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.activity.actor import Actor, act_as
from sandbox.models import Carrier, CarrierRange, Combination, Country, Customer, Order, Product, Profile
from sandbox.services.carriers import CarrierInput, RangeInput, save_carrier, save_ranges, save_zone
from sandbox.services.cart import add_to_cart, new_cart
from sandbox.services.catalogue import save_product
from sandbox.services.categories import CategoryInput, save_category
from sandbox.services.checkout import place_order
from sandbox.services.customers import register, save_address
from sandbox.services.groups import save_group, set_customer_groups
from sandbox.services.permissions import rights_of, save_permissions
from sandbox.services.product_shipping import ShippingInput, save_product_shipping
from sandbox.services.stock import set_combination_quantity
from sandbox.services.team import save_employee
from tests.studio.answers import (
    AUTHOR,
    TEXT_250,
    brand_id,
    by,
    category_id,
    combine,
    employee,
    named,
    note,
    set_state,
    sheet,
)


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


BABY_TEXT = (
    "Une turbulette d'été en gaze de coton certifiée OEKO-TEX, légère et respirante pour les nuits chaudes. "
    "Fermeture éclair protégée, emmanchures larges. Lavez-la à 30 °C avec une lessive douce sans parfum, "
    "comme le conseille notre article sur le linge de bébé."
)


def c_q1(db: Session, objects: dict) -> None:
    """The summer sleeping bag's sheet, six combinations, texts and SEO, online."""
    bag = named(db, objects, "turbulette")
    default = category_id(db, "Linge de lit bébé")
    data = sheet(
        bag, reference="TURBULETTE-ETE", brand_id=brand_id(db, "Petit Lin"), price_ttc=Decimal("39.90"),
        default_category_id=default, category_ids=[default], description=BABY_TEXT, active=True,
        meta_title="Turbulette d'été en gaze de coton | Lin & Nature",
        meta_description="Turbulette d'été en gaze de coton OEKO-TEX, légère et respirante, de 0 à 18 mois.",
    )  # fmt: skip
    save_product(db, bag, data, employee_id=1)
    combine(db, bag, [["0-6 mois", "6-18 mois"], ["Rose poudré", "Bleu ciel", "Écru"]], 12)


def c_q2(db: Session, objects: dict) -> None:
    """A « Nuit de bébé » category under « Bébé et enfant », with both sleeping bags in it."""
    night = save_category(
        db, None,
        CategoryInput(name="Nuit de bébé", parent_id=category_id(db, "Bébé et enfant"), description=TEXT_250,
                      meta_title="Nuit de bébé | Lin & Nature"),
    )  # fmt: skip
    for product in (named(db, objects, "turbulette"), by(db, Product, reference="GIGOTEUSE")):
        ids = [c.id for c in product.categories] + [night.id]
        save_product(db, product, sheet(product, category_ids=ids), employee_id=1)


def c_q3(db: Session, objects: dict) -> None:
    """The test purchase on the shop (account, relay, cheque), then cancelled in the back office."""
    act_as(db, Actor("visitor", None, "Visiteur"))
    email = "camille.stagiaire@lin-et-nature.fr"
    customer = register(db, gender="Mme", first_name="Camille", last_name="Stagiaire", email=email,
                        password="Parcours-Test-2027")  # fmt: skip
    act_as(db, Actor("customer", customer.id, customer.full_name))
    where = {"address1": "27 rue de l'Épeule", "postcode": "59100", "city": "Roubaix"}
    address = save_address(db, customer, None, {"first_name": "Camille", "last_name": "Stagiaire", **where})
    cape = db.scalar(select(Combination).where(Combination.reference == "CAPE-CIE"))
    cart = new_cart(db, customer)
    add_to_cart(db, cart, cape.product, cape, 1)
    relay = db.scalar(select(Carrier).where(Carrier.name.like("Mondial Relay%")))
    order = place_order(db, cart, customer, address, relay, "cheque")
    act_as(db, AUTHOR)
    set_state(db, order, "cancelled")


def c_q4(db: Session, objects: dict) -> None:
    """Twenty sleeping bags received: the out-of-stock combination counted again."""
    bag = by(db, Product, reference="GIGOTEUSE")
    combination = next(c for c in bag.combinations if {a.name for a in c.attributes} == {"0-6 mois", "Écru"})
    set_combination_quantity(db, combination, 20, "Livraison du transporteur", 1)


def c_q5(db: Session, objects: dict) -> None:
    """The parcel delivered; a note to call the customer back in July."""
    set_state(db, named(db, objects, "colis", Order), "delivered")
    note(db, named(db, objects, "dubreucq", Customer), "Rappeler en juillet : coffret naissance Petit Lin.")


WORK["ln-boutique-c"] = {"q1": c_q1, "q2": c_q2, "q3": c_q3, "q4": c_q4, "q5": c_q5}
