"""Credit slips: partial and full refunds are exact to the cent and keep the order's totals coherent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from sandbox.models import CreditSlip, Order, OrderLine, OrderState
from sandbox.services import ServiceError
from sandbox.services.credit_slips import issue_credit_slip, refund_everything, refunded_total
from tests.integration.shop_admin_helpers import seat_db


def _paid_order(db) -> Order:
    """A paid order with several articles, no discount, shipping charged, nothing refunded yet."""
    for order in db.scalars(
        select(Order)
        .join(OrderState, Order.state_id == OrderState.id)
        .where(
            OrderState.paid.is_(True),
            OrderState.code != "refunded",
            Order.total_discounts_ttc == 0,
            Order.shipping_ttc > 0,
        )
        .order_by(Order.id)
    ):
        if sum(x.quantity for x in order.lines) >= 3 and not any(x.quantity_refunded for x in order.lines):
            return order
    pytest.skip("no suitable order in the context")


def test_partial_then_full_refund_is_exact(seat, data):
    with seat_db(data, seat.name) as db:
        order = _paid_order(db)
        totals = (order.total_ttc, order.total_ht, order.total_paid_ttc)
        line = max(order.lines, key=lambda x: x.quantity)
        slip = issue_credit_slip(db, order, {line.id: 1}, employee_id=1)
        assert slip.partial and slip.amount_ttc == line.unit_price_ttc and slip.shipping_ttc == 0
        assert line.quantity_refunded == 1
        assert (
            order.total_ttc,
            order.total_ht,
            order.total_paid_ttc,
        ) == totals  # invoiced totals never change
        rest = refund_everything(db, order, employee_id=1)
        assert not rest.partial and rest.shipping_ttc == order.shipping_ttc
        assert refunded_total(db, order) == order.total_ttc == slip.amount_ttc + rest.amount_ttc
        assert all(x.quantity_refunded == x.quantity for x in order.lines)
        assert order.state.code == "refunded"
        lines_sum = sum(
            (
                x.unit_price_ttc * x.quantity
                for x in db.scalars(select(OrderLine).where(OrderLine.order_id == order.id))
            ),
            Decimal(0),
        )
        assert lines_sum + order.shipping_ttc == order.total_ttc
        assert isinstance(rest.amount_ttc, Decimal) and rest.amount_ttc.as_tuple().exponent == -2


def test_refusals_leave_nothing_behind(seat, data):
    with seat_db(data, seat.name) as db:
        order = _paid_order(db)
        line = order.lines[0]
        with pytest.raises(ServiceError, match="au plus"):
            issue_credit_slip(db, order, {line.id: line.quantity + 1})
        with pytest.raises(ServiceError, match="au moins un produit"):
            issue_credit_slip(db, order, {line.id: 0})
        with pytest.raises(ServiceError, match="positive"):
            issue_credit_slip(db, order, {line.id: -1})
        issue_credit_slip(db, order, {}, shipping=True)
        with pytest.raises(ServiceError, match="déjà été remboursés"):
            issue_credit_slip(db, order, {}, shipping=True)
        unpaid = db.scalar(
            select(Order)
            .join(OrderState, Order.state_id == OrderState.id)
            .where(OrderState.paid.is_(False))
            .limit(1)
        )
        with pytest.raises(ServiceError, match="pas été payée"):
            issue_credit_slip(db, unpaid, {unpaid.lines[0].id: 1})
        assert db.scalar(select(CreditSlip).where(CreditSlip.order_id == unpaid.id)) is None
