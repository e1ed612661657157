"""Shop back office › Livraison: carriers (billing, zones, ranges, products) and zones; bad input refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sandbox.models import Carrier, CarrierRange, CarrierRangePrice, CarrierZone, Zone
from sandbox.services.shipping import carrier_price
from tests.integration.shop_admin_helpers import ADMIN, form_values, login, seat_db, text

MONDIAL_RELAY, SWITZERLAND = 3, 5


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def test_pages_open(client, admin):
    for path in (
        "/livraison/transporteurs",
        "/livraison/transporteurs/nouveau",
        "/livraison/transporteurs/2",
        "/livraison/zones",
        "/livraison/zones/nouvelle",
        "/livraison/zones/1",
    ):
        assert client.get(admin + path).status_code == 200, path
    page = text(client.get(f"{admin}/livraison/transporteurs").get_data(as_text=True))
    assert "Colissimo Domicile" in page and "Union européenne" in page


@pytest.mark.feature("B-SHP-1")
def test_extend_a_carrier_to_a_zone_with_its_price(client, admin, seat, data):
    url = f"{admin}/livraison/transporteurs/{MONDIAL_RELAY}"
    values = form_values(client.get(url).get_data(as_text=True), "carrier-form")
    values["zone_ids"] = (
        [*values["zone_ids"], str(SWITZERLAND)]
        if isinstance(values["zone_ids"], list)
        else [values["zone_ids"], str(SWITZERLAND)]
    )
    assert client.post(url, data=values).status_code == 302
    page = client.get(url).get_data(as_text=True)
    ranges = form_values(page, "ranges-form")
    missing = client.post(f"{url}/tranches", data=ranges)
    assert missing.status_code == 422 and "Indiquez le prix HT de la zone Suisse" in text(
        missing.get_data(as_text=True)
    )
    with seat_db(data, seat.name) as db:
        range_ids = list(
            db.scalars(
                select(CarrierRange.id)
                .where(CarrierRange.carrier_id == MONDIAL_RELAY)
                .order_by(CarrierRange.lower)
            )
        )
    for range_id in range_ids:
        ranges[f"price_{range_id}_{SWITZERLAND}"] = "9,90"
    negative = client.post(f"{url}/tranches", data={**ranges, f"price_{range_ids[0]}_{SWITZERLAND}": "-1"})
    assert negative.status_code == 422 and "ne peut pas être négatif" in text(negative.get_data(as_text=True))
    assert client.post(f"{url}/tranches", data=ranges).status_code == 302
    with seat_db(data, seat.name) as db:
        carrier = db.get(Carrier, MONDIAL_RELAY)
        assert carrier_price(db, carrier, Decimal("30.00"), db.get(Zone, SWITZERLAND), 1200) == (
            Decimal("9.90"),
            Decimal("11.88"),
        )


def test_ranges_must_not_overlap_nor_be_reversed(client, admin, seat, data):
    url = f"{admin}/livraison/transporteurs/2"
    ranges = form_values(client.get(url).get_data(as_text=True), "ranges-form")
    with seat_db(data, seat.name) as db:
        before = db.scalar(select(func.count()).select_from(CarrierRangePrice))
    reversed_ = {**ranges, "lower_new": "200", "upper_new": "150"}
    answer = client.post(f"{url}/tranches", data=reversed_)
    assert "doit être supérieure à la borne « De »" in text(answer.get_data(as_text=True))
    overlap = {**ranges, "lower_new": "40", "upper_new": "60", **{f"price_new_{z}": "5" for z in range(1, 6)}}
    answer = client.post(f"{url}/tranches", data=overlap)
    assert "se chevauchent" in text(answer.get_data(as_text=True))
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(func.count()).select_from(CarrierRangePrice)) == before


def test_create_refusals_and_delete(client, admin, seat, data):
    url = f"{admin}/livraison/transporteurs/nouveau"
    values = form_values(client.get(url).get_data(as_text=True), "carrier-form")
    values.update(name="Coursier vélo", delay="Dans la journée", price_ht="-3")
    values["zone_ids"] = ["1"]
    answer = client.post(url, data=values)
    assert answer.status_code == 422 and "ne peuvent pas être négatifs" in text(answer.get_data(as_text=True))
    answer = client.post(url, data={**values, "price_ht": "4,00", "zone_ids": []})
    assert "Cochez au moins une zone" in text(answer.get_data(as_text=True))
    assert client.post(url, data={**values, "price_ht": "4,00"}).status_code == 302
    with seat_db(data, seat.name) as db:
        carrier = db.scalar(select(Carrier).where(Carrier.name == "Coursier vélo"))
        assert db.scalar(select(CarrierZone.zone_id).where(CarrierZone.carrier_id == carrier.id)) == 1
        carrier_id = carrier.id
    token = form_values(client.get(f"{admin}/livraison/transporteurs").get_data(as_text=True))["csrf_token"]
    client.post(f"{admin}/livraison/transporteurs/{carrier_id}/supprimer", data={"csrf_token": token})
    client.post(f"{admin}/livraison/transporteurs/2/supprimer", data={"csrf_token": token})
    with seat_db(data, seat.name) as db:
        assert db.get(Carrier, carrier_id) is None  # never used: really deleted
        assert db.get(Carrier, 2).deleted  # used by orders: kept for them, hidden
    page = client.get(f"{admin}/livraison/transporteurs").get_data(as_text=True)
    assert "a été supprimé" in page and "Colissimo Domicile</a>" not in page


def test_zone_with_countries_cannot_be_deleted(client, admin, seat, data):
    token = form_values(client.get(f"{admin}/livraison/zones").get_data(as_text=True))["csrf_token"]
    client.post(f"{admin}/livraison/zones/4/supprimer", data={"csrf_token": token})
    assert "Des pays appartiennent à cette zone" in text(
        client.get(f"{admin}/livraison/zones").get_data(as_text=True)
    )
    with seat_db(data, seat.name) as db:
        assert db.get(Zone, 4) is not None
