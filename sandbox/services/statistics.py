"""Shop statistics over a period of the seat clock: audience, sales, customers, carts, top products.

Sales count valid orders only (paid, not refunded — as PrestaShop's statistics do), dated by their
creation. Amounts are summed in SQL on the stored integers (cents, micro-euros) and turned back into
exact Decimals, so figures match a hand computation to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, Integer, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from sandbox.clock import seat_today
from sandbox.models import Cart, CartLine, Category, Order, OrderLine, OrderState, Product, TrafficDay
from sandbox.money import to_cents
from sandbox.services import ServiceError
from sandbox.services.order_status import REFUNDED, counts_as_sale

ABANDONED_HOURS = 24  # a cart left this long without an order is abandoned
PRESETS = {"7j": "7 jours", "30j": "30 jours", "mois": "Ce mois", "mois-precedent": "Mois précédent",
           "12m": "12 mois"}
SOURCES = {"direct": "Accès direct", "search": "Moteurs de recherche", "social": "Réseaux sociaux",
           "email": "E-mailing", "ads": "Publicité", "referral": "Sites référents"}
TOP = 10


@dataclass(frozen=True)
class Period:
    """Days from start to end, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """Number of days of the period."""
        return (self.end - self.start).days + 1

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """[first moment, moment after the last day)."""
        after = self.end + timedelta(days=1)
        return datetime.combine(self.start, time.min), datetime.combine(after, time.min)

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def preset_period(preset: str, today: date) -> Period:
    """The period of a preset (7 jours, 30 jours, ce mois, mois précédent, 12 mois) ending on the seat day."""
    if preset == "7j":
        return Period(today - timedelta(days=6), today)
    if preset == "mois":
        return Period(today.replace(day=1), today)
    if preset == "mois-precedent":
        end = today.replace(day=1) - timedelta(days=1)
        return Period(end.replace(day=1), end)
    if preset == "12m":
        return Period(today - timedelta(days=364), today)
    return Period(today - timedelta(days=29), today)


def custom_period(start: date | None, end: date | None) -> Period:
    """A period typed by the user; raises ServiceError when it makes no sense."""
    if start is None:
        raise ServiceError("Indiquez la date de début (jj/mm/aaaa).", "start")
    if end is None:
        raise ServiceError("Indiquez la date de fin (jj/mm/aaaa).", "end")
    if end < start:
        raise ServiceError("La date de fin doit suivre la date de début.", "end")
    if (end - start).days > 3 * 366:
        raise ServiceError("Choisissez une période de trois ans au plus.", "end")
    return Period(start, end)


@dataclass
class Figures:
    """The key figures of one period."""

    period: Period
    visits: int = 0
    visitors: int = 0
    orders: int = 0
    revenue_ht: Decimal = Decimal("0.00")
    revenue_ttc: Decimal = Decimal("0.00")
    new_customers: int = 0
    returning_customers: int = 0
    abandoned_carts: int = 0
    carts: int = 0
    by_day: list[tuple[date, int, int, int, Decimal]] = field(default_factory=list)
    by_source: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def conversion(self) -> Decimal:
        """Valid orders per 100 visits, two decimals."""
        return _ratio(Decimal(self.orders) * 100, self.visits)

    @property
    def average_basket(self) -> Decimal:
        """Revenue TTC per valid order."""
        return to_cents(_ratio(self.revenue_ttc, self.orders))

    @property
    def abandon_rate(self) -> Decimal:
        """Abandoned carts per 100 carts of the period."""
        return _ratio(Decimal(self.abandoned_carts) * 100, self.carts)


def _ratio(numerator: Decimal, denominator: int | Decimal) -> Decimal:
    if not denominator:
        return Decimal("0.00")
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _cents(raw) -> Decimal:
    return (Decimal(raw or 0) / 100).quantize(Decimal("0.01"))


def _sales(period: Period):
    """Conditions of a valid order created during the period."""
    start, end = period.bounds
    return and_(Order.created_at >= start, Order.created_at < end, counts_as_sale())


def figures(db: Session, period: Period) -> Figures:
    """Audience, sales, customers and carts of a period, with day and source breakdowns."""
    result = Figures(period)
    traffic = db.execute(
        select(TrafficDay.day, func.sum(TrafficDay.visits), func.sum(TrafficDay.visitors))
        .where(TrafficDay.day >= period.start, TrafficDay.day <= period.end).group_by(TrafficDay.day)
    ).all()
    day_of = func.date(Order.created_at)
    sales = db.execute(
        select(day_of, func.count(Order.id), func.sum(type_coerce(Order.total_ht, Integer)),
               func.sum(type_coerce(Order.total_ttc, Integer)))
        .join(OrderState, Order.state_id == OrderState.id).where(_sales(period)).group_by(day_of)
    ).all()
    per_day = {d: [v, u, 0, Decimal("0.00")] for d, v, u in traffic}
    for day_text, count, ht, ttc in sales:
        row = per_day.setdefault(_as_date(day_text), [0, 0, 0, Decimal("0.00")])
        row[2], row[3] = count, _cents(ttc)
        result.orders += count
        result.revenue_ht += _cents(ht)
        result.revenue_ttc += _cents(ttc)
    day = period.start
    while day <= period.end:
        v, u, o, r = per_day.get(day, (0, 0, 0, Decimal("0.00")))
        result.by_day.append((day, v, u, o, r))
        result.visits += v
        result.visitors += u
        day += timedelta(days=1)
    result.by_source = [
        (s, int(v), int(u)) for s, v, u in db.execute(
            select(TrafficDay.source, func.sum(TrafficDay.visits), func.sum(TrafficDay.visitors))
            .where(TrafficDay.day >= period.start, TrafficDay.day <= period.end)
            .group_by(TrafficDay.source).order_by(func.sum(TrafficDay.visits).desc(), TrafficDay.source))
    ]
    result.new_customers, result.returning_customers = _new_and_returning(db, period)
    result.carts, result.abandoned_carts = _carts(db, period)
    return result


