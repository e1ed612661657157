"""Clients: list with filters, orders count and sales; detail with addresses, orders and private note."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from sandbox.models import Customer, CustomerGroup, Order, OrderState
from sandbox.services import ServiceError
from sandbox.services.customer_notes import set_private_note
from sandbox.services.order_status import counts_as_sale, is_sale
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import NoteForm
from sandbox.web.shop_admin.listing import arg_int, paginate
from sandbox.web.shop_admin.orders import customer_filter
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-CUS-1"]  # feature ids of this screen (coverage report)


def _order_figures():
    """Per customer: number of orders and sales TTC of valid orders (PrestaShop's « Ventes »)."""
    paid_total = case((counts_as_sale(), Order.total_ttc), else_=0)
    return (select(Order.customer_id, func.count(Order.id).label("orders"),
                   func.sum(paid_total).label("sales"))
            .join(OrderState, Order.state_id == OrderState.id).group_by(Order.customer_id).subquery())


@bp.get("/clients")
def customers():
    """Customer list: name, e-mail, group, orders, sales, registration; filters and pagination."""
    figures = _order_figures()
    stmt = (select(Customer, func.coalesce(figures.c.orders, 0), func.coalesce(figures.c.sales, 0))
            .outerjoin(figures, figures.c.customer_id == Customer.id)
            .options(selectinload(Customer.default_group)))
    search, group_id = request.args.get("q", "").strip(), arg_int("groupe")
    if search:
        stmt = stmt.where(customer_filter(search))
    if group_id:
        stmt = stmt.where(Customer.default_group_id == group_id)
    page = paginate(g.db, stmt.order_by(Customer.id.desc()), 50, scalars=False)
    groups = g.db.scalars(select(CustomerGroup).order_by(CustomerGroup.id)).all()
    return render_template("shop_admin/customers.html", page=page, groups=groups, filters=request.args)


# What the detail page shows of a customer, read with the customer in one query (a handful of rows).
_SHOWN = (joinedload(Customer.default_group), joinedload(Customer.groups), joinedload(Customer.addresses))


def _load(customer_id: int, shown: bool = False) -> Customer:
    customer = g.db.get(Customer, customer_id, options=_SHOWN if shown else ())
    if customer is None:
        abort(404, description="Ce client n'existe pas dans ce poste.")
    return customer


def _render(customer: Customer, form: NoteForm):
    orders = g.db.scalars(select(Order).where(Order.customer_id == customer.id)
                          .options(joinedload(Order.state)).order_by(Order.created_at.desc())).all()
    paid = [o for o in orders if is_sale(o.state)]
    return render_template("shop_admin/customer.html", customer=customer, orders=orders, form=form,
                           valid_count=len(paid), sales=sum((o.total_ttc for o in paid), start=0))


@bp.get("/clients/<int:customer_id>")
def customer(customer_id: int):
    """Detail of a customer."""
    customer = _load(customer_id, shown=True)
    form = NoteForm()
    form.note.data = customer.note
    return _render(customer, form)


@bp.post("/clients/<int:customer_id>/note")
def customer_note(customer_id: int):
    """Save the private note of a customer."""
    customer = _load(customer_id)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            set_private_note(g.db, customer, form.note.data or "")
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("La note privée a été enregistrée.", "success")
            # customer_id, not customer.id: the commit expired the customer (reading it again is a query)
            return redirect(url_for("seat.shop_admin.customer", customer_id=customer_id, _anchor="note"))
    return _render(customer, form)
