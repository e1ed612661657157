"""Clients › Segments (RFM) and Clients › RGPD (export, erase) through the back office."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from sandbox.models import ActivityEvent, Address, Customer, Order
from sandbox.services.segments import rfm, segment_of
from sandbox.subjects.observables import ObserveContext
from sandbox.subjects.observables.customer_data import customer_erased
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, login, seat_db, text


def test_segment_rules():
    assert segment_of(None, 0) == "sans-commande"
    assert segment_of(30, 4) == "champions"
    assert segment_of(150, 3) == "fideles"
    assert segment_of(10, 1) == "nouveaux"
    assert segment_of(120, 1) == "prometteurs"
    assert segment_of(300, 2) == "a-risque"
    assert segment_of(400, 9) == "perdus"
    assert segment_of(300, 1) == "occasionnels"


@pytest.mark.feature("X-STA-2")
def test_rfm_figures_and_segment_export(data, seat, client):
    db = seat_db(data, seat.name)
    customers = rfm(db)
    best = customers[0]
    orders = [o for o in db.scalars(select(Order).where(Order.customer_id == best.customer_id))
              if o.state.paid and o.state.code != "refunded"]
    assert best.orders == len(orders)
    assert best.amount_ttc == sum(o.total_ttc for o in orders)
    assert best.last_order == max(o.created_at for o in orders).date()
    db.close()

    login(client, seat)
    base = ADMIN.format(seat=seat.name)
    page = text(client.get(f"{base}/clients/segments?segment={best.segment}").get_data(as_text=True))
    assert best.name in page and "Champions" in page and "À risque" in page
    response = client.get(f"{base}/clients/segments/{best.segment}.csv")
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeffId client;Client;E-mail;") and best.email in body
    assert len(body.strip().splitlines()) == 1 + sum(1 for c in customers if c.segment == best.segment)


@pytest.mark.feature("X-STA-2")
def test_gdpr_export_then_erase_keeps_order_totals(data, seat, client):
    db = seat_db(data, seat.name)
    customer = db.scalars(select(Customer).join(Order, Order.customer_id == Customer.id)
                          .where(Customer.is_guest.is_(False)).order_by(Customer.id)).first()
    cid, email, name = customer.id, customer.email, customer.last_name
    totals = sorted((o.reference, o.total_ht, o.total_ttc) for o in
                    db.scalars(select(Order).where(Order.customer_id == cid)))
    db.close()

    login(client, seat)
    base = ADMIN.format(seat=seat.name)
    found = client.get(f"{base}/clients/rgpd?q={email}").get_data(as_text=True)
    assert f"/clients/{cid}/rgpd" in found
    exported = json.loads(client.get(f"{base}/clients/{cid}/rgpd/export.json").get_data(as_text=True))
    assert exported["client"]["email"] == email and len(exported["commandes"]) == len(totals)
    as_csv = client.get(f"{base}/clients/{cid}/rgpd/export.csv").get_data(as_text=True)
    assert as_csv.startswith("\ufeffDonnée;Valeur") and email in as_csv

    page = client.get(f"{base}/clients/{cid}/rgpd").get_data(as_text=True)
    wrong = client.post(f"{base}/clients/{cid}/rgpd/effacer",
                        data={"csrf_token": csrf_token(page), "confirmation": "autre@example.fr"})
    assert wrong.status_code == 200 and "Recopiez exactement" in wrong.get_data(as_text=True)
    assert 'value="autre@example.fr"' in wrong.get_data(as_text=True)
    done = client.post(f"{base}/clients/{cid}/rgpd/effacer",
                       data={"csrf_token": csrf_token(page), "confirmation": email})
    assert done.status_code == 302

    db = seat_db(data, seat.name)
    customer = db.get(Customer, cid)
    assert customer.email != email and name not in customer.full_name and not customer.active
    for address in db.scalars(select(Address).where(Address.customer_id == cid)):
        assert address.last_name != name and address.phone == "" and address.address1 == "Adresse effacée"
    assert sorted((o.reference, o.total_ht, o.total_ttc) for o in
                  db.scalars(select(Order).where(Order.customer_id == cid))) == totals
    recent = datetime.now() - timedelta(minutes=5)
    summaries = [e.summary for e in db.scalars(select(ActivityEvent).where(
        ActivityEvent.object_type == "Customer", ActivityEvent.at >= recent))]
    assert any("Export RGPD" in s for s in summaries)
    assert any("Effacement RGPD" in s for s in summaries)
    assert len(summaries) >= 3  # the export, the erasure notice and the customer's own change
    ctx = ObserveContext(db, {"cliente": {"type": "Customer", "id": cid}}, date(2027, 5, 20))
    observation = customer_erased(ctx, {"customer": "@cliente"})
    assert observation.ok and f"{len(totals)} commande(s) conservée(s)" in observation.sentence
    db.close()
