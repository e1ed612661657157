"""RFM segments of the customers: recency, frequency and monetary value of their valid orders.

Rules (days counted to the seat clock), checked in this order:
champions (last order ≤ 90 days, ≥ 3 orders) · fidèles (≤ 180 days, ≥ 3 orders) · nouveaux (≤ 90 days,
1 order) · prometteurs (≤ 180 days) · à risque (≤ 365 days, ≥ 2 orders) · perdus (> 365 days) ·
occasionnels (the others). Customers without a valid order are « sans commande ».
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Integer, func, select, type_coerce
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.models import Customer, Order, OrderState
from sandbox.services.order_status import counts_as_sale

SEGMENTS = {
    "champions": "Champions",
    "fideles": "Fidèles",
    "nouveaux": "Nouveaux",
    "prometteurs": "Prometteurs",
    "a-risque": "À risque",
    "perdus": "Perdus",
    "occasionnels": "Occasionnels",
    "sans-commande": "Sans commande",
}


@dataclass
class CustomerRfm:
    """One customer's RFM figures and segment."""

    customer_id: int
    name: str
    email: str
    last_order: date | None
    recency_days: int | None
    orders: int
    amount_ttc: Decimal
    segment: str


def segment_of(recency: int | None, frequency: int) -> str:
    """The segment code of a recency (days) and a number of valid orders."""
    if recency is None or frequency == 0:
        return "sans-commande"
    if recency <= 90 and frequency >= 3:
        return "champions"
    if recency <= 180 and frequency >= 3:
        return "fideles"
    if recency <= 90 and frequency == 1:
        return "nouveaux"
    if recency <= 180:
        return "prometteurs"
    if recency <= 365 and frequency >= 2:
        return "a-risque"
    if recency > 365:
        return "perdus"
    return "occasionnels"


def rfm(db: Session) -> list[CustomerRfm]:
    """Every registered customer (guests left out) with their RFM figures, best customers first."""
    today = seat_today(db)
    cents = func.sum(type_coerce(Order.total_ttc, Integer)).label("m")
    figures = (select(Order.customer_id, func.max(Order.created_at).label("last"),
                      func.count(Order.id).label("n"), cents)
               .join(OrderState, Order.state_id == OrderState.id).where(counts_as_sale())
               .group_by(Order.customer_id).subquery())
    rows = db.execute(
        select(Customer.id, Customer.first_name, Customer.last_name, Customer.email,
               figures.c.last, figures.c.n, figures.c.m)
        .outerjoin(figures, figures.c.customer_id == Customer.id).where(Customer.is_guest.is_(False))
    ).all()
    result = []
    for cid, first, last, email, last_at, n, m in rows:
        last_day = last_at.date() if last_at is not None else None
        recency = (today - last_day).days if last_day else None
        amount = (Decimal(m or 0) / 100).quantize(Decimal("0.01"))
        result.append(CustomerRfm(cid, f"{first} {last}", email, last_day, recency, int(n or 0), amount,
                                  segment_of(recency, n or 0)))
    result.sort(key=lambda c: (-c.amount_ttc, c.customer_id))
    return result


def segment_counts(customers: list[CustomerRfm]) -> list[tuple[str, str, int, Decimal]]:
    """(code, label, customers, amount TTC) of every segment."""
    return [(code, label, sum(1 for c in customers if c.segment == code),
             sum((c.amount_ttc for c in customers if c.segment == code), Decimal("0.00")))
            for code, label in SEGMENTS.items()]
