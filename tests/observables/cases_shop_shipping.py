"""Carriers and payment methods of the shop, proven ✓ and ✗ (Livraison › Transporteurs, Paiement)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Carrier, CarrierRange, CarrierRangePrice, CustomerGroup, Zone, set_setting
from sandbox.services import payment
from sandbox.services.carriers import delete_carrier
from tests.observables.both_ways import Case, each_unmet


def _carrier(db: Session, words: str) -> Carrier:
    return db.scalar(select(Carrier).where(Carrier.name.like(f"{words}%")))


def _delete_chronopost(db: Session) -> None:
    delete_carrier(db, _carrier(db, "Chronopost"))


def _switch_chronopost_off(db: Session) -> None:
    _carrier(db, "Chronopost").active = False


def _relay_heavier_costs_more(db: Session) -> None:
    """Mondial Relay, France: 5,75 € HT from 5 kg (3,75 € below)."""
    relay = _carrier(db, "Mondial Relay")
    france = db.scalar(select(Zone).where(Zone.name == "France métropolitaine"))
    heavy = db.scalar(select(CarrierRange).where(CarrierRange.carrier_id == relay.id)
                      .order_by(CarrierRange.lower.desc()))
    db.get(CarrierRangePrice, (heavy.id, france.id)).price_ht = Decimal("5.75")


def _wire_details(db: Session) -> None:
    set_setting(db, "payment.wire.details", "Indiquez la référence de commande dans le libellé du virement.")


def _wire_for_individuals_only(db: Session) -> None:
    groups = set(db.scalars(select(CustomerGroup.id)))
    individuals = db.scalar(select(CustomerGroup.id).where(CustomerGroup.name == "Particuliers"))
    payment.set_restriction(db, "wire", "groups", {individuals}, groups)


def _cheque_without_chronopost(db: Session) -> None:
    carriers = set(db.scalars(select(Carrier.id)))
    payment.set_restriction(db, "cheque", "carriers", carriers - {_carrier(db, "Chronopost").id}, carriers)


CASES: list[Case] = [
    *each_unmet(
        "carrier.zone",
        {"carrier": "colissimo", "zone": "Suisse", "cart_ttc": "30,00", "price_ttc": "19,90",
         "free_above": "80,00", "active": True},
        {"cart_ttc": "90,00", "price_ttc": "11,88", "free_above": "60,00", "active": False},
    ),
    Case("carrier.zone", {"carrier": "Mondial Relay", "zone": "France métropolitaine", "weight_kg": 10,
                          "price_ttc": "6,90"}, True, _relay_heavier_costs_more, why="price by weight"),
    Case("carrier.zone", {"carrier": "Mondial Relay", "zone": "France métropolitaine", "weight_kg": 2,
                          "price_ttc": "6,90"}, False, _relay_heavier_costs_more, why="lighter parcel"),
    Case("carrier.zone", {"carrier": "Mondial Relay", "zone": "Suisse"}, False, why="zone not delivered"),
    Case("carrier.zone", {"carrier": "Drone express", "zone": "Suisse"}, False, why="no such carrier"),
    Case("carrier.zone", {"carrier": "Colissimo", "zone": "Belgique"}, False, why="no such zone"),
    Case("carrier.removed", {"carrier": "Chronopost"}, True, _delete_chronopost, why="deleted"),
    Case("carrier.removed", {"carrier": "Chronopost"}, False, why="still offered"),
    Case("carrier.removed", {"carrier": "Chronopost"}, False, _switch_chronopost_off,
         why="only switched off"),
    *each_unmet(
        "payment.method",
        {"method": "cheque", "active": True, "payee": "lin & nature sas",
         "address": "Lin & Nature — Service commandes, 27 rue de l'Épeule, 59100 Roubaix"},
        {"active": False, "payee": "Lin et Nature SARL", "address": "BP 12, 59100 Roubaix"},
    ),
    *each_unmet(
        "payment.method",
        {"method": "wire", "owner": "Lin & Nature SAS", "iban": "FR7630076020421234567890107",
         "bic": "NORDFRPPXXX", "bank": "Crédit du Nord — agence Roubaix Grand-Place",
         "details": "Indiquez la référence de commande dans le libellé du virement."},
        {"owner": "Lin et Nature SARL", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP",
         "bank": "Crédit Agricole, Lille", "details": "Indiquez votre nom"},
        _wire_details, why="wire",
    ),
    Case("payment.restriction", {"method": "wire", "group": "Professionnels", "allowed": True}, True,
         why="no restriction"),
    Case("payment.restriction", {"method": "wire", "group": "Professionnels", "allowed": False}, True,
         _wire_for_individuals_only, why="refused to a group"),
    Case("payment.restriction", {"method": "wire", "group": "Professionnels", "allowed": True}, False,
         _wire_for_individuals_only, why="refused to a group, expected offered"),
    Case("payment.restriction", {"method": "wire", "group": "Particuliers", "allowed": False}, False,
         _wire_for_individuals_only, why="offered to a group, expected refused"),
    Case("payment.restriction", {"method": "cheque", "carrier": "Chronopost", "allowed": False}, True,
         _cheque_without_chronopost, why="refused with a carrier"),
    Case("payment.restriction", {"method": "cheque", "carrier": "Chronopost", "allowed": False}, False,
         why="offered with every carrier"),
    Case("payment.restriction", {"method": "cheque", "carrier": "Drone express"}, False,
         why="no such carrier"),
    Case("payment.restriction", {"method": "cheque", "group": "Grossistes"}, False, why="no such group"),
]