def _new_and_returning(db: Session, period: Period) -> tuple[int, int]:
    """Buyers of the period whose first valid order is in it (new) or before it (returning)."""
    start, _ = period.bounds
    earlier, state = aliased(Order), aliased(OrderState)
    before = (select(earlier.id).join(state, earlier.state_id == state.id)
              .where(earlier.customer_id == Order.customer_id, earlier.created_at < start,
                     state.paid.is_(True), state.code != REFUNDED)
              .exists())
    buyers = (select(Order.customer_id, before.label("has_earlier"))
              .join(OrderState, Order.state_id == OrderState.id).where(_sales(period))
              .group_by(Order.customer_id).subquery())
    total, returning = db.execute(
        select(func.count(), func.sum(case((buyers.c.has_earlier, 1), else_=0))).select_from(buyers)
    ).one()
    return int(total or 0) - int(returning or 0), int(returning or 0)


def abandoned_cutoff(db: Session) -> datetime:
    """Carts last changed before this moment and never ordered are abandoned."""
    return datetime.combine(seat_today(db), time(8, 0)) - timedelta(hours=ABANDONED_HOURS)


def _carts(db: Session, period: Period) -> tuple[int, int]:
    """(carts with products created during the period, those of them abandoned)."""
    start, end = period.bounds
    with_lines = select(CartLine.id).where(CartLine.cart_id == Cart.id).exists()
    cutoff = abandoned_cutoff(db)
    total, abandoned = db.execute(
        select(func.count(Cart.id),
               func.sum(case((and_(Cart.order_id.is_(None), Cart.updated_at < cutoff), 1), else_=0)))
        .where(Cart.created_at >= start, Cart.created_at < end, with_lines)
    ).one()
    return int(total or 0), int(abandoned or 0)


def top_products(db: Session, period: Period, limit: int = TOP) -> list[dict]:
    """Best-selling products of the period: quantity sold and sales HT (valid orders)."""
    qty = func.sum(OrderLine.quantity)
    ht = func.sum(type_coerce(OrderLine.unit_price_ht, BigInteger) * OrderLine.quantity)
    rows = db.execute(
        select(OrderLine.product_id, func.coalesce(func.min(Product.name), func.min(OrderLine.name)),
               func.coalesce(func.min(Product.reference), func.min(OrderLine.reference)), qty, ht)
        .join(Order, OrderLine.order_id == Order.id).join(OrderState, Order.state_id == OrderState.id)
        .outerjoin(Product, OrderLine.product_id == Product.id)
        .where(_sales(period)).group_by(OrderLine.product_id)
        .order_by(ht.desc(), OrderLine.product_id).limit(limit)
    ).all()
    return [{"product_id": pid, "name": name, "reference": ref, "quantity": int(q),
             "sales_ht": to_cents(Decimal(raw) / 1_000_000)} for pid, name, ref, q, raw in rows]


def top_categories(db: Session, period: Period, limit: int = TOP) -> list[dict]:
    """Sales of the period by the products' default category: quantity and sales HT."""
    qty = func.sum(OrderLine.quantity)
    ht = func.sum(type_coerce(OrderLine.unit_price_ht, BigInteger) * OrderLine.quantity)
    rows = db.execute(
        select(Category.id, Category.name, qty, ht)
        .select_from(OrderLine).join(Order, OrderLine.order_id == Order.id)
        .join(OrderState, Order.state_id == OrderState.id)
        .join(Product, OrderLine.product_id == Product.id)
        .join(Category, Product.default_category_id == Category.id)
        .where(_sales(period)).group_by(Category.id, Category.name)
        .order_by(ht.desc(), Category.id).limit(limit)
    ).all()
    return [{"category_id": cid, "name": name, "quantity": int(q),
             "sales_ht": to_cents(Decimal(raw) / 1_000_000)} for cid, name, q, raw in rows]


def evolution(current: Decimal | int, previous: Decimal | int) -> Decimal | None:
    """Change in percent from the previous period (None when the previous one is zero)."""
    if not previous:
        return None
    return _ratio((Decimal(current) - Decimal(previous)) * 100, Decimal(previous))


def source_label(code: str) -> str:
    """French name of a traffic source."""
    return SOURCES.get(code, code)
