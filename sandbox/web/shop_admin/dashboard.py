"""Dashboard: the seat's day and month (orders, revenue), latest orders, stock-outs, pending work."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import g, render_template
from sqlalchemy import func, select

from sandbox.clock import seat_today
from sandbox.models import Combination, Customer, CustomerThread, Order, OrderState, Product, ProductComment
from sandbox.services.order_status import counts_as_sale
from sandbox.web.shop_admin import bp

FEATURES = ["B-NAV-1"]  # feature ids of this screen (coverage report)


def stock_of_products():
    """(subquery, expression): the stock of each product, summed over its combinations when it has some."""
    sums = (select(Combination.product_id, func.sum(Combination.quantity).label("quantity"))
            .group_by(Combination.product_id).subquery())
    return sums, func.coalesce(sums.c.quantity, Product.quantity)


def _orders_between(start: datetime, end: datetime) -> dict:
    """Count of orders and paid revenue TTC between two moments."""
    count = g.db.scalar(select(func.count(Order.id)).where(Order.created_at >= start, Order.created_at < end))
    revenue = g.db.scalar(
        select(func.sum(Order.total_ttc)).join(OrderState, Order.state_id == OrderState.id)
        .where(Order.created_at >= start, Order.created_at < end, counts_as_sale())
    )
    return {"count": count or 0, "revenue": revenue or 0}


@bp.get("/")
def index():
    """Tableau de bord."""
    today = seat_today(g.db)
    start_day = datetime.combine(today, time.min)
    start_month = datetime.combine(today.replace(day=1), time.min)
    end_day = start_day + timedelta(days=1)
    sums, stock = stock_of_products()
    out_of_stock = (select(Product, stock.label("stock")).outerjoin(sums, sums.c.product_id == Product.id)
                    .where(stock <= 0, Product.active.is_(True)).order_by(Product.name))
    figures = {
        "day": _orders_between(start_day, end_day),
        "month": _orders_between(start_month, end_day),
        "new_customers": g.db.scalar(select(func.count(Customer.id)).where(
            Customer.created_at >= start_month, Customer.created_at < end_day,
            Customer.is_guest.is_(False))) or 0,
        "pending_comments": g.db.scalar(select(func.count(ProductComment.id))
                                        .where(ProductComment.validated.is_(False))) or 0,
        "open_threads": g.db.scalar(select(func.count(CustomerThread.id))
                                    .where(CustomerThread.status != "closed")) or 0,
        "out_of_stock_count": g.db.scalar(select(func.count()).select_from(out_of_stock.subquery())) or 0,
    }
    latest = g.db.scalars(select(Order).order_by(Order.created_at.desc(), Order.id.desc()).limit(10)).all()
    return render_template("shop_admin/dashboard.html", today=today, figures=figures, latest=latest,
                           out_of_stock=g.db.execute(out_of_stock.limit(10)).all())
