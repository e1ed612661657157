"""Checks on shipping: a carrier's zones, ranges and price in a zone; a carrier removed."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from sandbox.formatting import format_money
from sandbox.models import Carrier, CarrierZone, Zone
from sandbox.services.shipping import carrier_price
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, quote
from sandbox.subjects.params import Param, text

CARRIER = text('"Mondial Relay" (mots du nom du transporteur)', names="Carrier")


def find_carrier(ctx: ObserveContext, name: str, deleted: bool | None = False) -> Carrier | None:
    """The newest carrier whose name holds these words (deleted ones only when asked)."""
    rows = ctx.db.scalars(select(Carrier).order_by(Carrier.id.desc())).all()
    return next(
        (c for c in rows if fold(name) in fold(c.name) and (deleted is None or c.deleted == deleted)), None
    )


@check(
    "carrier.zone",
    features=("B-SHP-1",),
    label="Transporteur : zone et prix",
    params={
        "carrier": CARRIER,
        "zone": text('"Suisse" (zone desservie attendue)'),
        "cart_ttc": Param("money", '"30,00" (montant TTC de produits du panier simulé)', False),
        "weight_kg": Param("int", "2 (poids du panier simulé, en kg)", False, minimum=0),
        "price_ttc": Param("money", '"11,88" (frais de port TTC attendus dans cette zone)', False),
        "free_above": Param("money", '"80,00" (seuil de livraison gratuite attendu)', False),
        "active": opt_bool("true si le transporteur doit être activé"),
    },
)
def carrier_zone(ctx: ObserveContext, p: dict) -> Observation:
    """Whether a carrier delivers a zone, and its price there for a simulated cart."""
    carrier = find_carrier(ctx, p["carrier"])
    if carrier is None:
        return Observation(False, f"Aucun transporteur nommé {quote(p['carrier'])}")
    zone = ctx.db.scalar(select(Zone).where(Zone.name.ilike(p["zone"].strip())))
    if zone is None:
        return Observation(False, f"Aucune zone nommée {quote(p['zone'])}")
    zones = [
        z.name
        for z in ctx.db.scalars(
            select(Zone)
            .join(CarrierZone, CarrierZone.zone_id == Zone.id)
            .where(CarrierZone.carrier_id == carrier.id)
            .order_by(Zone.id)
        )
    ]
    cart = Decimal(p.get("cart_ttc", "30"))
    price = carrier_price(ctx.db, carrier, cart, zone, int(p.get("weight_kg", 1)) * 1000)
    shown = (
        "ne livre pas cette zone"
        if price is None
        else ("gratuit" if price[1] == 0 else f"{format_money(price[1])} TTC ({format_money(price[0])} HT)")
    )
    free = (
        f", gratuit dès {format_money(carrier.free_above_ttc)}" if carrier.free_above_ttc is not None else ""
    )
    facts = (
        f"Transporteur {carrier.name} : zones {', '.join(zones) or 'toutes'} ; {zone.name}, panier de "
        f"{format_money(cart)} : {shown}{free}{'' if carrier.active else ' ; désactivé'}"
    )
    misses = []
    if price is None:
        misses.append(f"livraison en zone {zone.name}")
    elif "price_ttc" in p and price[1] != Decimal(p["price_ttc"]):
        misses.append(f"frais de port {format_money(Decimal(p['price_ttc']))} TTC")
    if "free_above" in p and carrier.free_above_ttc != Decimal(p["free_above"]):
        misses.append(f"livraison gratuite dès {format_money(Decimal(p['free_above']))}")
    if "active" in p and carrier.active != p["active"]:
        misses.append("transporteur activé" if p["active"] else "transporteur désactivé")
    return verdict(facts, misses)


@check(
    "carrier.removed",
    features=("B-SHP-1",),
    label="Transporteur supprimé",
    params={"carrier": CARRIER},
)
def carrier_removed(ctx: ObserveContext, p: dict) -> Observation:
    """A carrier no longer offered: deleted (or never there)."""
    still = find_carrier(ctx, p["carrier"])
    if still is not None:
        state = "toujours proposé" if still.active else "désactivé mais pas supprimé"
        return Observation(False, f"Transporteur {still.name} : {state} — attendu : supprimé")
    gone = find_carrier(ctx, p["carrier"], deleted=True)
    name = gone.name if gone is not None else p["carrier"]
    return Observation(True, f"Transporteur {name} : supprimé (les commandes passées le gardent) — conforme")
