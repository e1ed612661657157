"""Clients › RGPD: find a customer, download all their data (JSON or CSV), erase them (anonymisation)."""

from __future__ import annotations

import json

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy import func, or_, select
from wtforms import StringField
from wtforms.validators import DataRequired

from sandbox.models import Customer, Order
from sandbox.services import ServiceError
from sandbox.services.gdpr import erase_customer, export_customer, flatten
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.csv_export import csv_response

FEATURES = ["X-STA-2"]


class EraseForm(FlaskForm):
    """Confirmation of an erasure: the customer's e-mail typed again."""

    confirmation = StringField("Adresse e-mail du client (confirmation)",
                               validators=[DataRequired("Recopiez l'adresse e-mail du client.")])


def _load(customer_id: int) -> Customer:
    customer = g.db.get(Customer, customer_id)
    if customer is None:
        abort(404, description="Ce client n'existe pas dans ce poste.")
    return customer


@bp.get("/clients/rgpd")
def gdpr():
    """Search a customer by name or e-mail to answer a GDPR request."""
    search = request.args.get("q", "").strip()
    found = []
    if search:
        like = f"%{search.lower()}%"
        found = g.db.scalars(select(Customer).where(or_(
            func.lower(Customer.email).like(like), func.lower(Customer.last_name).like(like),
            func.lower(Customer.first_name + " " + Customer.last_name).like(like)))
            .order_by(Customer.last_name, Customer.id).limit(50)).all()
    return render_template("shop_admin/gdpr.html", search=search, found=found)


def _render(customer: Customer, form: EraseForm):
    orders = g.db.scalar(select(func.count(Order.id)).where(Order.customer_id == customer.id)) or 0
    return render_template("shop_admin/gdpr_customer.html", customer=customer, form=form, orders=orders)


@bp.get("/clients/<int:customer_id>/rgpd")
def gdpr_customer(customer_id: int):
    """The GDPR actions on one customer."""
    return _render(_load(customer_id), EraseForm())


@bp.get("/clients/<int:customer_id>/rgpd/export.<fmt>")
def gdpr_export(customer_id: int, fmt: str):
    """Download every datum of a customer (JSON or CSV); the export is recorded in the activity."""
    if fmt not in ("json", "csv"):
        abort(404)
    customer = _load(customer_id)
    data = export_customer(g.db, customer)
    g.db.commit()
    name = f"rgpd-client-{customer.id}"
    if fmt == "csv":
        return csv_response(f"{name}.csv", ["Donnée", "Valeur"], flatten(data))
    return Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}.json"'})


@bp.post("/clients/<int:customer_id>/rgpd/effacer")
def gdpr_erase(customer_id: int):
    """Erase (anonymise) a customer after confirmation."""
    customer = _load(customer_id)
    form = EraseForm()
    if form.validate_on_submit():
        try:
            erase_customer(g.db, customer, form.confirmation.data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            form.confirmation.errors = [*form.confirmation.errors, error.message]
        else:
            flash("Les données personnelles du client ont été effacées ; ses commandes sont conservées.",
                  "success")
            return redirect(url_for("seat.shop_admin.gdpr_customer", customer_id=customer.id))
    return _render(customer, form)
