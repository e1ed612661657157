"""« Faire le corrigé »: nothing the author does is dropped silently — a carrier's free-shipping threshold
is proposed (✓ on the model answer, ✗ on the starting state), and every kind of event either proposes or is
listed « Non transposable » with its French summary."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from sandbox.activity.actor import Actor, act_as
from sandbox.db.base import Base
from sandbox.models import Brand, Carrier
from sandbox.models.activity import ActivityEvent
from sandbox.seats import create_seat
from sandbox.services.carriers import CarrierInput, save_carrier
from sandbox.subjects.studio.propose import PARTS, propose
from sandbox.subjects.studio.propose_builders import BUILDERS
from sandbox.subjects.studio.propose_leftover import leftovers
from sandbox.subjects.studio.record import author_events, last_event_id
from tests.subjects.conftest import seat_session

AUTHOR = Actor("employee", 1, "Auteur du sujet")


def _carrier_input(carrier: Carrier, **changed) -> CarrierInput:
    """The carrier as its form shows it, with the author's changes."""
    zones = [z.zone_id for z in carrier.zones] if hasattr(carrier, "zones") else []
    data = {
        "name": carrier.name, "delay": carrier.delay, "active": carrier.active, "is_free": carrier.is_free,
        "free_above_ttc": carrier.free_above_ttc, "shipping_method": carrier.shipping_method,
        "out_of_range": carrier.out_of_range, "price_ht": carrier.price_ht, "zone_ids": zones,
    }
    return CarrierInput(**(data | changed))


def test_a_free_shipping_threshold_is_proposed_and_an_unchecked_action_is_listed(data):
    from sandbox.models import CarrierZone

    create_seat(data, "studio-0000cafe-depart")
    create_seat(data, "studio-0000cafe-corrige")
    with (
        seat_session(data, "studio-0000cafe-corrige") as answer,
        seat_session(data, "studio-0000cafe-depart") as start,
    ):
        since = last_event_id(answer)
        act_as(answer, AUTHOR)
        carrier = answer.scalar(
            select(Carrier).join(CarrierZone, CarrierZone.carrier_id == Carrier.id)
            .where(Carrier.free_above_ttc.is_(None), Carrier.deleted.is_(False)).order_by(Carrier.id).limit(1)
        )
        zones = list(answer.scalars(select(CarrierZone.zone_id).where(CarrierZone.carrier_id == carrier.id)))
        save_carrier(answer, carrier, _carrier_input(carrier, free_above_ttc=Decimal("80"), zone_ids=zones))
        brand = answer.scalar(select(Brand).order_by(Brand.id).limit(1))
        brand.name = brand.name + " (maison)"  # no check type looks at a brand's name
        answer.commit()
        proposals = propose(answer, start, since)
        left = leftovers(answer, author_events(answer, since), BUILDERS, PARTS)
    free = [p for p in proposals if p.observable.get("free_above") == "80,00"]
    assert free and free[0].observable["check"] == "carrier.zone", [p.observable for p in proposals]
    assert free[0].discriminates, (free[0].sentence, free[0].on_answer, free[0].on_start)
    assert "gratuit dès 80,00" in free[0].sentence
    assert not any(carrier.name in s and "gratuite" in s for s in left), left
    assert any("Marque" in s and "(maison)" in s for s in left), left


def test_every_kind_of_event_proposes_or_is_listed(data):
    """Each model the seats record events for: an event on a missing object proposes nothing, so it is
    listed with its summary (no builder may fail on it, none may swallow it)."""
    kinds = sorted(m.class_.__name__ for m in Base.registry.mappers if hasattr(m.class_, "__activity__"))
    assert len(kinds) > 40
    create_seat(data, "studio-0000f00d-corrige")
    with seat_session(data, "studio-0000f00d-corrige") as db:
        events = [
            ActivityEvent(object_type=kind, object_id="987654", action=action, changes={"name": ["a", "b"]},
                          summary=f"{kind} {action}", actor_kind="employee")
            for kind in kinds for action in ("create", "update", "delete")
        ]
        left = leftovers(db, events, BUILDERS, PARTS)
    assert [e.summary for e in events if e.summary not in left] == []
