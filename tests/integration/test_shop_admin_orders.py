"""Shop back office › Commandes (list, detail, change of state with history), › Clients, dashboard."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import select

from sandbox.clock import seat_today
from sandbox.formatting import format_money
from sandbox.models import (
    ActivityEvent,
    Combination,
    Customer,
    CustomerThread,
    Order,
    OrderState,
    Product,
    ProductComment,
    StockMovement,
)
from sandbox.services.order_status import is_sale
from tests.integration.shop_admin_helpers import ADMIN, form_values, labels, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _state(db, code: str) -> OrderState:
    return db.scalar(select(OrderState).where(OrderState.code == code))


def test_order_list_filters_by_state_reference_and_customer(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        order = db.scalar(select(Order).order_by(Order.id.desc()))
        reference, state_id, state_name = order.reference, order.state_id, order.state.name
        customer = order.customer.last_name
    page = text(client.get(f"{admin}/commandes?reference={reference}").get_data(as_text=True))
    assert reference in page and state_name in page and "1 commande" in page and "1 commandes" not in page
    assert reference in text(
        client.get(f"{admin}/commandes?etat={state_id}&client={customer}").get_data(as_text=True)
    )
    assert "Aucune commande" in client.get(f"{admin}/commandes?reference=ZZZZZZZZZ").get_data(as_text=True)


def test_order_detail_shows_customer_lines_and_totals(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        order = db.scalar(select(Order).where(Order.customer_message != "").order_by(Order.id)) or db.scalar(
            select(Order).order_by(Order.id)
        )
        expected = [
            order.reference,
            order.customer.full_name,
            order.delivery_address.city,
            order.carrier.name,
            order.lines[0].name,
            format_money(order.total_ttc),
            format_money(order.lines[0].unit_price_ttc),
            order.customer_message,
        ]
    page = text(client.get(f"{admin}/commandes/{order.id}").get_data(as_text=True))
    for fragment in expected:
        assert fragment.replace("\xa0", " ").replace("\u202f", " ") in page


@pytest.mark.feature("B-ORD-1")
def test_change_of_state_adds_a_signed_history_row(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        shipped = _state(db, "shipped")
        order = db.scalar(select(Order).where(Order.state_id != shipped.id).order_by(Order.id.desc()))
        order_id, history = order.id, len(order.history)
    url = f"{admin}/commandes/{order_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Nouvel état de la commande" in labels(page)
    values = form_values(page, "state-form")
    values["state_id"] = str(shipped.id)
    response = client.post(f"{url}/etat", data=values)
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        order = db.get(Order, order_id)
        assert order.state_id == shipped.id and len(order.history) == history + 1
        assert (order.history[-1].state_id, order.history[-1].employee_id) == (shipped.id, 1)
        event = db.scalar(
            select(ActivityEvent)
            .where(ActivityEvent.object_type == "Order")
            .order_by(ActivityEvent.id.desc())
        )
        assert event.actor_name == "Candidat Stagiaire" and event.object_id == str(order_id)
    shown = text(client.get(url).get_data(as_text=True))
    assert f"État de la commande mis à jour : « {shipped.name} »." in shown and "Candidat Stagiaire" in shown
    again = client.post(f"{url}/etat", data={**values}).get_data(as_text=True)
    assert "La commande est déjà à l'état" in text(again)


def test_cancelling_an_order_puts_its_products_back_in_stock(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        cancelled = _state(db, "cancelled")
        candidates = db.scalars(select(Order).where(Order.state_id != cancelled.id).order_by(Order.id))
        order = next(o for o in candidates if all(line.product_id for line in o.lines))
        line = order.lines[0]
        model, item_id = (
            (Combination, line.combination_id) if line.combination_id else (Product, line.product_id)
        )
        before, quantity, order_id = db.get(model, item_id).quantity, line.quantity, order.id
    url = f"{admin}/commandes/{order_id}"
    values = form_values(client.get(url).get_data(as_text=True), "state-form")
    values["state_id"] = str(cancelled.id)
    assert client.post(f"{url}/etat", data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.get(model, item_id).quantity >= before + quantity
        reason = db.scalar(select(StockMovement.reason).order_by(StockMovement.id.desc()))
        assert reason.startswith("Annulation de la commande ")


def test_customer_list_and_private_note(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        customer = db.scalar(
            select(Customer).join(Order, Order.customer_id == Customer.id).order_by(Customer.id)
        )
        customer_id, last_name, email = customer.id, customer.last_name, customer.email
    listing = text(client.get(f"{admin}/clients?q={email}").get_data(as_text=True))
    assert last_name in listing and email in listing and "1 client" in listing and "1 clients" not in listing
    url = f"{admin}/clients/{customer_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Note privée" in labels(page)
    values = form_values(page, "note-form")
    values["note"] = "Cliente fidèle : préfère Colissimo.\r\nRappeler en juin."
    response = client.post(f"{url}/note", data=values)
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.get(Customer, customer_id).note == "Cliente fidèle : préfère Colissimo.\nRappeler en juin."
        event = db.scalar(select(ActivityEvent).order_by(ActivityEvent.id.desc()))
        assert event.object_type == "Customer" and event.actor_kind == "employee"
    assert "Cliente fidèle" in client.get(url).get_data(as_text=True)


def _dashboard_figures(db) -> dict[str, str]:
    """The dashboard's figures recounted from the seat, row by row in Python (not the screen's SQL)."""
    today = seat_today(db)
    orders = db.scalars(select(Order)).all()
    day = [o for o in orders if o.created_at.date() == today]
    month = [o for o in orders if (o.created_at.year, o.created_at.month) == (today.year, today.month)
             and o.created_at.date() <= today]

    def revenue(rows):
        return format_money(sum((o.total_ttc for o in rows if is_sale(o.state)), Decimal(0)))

    def stock(p):
        return sum(c.quantity for c in p.combinations) if p.combinations else p.quantity

    customers = db.scalars(select(Customer).where(Customer.is_guest.is_(False))).all()
    return {
        "day": f"{len(day)} commande(s) Chiffre d'affaires TTC (commandes valides) : {revenue(day)}",
        "month": f"{len(month)} commande(s) Chiffre d'affaires TTC (commandes valides) : {revenue(month)}",
        "new": "Nouveaux clients : " + str(sum(
            1 for c in customers if c.created_at.date().replace(day=1) == today.replace(day=1)
            and c.created_at.date() <= today)),
        "stock": "Produits en rupture de stock : " + str(sum(
            1 for p in db.scalars(select(Product).where(Product.active.is_(True))) if stock(p) <= 0)),
        "reviews": "Avis produits en attente de validation : " + str(sum(
            1 for c in db.scalars(select(ProductComment)) if not c.validated)),
        "threads": "Messages clients non clos (SAV) : " + str(sum(
            1 for t in db.scalars(select(CustomerThread)) if t.status != "closed")),
    }


def test_dashboard_counts(client, admin, seat, data):
    """Each figure of the dashboard is the seat's, recounted here (the seed has orders this month; one paid
    order is moved to this morning so that « Aujourd'hui » is not zero either)."""
    with seat_db(data, seat.name) as db:
        paid = next(o for o in db.scalars(select(Order).order_by(Order.id)) if is_sale(o.state))
        paid.created_at = datetime.combine(seat_today(db), time(9, 30))
        db.commit()
    page = text(client.get(f"{admin}/").get_data(as_text=True))
    for heading in ("Aujourd'hui", "Mois en cours", "Dernières commandes", "Produits en rupture de stock",
                    "Avis produits en attente de validation"):
        assert heading in page
    with seat_db(data, seat.name) as db:
        figures = _dashboard_figures(db)
    assert not figures["day"].startswith("0 ") and not figures["month"].startswith("0 ")
    assert not any(figures[k].endswith(" 0") for k in ("new", "stock", "reviews", "threads"))
    for name, figure in figures.items():
        assert text(figure) in page, (name, figure)
