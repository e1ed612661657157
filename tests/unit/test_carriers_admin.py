"""Back office › Livraison saved through the carriers service, on the small shop of
tests/unit/pricing_world.py: every refusal with its exact French message and field, the bounds accepted at
their edge, and what a saved carrier, range or zone then costs at checkout (found by mutation testing:
scripts/mutation.sh carriers)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from sandbox.models import (
    Carrier,
    CarrierRange,
    CarrierRangePrice,
    CarrierZone,
    Cart,
    Country,
    Order,
    ProductCarrier,
    Zone,
)
from sandbox.services import ServiceError
from sandbox.services.carriers import (
    CarrierInput,
    RangeInput,
    delete_carrier,
    delete_zone,
    save_carrier,
    save_ranges,
    save_zone,
)
from sandbox.services.shipping import carrier_price

D = Decimal
NOW = datetime(2027, 5, 20, 10, 0)


def refusal(call, *args) -> tuple[str, str | None]:
    """The (message, field) of the ServiceError the call raises, spaces made ordinary."""
    with pytest.raises(ServiceError) as caught:
        call(*args)
    return caught.value.message.replace("\u202f", " ").replace("\xa0", " "), caught.value.field


def zones_of(db, carrier_id: int) -> set[int]:
    return set(db.scalars(select(CarrierZone.zone_id).where(CarrierZone.carrier_id == carrier_id)))


def products_of(db, carrier_id: int) -> set[int]:
    return set(db.scalars(select(ProductCarrier.product_id).where(ProductCarrier.carrier_id == carrier_id)))


# Carriers: the form's checks, then what is saved.

@pytest.mark.parametrize(("changes", "message", "field"), [
    ({"name": "  "}, "Le nom du transporteur est obligatoire.", "name"),
    ({"shipping_method": "volume"}, "Choisissez un mode de facturation.", "shipping_method"),
    ({"out_of_range": "ignore"}, "Choisissez le comportement hors tranches.", "out_of_range"),
    ({"price_ht": D("-0.01")}, "Des frais de port ne peuvent pas être négatifs.", "price_ht"),
    ({"free_above_ttc": D("-0.01")},
     "Un seuil de livraison gratuite ne peut pas être négatif.", "free_above_ttc"),
    ({"zone_ids": []}, "Cochez au moins une zone desservie par ce transporteur.", "zone_ids"),
    ({"zone_ids": [99]}, "Cochez au moins une zone desservie par ce transporteur.", "zone_ids"),
])
def test_a_carrier_is_refused_with_the_reason_next_to_its_field(db, changes, message, field):
    data = CarrierInput(**{"name": "Coursier", "zone_ids": [1], **changes})
    count = len(db.scalars(select(Carrier)).all())
    assert refusal(save_carrier, db, None, data) == (message, field)
    assert len(db.scalars(select(Carrier)).all()) == count  # nothing saved


def test_a_new_carrier_is_saved_as_typed_last_in_the_list_with_the_first_tax(db):
    data = CarrierInput(name="  Coursier  ", delay="  24 h  ", active=False, is_free=False,
                        free_above_ttc=D("0"), shipping_method="price", out_of_range="disable",
                        price_ht=D("0"), zone_ids=[4, 99, 1], product_ids=[3, 99, 2])
    carrier = save_carrier(db, None, data)
    assert (carrier.name, carrier.delay, carrier.active, carrier.is_free) == (
        "Coursier", "24 h", False, False)
    assert (carrier.free_above_ttc, carrier.shipping_method, carrier.out_of_range) == (
        D("0"), "price", "disable")
    assert (carrier.price_ht, carrier.tax_id, carrier.position) == (D("0.00"), 1, 1)
    assert zones_of(db, carrier.id) == {1, 4}
    assert products_of(db, carrier.id) == {2, 3}
    second = save_carrier(db, None, CarrierInput(name="Express", is_free=True, zone_ids=[2]))
    assert (second.position, second.is_free, second.active, second.out_of_range) == (2, True, True, "highest")
    assert (second.price_ht, second.free_above_ttc, second.shipping_method) == (D("0.00"), None, "fixed")
    assert carrier_price(db, second, D("10.00"), db.get(Zone, 2)) == (D("0.00"), D("0.00"))


def test_an_edited_carrier_keeps_its_place_and_prices_its_new_fixed_fee_to_the_cent(db):
    colissimo = db.get(Carrier, 1)
    colissimo.position = 3
    db.add(ProductCarrier(product_id=1, carrier_id=1))
    db.flush()
    data = CarrierInput(name="Colissimo suivi", price_ht=D("5.755"), zone_ids=[2, 4], product_ids=[2])
    assert save_carrier(db, colissimo, data) is colissimo
    assert (colissimo.position, colissimo.tax_id, colissimo.price_ht) == (3, 1, D("5.76"))
    assert zones_of(db, 1) == {2, 4}  # France métropolitaine unticked, Europe ticked
    assert products_of(db, 1) == {2}
    assert len(db.scalars(select(Carrier)).all()) == 2
    # A fixed price now, in the zones ticked only: 5,76 HT → 6,91 TTC.
    assert carrier_price(db, colissimo, D("30.00"), db.get(Zone, 4)) == (D("5.76"), D("6.91"))
    assert carrier_price(db, colissimo, D("30.00"), db.get(Zone, 1)) is None


def test_deleting_a_carrier_used_by_an_order_or_a_cart_hides_it_for_them(db):
    db.add(Carrier(id=3, name="Coursier", price_ht=D("9.00"), tax_id=1))
    db.flush()
    db.add(Cart(token="t", carrier_id=2, created_at=NOW, updated_at=NOW))
    db.add(Order(reference="ABCDEFGHI", customer_id=1, delivery_address_id=1, invoice_address_id=1,
                 carrier_id=1, payment="Chèque", state_id=1, total_products_ht=D(0), total_products_ttc=D(0),
                 total_discounts_ttc=D(0), shipping_ht=D(0), shipping_ttc=D(0), total_ht=D(0),
                 total_ttc=D(0), total_paid_ttc=D(0), created_at=NOW))
    db.flush()
    for carrier_id in (1, 2):
        carrier = db.get(Carrier, carrier_id)
        delete_carrier(db, carrier)
        assert db.get(Carrier, carrier_id) is carrier
        assert (carrier.deleted, carrier.active) == (True, False)
    delete_carrier(db, db.get(Carrier, 3))
    db.expire_all()
    assert db.get(Carrier, 3) is None


# Ranges: both bounds, in order, a price per zone served, no overlap.

def ranges_of(db, carrier_id: int) -> list[tuple]:
    rows = db.scalars(select(CarrierRange).where(CarrierRange.carrier_id == carrier_id)
                      .order_by(CarrierRange.lower))
    return [(r.lower, r.upper, {p.zone_id: p.price_ht for p in db.scalars(
        select(CarrierRangePrice).where(CarrierRangePrice.range_id == r.id))}) for r in rows]


BEFORE = [(D("0.00"), D("5.00"), {1: D("3.75"), 4: D("7.42")}),
          (D("5.00"), D("30.00"), {1: D("6.58"), 4: D("12.42")})]


@pytest.mark.parametrize(("row", "message", "field"), [
    (RangeInput(None, None, D("40"), {1: D(1), 4: D(1)}),
     "Indiquez les deux bornes de la tranche (De et À).", "range_new"),
    (RangeInput(4, D("5"), None, {1: D(1), 4: D(1)}),
     "Indiquez les deux bornes de la tranche (De et À).", "range_4"),
    (RangeInput(None, D("-0.01"), D("40"), {1: D(1), 4: D(1)}),
     "Une borne de tranche ne peut pas être négative.", "range_new"),
    (RangeInput(None, D("40"), D("40"), {1: D(1), 4: D(1)}),
     "La borne « À » (40,00 kg) doit être supérieure à la borne « De ».", "range_new"),
    (RangeInput(None, D("30"), D("1234.5"), {1: D(1)}),
     "Indiquez le prix HT de la zone Union européenne pour la tranche 30,00–1 234,50 kg.", "range_new"),
    (RangeInput(None, D("30"), D("40"), {1: D(1), 4: D("-0.01")}),
     "Le prix de la zone Union européenne ne peut pas être négatif.", "range_new"),
    (RangeInput(None, D("29.99"), D("40"), {1: D(1), 4: D(1)}),
     "Les tranches 5,00–30,00 et 29,99–40,00 kg se chevauchent.", "ranges"),
    (RangeInput(None, D("1"), D("2"), {1: D(1), 4: D(1)}),
     "Les tranches 0,00–5,00 et 1,00–2,00 kg se chevauchent.", "ranges"),
    (RangeInput(1, D("30"), D("40"), {1: D(1), 4: D(1)}),
     "Cette tranche appartient à un autre transporteur.", "ranges"),
])
def test_a_bad_range_is_refused_and_nothing_changes(db, row, message, field):
    relay = db.get(Carrier, 2)  # by weight: bounds in kg
    rows = [RangeInput(3, D("0"), D("5"), {1: D("3.75"), 4: D("7.42")}),
            RangeInput(4, D("5"), D("30"), {1: D("6.58"), 4: D("12.42")})]
    rows = [r for r in rows if r.range_id != row.range_id] + [row]
    assert refusal(save_ranges, db, relay, rows) == (message, field)
    assert ranges_of(db, 2) == BEFORE


def test_a_range_by_price_names_its_bounds_in_euros(db):
    row = RangeInput(None, D("100000"), D("100000"), {1: D(1), 2: D(1)})
    assert refusal(save_ranges, db, db.get(Carrier, 1), [row]) == (
        "La borne « À » (100 000,00 €) doit être supérieure à la borne « De ».", "range_new")


def test_ranges_saved_from_zero_edge_to_edge_are_what_checkout_charges(db):
    relay = db.get(Carrier, 2)
    save_ranges(db, relay, [
        RangeInput(4, D("5"), D("30"), {1: D("6.584"), 4: D("0")}),  # Europe made free, France to the cent
        RangeInput(3, D("0"), D("5"), {1: D("3.75"), 4: D("7.42")}, remove=True),
        RangeInput(None, D("0"), D("5"), {1: D("2.50"), 4: D("5.00"), 2: D("9")}),  # edge to edge with 5–30
        RangeInput(None, D("-5"), None, {}, remove=True),  # a new row removed at once is not checked
    ])
    assert ranges_of(db, 2) == [(D("0.00"), D("5.00"), {1: D("2.50"), 4: D("5.00")}),
                                (D("5.00"), D("30.00"), {1: D("6.58"), 4: D("0.00")})]
    assert db.get(CarrierRange, 3) is None
    france, europe = db.get(Zone, 1), db.get(Zone, 4)
    assert carrier_price(db, relay, D("10"), france, weight_g=4999) == (D("2.50"), D("3.00"))
    assert carrier_price(db, relay, D("10"), france, weight_g=5000) == (D("6.58"), D("7.90"))
    assert carrier_price(db, relay, D("10"), europe, weight_g=6000) == (D("0.00"), D("0.00"))


def test_a_range_moved_keeps_its_prices_where_unchanged(db):
    relay = db.get(Carrier, 2)
    save_ranges(db, relay, [RangeInput(3, D("0"), D("5"), {1: D("3.75"), 4: D("7.42")}),
                            RangeInput(4, D("6"), D("40"), {1: D("6.58"), 4: D("13")})])
    assert ranges_of(db, 2) == [BEFORE[0], (D("6.00"), D("40.00"), {1: D("6.58"), 4: D("13.00")})]
    assert db.get(CarrierRange, 4).carrier_id == 2


# Zones: a unique name, countries moved in; a zone with countries is not deleted.

def test_a_zone_needs_a_name_of_its_own(db):
    corse = db.get(Zone, 2)
    assert refusal(save_zone, db, None, "  ", True, []) == ("Le nom de la zone est obligatoire.", "name")
    assert refusal(save_zone, db, None, None, True, []) == ("Le nom de la zone est obligatoire.", "name")
    assert refusal(save_zone, db, None, " corse ", True, []) == ("Une zone s'appelle déjà « Corse ».", "name")
    assert refusal(save_zone, db, corse, "UNION européenne", True, []) == (
        "Une zone s'appelle déjà « Union européenne ».", "name")
    assert save_zone(db, corse, " CORSE ", False, []) is corse  # its own name, other case
    assert (corse.name, corse.active) == ("CORSE", False)


def test_a_new_zone_takes_its_countries_and_prices_them_apart(db):
    db.add(Country(id=3, name="Suisse", iso_code="CH", zone_id=4))
    db.flush()
    zone = save_zone(db, None, "  Europe hors UE ", True, [3, 99])
    assert (zone.name, zone.active, zone.id is not None) == ("Europe hors UE", True, True)
    assert (db.get(Country, 3).zone_id, db.get(Country, 2).zone_id) == (zone.id, 4)
    assert refusal(delete_zone, db, zone) == (
        "Des pays appartiennent à cette zone : rattachez-les d'abord à une autre zone.", None)
    save_zone(db, db.get(Zone, 4), "Union européenne", True, [3])
    assert db.get(Country, 3).zone_id == 4
    delete_zone(db, zone)
    assert db.scalar(select(Zone).where(Zone.name == "Europe hors UE")) is None
