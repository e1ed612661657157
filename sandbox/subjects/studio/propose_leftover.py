"""« Faire le corrigé »: the carrier builder, and the author's actions that gave no proposal.

Nothing the author does in the model-answer seat is dropped silently: an event whose object and fields
give no candidate observable is listed under « Non transposable » with its French summary.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.subjects.studio.propose_shop import Candidate
from sandbox.subjects.studio.propose_shop import money as _money


def carrier(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A carrier's free-shipping threshold, activation and price, checked in the first zone it serves."""
    from sandbox.models import Carrier, CarrierZone, Zone
    from sandbox.services.shipping import carrier_price

    row = db.get(Carrier, int(oid)) if oid.isdigit() else None
    if row is None or row.deleted:
        return []
    zone = db.scalar(
        select(Zone).join(CarrierZone, CarrierZone.zone_id == Zone.id)
        .where(CarrierZone.carrier_id == row.id).order_by(Zone.id).limit(1)
    )
    if zone is None:
        return []  # carrier.zone needs a zone: without one the action is listed, not guessed
    entry: Candidate = {"check": "carrier.zone", "carrier": row.name, "zone": zone.name}
    if fields & {"free_above_ttc", "is_free", "id"} and row.free_above_ttc is not None:
        entry["free_above"] = _money(row.free_above_ttc)
    if "active" in fields:
        entry["active"] = bool(row.active)
    if fields & {"price_ht", "is_free", "shipping_method", "tax_id", "out_of_range", "id"}:
        price = carrier_price(db, row, Decimal(30), zone, 2000)
        if price is not None:
            entry |= {"weight_kg": 2, "cart_ttc": "30,00", "price_ttc": _money(price[1])}
    return [entry] if len(entry) > 3 else []


def leftovers(
    db: Session, events: list, builders: dict, parts: dict, objects: dict | None = None
) -> list[str]:
    """French summaries of the author's events that no builder turns into a candidate observable."""
    from sandbox.subjects.studio.propose import named  # imported late: propose imports the builders

    out: list[str] = []
    for event in events:
        if event.object_type in parts:
            kind, column, label = parts[event.object_type]
            owner = event.changes.get(column, [None, None])[1]
            if owner is None and "-" in event.object_id:
                owner = event.object_id.split("-")[0]
            oid, fields = (None if owner is None else str(owner)), {label}
        else:
            kind, oid = event.object_type, event.object_id
            fields = set(event.changes) | ({"id"} if event.action == "create" else set())
        builder = builders.get(kind)
        try:
            found = builder(db, oid, fields) if builder is not None and oid is not None else []
        except (ValueError, LookupError, AttributeError, TypeError):
            found = []  # an object gone since (deleted afterwards): nothing to propose from it
        # As ``candidates`` does: a proposal whose object cannot be said at all is not offered.
        found = [c for c in found if named(db, c, objects or {}) is not None]
        if not found:
            summary = event.summary or f"{event.object_type} {event.object_id} ({event.action})"
            if summary not in out:
                out.append(summary)
    return out
