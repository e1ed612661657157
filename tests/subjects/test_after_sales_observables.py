"""Check types of issue 4 part 3 on a seat: credit slips, returns conditions, SAV, customers, team."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.clock import seat_today
from sandbox.models import CustomerThread, Employee, Order, OrderState, get_setting
from sandbox.services.credit_slips import issue_credit_slip
from sandbox.services.customer_service import forward
from sandbox.subjects.observables import ObserveContext, observe
from tests.integration.shop_admin_helpers import seat_db


def _run(db, check_name: str, objects=None, **params):
    ctx = ObserveContext(db=db, objects=objects or {}, today=seat_today(db))
    return observe(ctx, {"check": check_name, "params": params})


def test_after_sales_check_types(seat, data):
    with seat_db(data, seat.name) as db:
        order = db.scalar(
            select(Order)
            .join(OrderState, Order.state_id == OrderState.id)
            .where(OrderState.code == "payment_accepted")
            .order_by(Order.id)
        )
        assert _run(db, "credit_slip.issued", order=order.reference).ok is False
        line = order.lines[0]
        issue_credit_slip(db, order, {line.id: 1})
        seen = _run(
            db, "credit_slip.issued", order=order.reference, kind="partial", amount=line.unit_price_ttc
        )
        assert seen.ok is True and "partiel" in seen.sentence
        assert _run(db, "credit_slip.issued", order=order.reference, kind="full").ok is False
        days = int(get_setting(db, "returns.days"))
        assert _run(db, "returns.conditions", enabled=True, days=days).ok is True
        assert _run(db, "returns.conditions", days=days + 1).ok is False
        thread = db.scalar(select(CustomerThread).order_by(CustomerThread.id))
        objects = {"fil": {"type": "CustomerThread", "id": thread.id}}
        assert _run(db, "thread.forwarded", objects, thread="@fil").ok is False
        forward(db, thread, db.get(Employee, 1), 4)
        assert (
            _run(
                db, "thread.forwarded", objects, thread="@fil", employee="sophie.lefebvre@lin-et-nature.fr"
            ).ok
            is True
        )
        assert _run(db, "predefined_message.exists", name="suivi de colis", contains=["expédiée"]).ok is True
        assert _run(db, "predefined_message.exists", name="Inconnu").ok is False
        customer = order.customer
        address = next(a for a in customer.addresses if not a.deleted)
        assert _run(db, "customer.address", customer=customer.email, city=address.city).ok is True
        assert _run(db, "customer.address", customer=customer.email, city="Tombouctou").ok is False
        assert (
            _run(
                db,
                "employee.exists",
                email="karim.benali@lin-et-nature.fr",
                profile="Logisticien",
                active=True,
            ).ok
            is True
        )
        assert _run(db, "employee.exists", email="emma.verhaeghe@lin-et-nature.fr", active=True).ok is False
        assert (
            _run(
                db,
                "profile.permission",
                profile="Logisticien",
                tab="orders",
                allowed=["view", "edit"],
                denied=["delete"],
            ).ok
            is True
        )
        denied = _run(db, "profile.permission", profile="Logisticien", tab="customers", allowed=["view"])
        assert denied.ok is False and "aucun droit" in denied.sentence
        assert _run(db, "profile.permission", profile="SuperAdmin", tab="team", allowed=["delete"]).ok is True
