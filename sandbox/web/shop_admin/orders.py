"""Commandes: list with filters, detail (customer, addresses, lines, totals, history), change of state."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from sandbox.models import Customer, CustomerThread, Employee, Order, OrderState
from sandbox.services import ServiceError
from sandbox.services.credit_slips import slips_of
from sandbox.services.order_status import change_order_state, counts_as_sale, order_states
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import OrderStateForm
from sandbox.web.shop_admin.listing import arg_int, paginate
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-ORD-1"]  # feature ids of this screen (coverage report)


def _load(order_id: int) -> Order:
    order = g.db.get(Order, order_id)
    if order is None:
        abort(404, description="Cette commande n'existe pas dans ce poste.")
    return order


def customer_filter(text: str):
    """Customers whose name, company or e-mail contains the text."""
    like = f"%{text}%"
    return or_(Customer.first_name.ilike(like), Customer.last_name.ilike(like), Customer.email.ilike(like),
               Customer.company.ilike(like), (Customer.first_name + " " + Customer.last_name).ilike(like))


@bp.get("/commandes")
def orders():
    """Order list: reference, customer, total, payment, state, date; filters and pagination."""
    stmt = (select(Order).join(Customer, Order.customer_id == Customer.id)
            .options(selectinload(Order.state), selectinload(Order.customer)))
    reference, customer = request.args.get("reference", "").strip(), request.args.get("client", "").strip()
    state_id = arg_int("etat")
    if reference:
        stmt = stmt.where(Order.reference.ilike(f"%{reference}%"))
    if customer:
        stmt = stmt.where(customer_filter(customer))
    if state_id:
        stmt = stmt.where(Order.state_id == state_id)
    page = paginate(g.db, stmt.order_by(Order.created_at.desc(), Order.id.desc()), 50)
    return render_template("shop_admin/orders.html", page=page, states=order_states(g.db),
                           filters=request.args)


def _render(order: Order, form: OrderStateForm):
    names = dict(g.db.execute(select(Employee.id, Employee.first_name + " " + Employee.last_name)).all())
    threads = g.db.scalars(select(CustomerThread).where(CustomerThread.order_id == order.id)
                           .options(selectinload(CustomerThread.messages))).all()
    valid_orders = g.db.scalar(select(func.count(Order.id)).join(OrderState, Order.state_id == OrderState.id)
                               .where(Order.customer_id == order.customer_id, counts_as_sale())) or 0
    return render_template("shop_admin/order.html", order=order, form=form, employees=names, threads=threads,
                           valid_orders=valid_orders, slips=slips_of(g.db, order))


def _state_form() -> OrderStateForm:
    form = OrderStateForm()
    form.state_id.choices = [(s.id, s.name) for s in order_states(g.db)]
    return form


@bp.get("/commandes/<int:order_id>")
def order(order_id: int):
    """Detail of an order."""
    order = _load(order_id)
    form = _state_form()
    form.state_id.data = order.state_id
    return _render(order, form)


@bp.post("/commandes/<int:order_id>/etat")
def order_state(order_id: int):
    """Change the state of an order (history row signed by the employee)."""
    order = _load(order_id)
    form = _state_form()
    if form.validate_on_submit():
        try:
            change_order_state(g.db, order, form.state_id.data, g.employee.id)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"État de la commande mis à jour : « {order.state.name} ».", "success")
            return redirect(url_for("seat.shop_admin.order", order_id=order.id, _anchor="etat"))
    return _render(order, form)
