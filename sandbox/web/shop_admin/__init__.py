"""Shop back office: dashboard, catalogue, stock, orders, customers (PrestaShop-like, in French)."""

from __future__ import annotations

from flask import Blueprint, g, redirect, request, url_for
from sqlalchemy import inspect
from sqlalchemy.orm import make_transient_to_detached

from sandbox.activity.actor import Actor
from sandbox.models import Employee, get_setting
from sandbox.web.context import log_out, login_id, sign_changes
from sandbox.web.seat_memo import seat_memo
from sandbox.web.shop_admin import guard, side

bp = Blueprint("shop_admin", __name__, url_prefix="/boutique/admin")

# Endpoints open without an employee login.
PUBLIC_ENDPOINTS = {"seat.shop_admin.login"}


@bp.before_request
def _require_employee():
    """Every page needs an active employee of this seat; their changes are signed with their name."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    employee_id = login_id("employee")
    employee = _employee(employee_id) if employee_id is not None else None
    if employee is None or not employee.active:
        if employee_id is not None:
            log_out("employee")
        return redirect(url_for("seat.shop_admin.login", next=request.full_path.rstrip("?")))
    g.employee = employee
    sign_changes(Actor("employee", employee.id, employee.full_name))
    return None


def _employee(employee_id: int) -> Employee | None:
    """The logged-in employee in this request's session, from its columns kept while the employee table
    is not written (every back-office request needs it: a query saved on each)."""
    columns = seat_memo(("employee", employee_id), lambda: _columns_of(employee_id), any_method=True,
                        tables=("employee",))
    if columns is None:
        return None
    kept = Employee(**columns)
    make_transient_to_detached(kept)
    return g.db.merge(kept, load=False)  # no query: the session takes the row as read


def _columns_of(employee_id: int) -> dict | None:
    employee = g.db.get(Employee, employee_id)
    if employee is None:
        return None
    # Not the password hash: no secret kept in memory (read again, lazily, by the page that needs it).
    return {c.key: getattr(employee, c.key) for c in inspect(Employee).column_attrs
            if c.key != "password_hash"}


@bp.context_processor
def _layout_values():
    """What the layout shows: the shop's name and the logged-in employee."""
    name = get_setting(g.db, "shop.name") or get_setting(g.db, "company.name") or "Ma boutique"
    return {"shop_name": name, "employee": g.get("employee")}


# Permissions are checked after the login (before_request functions run in registration order).
bp.before_request(guard.enforce_permissions)
bp.context_processor(guard.permission_values)
bp.context_processor(side.side_values)

from sandbox.web.shop_admin import (  # noqa: E402, F401, I001
    auth,
    dashboard,
    products,
    combinations,
    categories,
    stock,
    orders,
    customers,
    statistics,
    segments,
    gdpr,
    team,
    returns,
    credit_slips,
    customer_service,
    order_create,
    customers_edit,
    brands,
    product_extras,
    modules,
    main_menu,
    appearance,
    shop_pages,
    settings,
    shop_contact,
    reviews,
    attributes,
    promotions,
    price_rules,
    carriers,
    shipping,
    groups,
    payment,
)
