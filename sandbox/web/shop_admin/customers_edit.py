"""Clients: create and edit a customer (identity, groups, default group, note) and their addresses."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from sandbox.models import Address, Customer
from sandbox.services import ServiceError
from sandbox.services.customers import ADDRESS_FIELDS, save_address
from sandbox.services.customers_admin import all_groups, save_customer
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.shop_admin.service_forms import AdminAddressForm, CustomerForm

FEATURES = ["B-CUS-1"]  # feature ids of this screen (coverage report)


def _customer(customer_id: int) -> Customer:
    customer = g.db.get(Customer, customer_id)
    if customer is None:
        abort(404, description="Ce client n'existe pas dans ce poste.")
    return customer


@bp.route(
    "/clients/nouveau", methods=["GET", "POST"], defaults={"customer_id": None}, endpoint="customer_new"
)
@bp.route("/clients/<int:customer_id>/modifier", methods=["GET", "POST"])
def customer_edit(customer_id: int | None):
    """Create or edit a customer account."""
    customer = _customer(customer_id) if customer_id else None
    groups = all_groups(g.db)
    if request.method == "GET":
        form = CustomerForm(obj=customer)
        form.groups.data = [x.id for x in customer.groups] if customer else [3] if len(groups) > 2 else []
        form.default_group_id.data = customer.default_group_id if customer else (form.groups.data or [0])[0]
    else:
        form = CustomerForm()
    form.groups.choices = [(x.id, x.name) for x in groups]
    form.default_group_id.choices = [(x.id, x.name) for x in groups]
    if form.validate_on_submit():
        try:
            saved = save_customer(
                g.db,
                customer,
                gender=form.gender.data or "",
                first_name=form.first_name.data or "",
                last_name=form.last_name.data or "",
                email=form.email.data or "",
                password=form.password.data or "",
                birthday=form.birthday.data,
                company=form.company.data or "",
                siret=form.siret.data or "",
                group_ids=form.groups.data or [],
                default_group_id=form.default_group_id.data,
                newsletter=form.newsletter.data,
                optin=form.optin.data,
                active=form.active.data,
                note=form.note.data or "",
            )
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Le client {saved.full_name} a été enregistré.", "success")
            return redirect(url_for("seat.shop_admin.customer", customer_id=saved.id))
    return render_template("shop_admin/customer_edit.html", form=form, customer=customer)


@bp.route(
    "/clients/<int:customer_id>/adresses/nouvelle",
    methods=["GET", "POST"],
    defaults={"address_id": None},
    endpoint="customer_address_new",
)
@bp.route("/clients/<int:customer_id>/adresses/<int:address_id>", methods=["GET", "POST"])
def customer_address_edit(customer_id: int, address_id: int | None):
    """Add or edit an address of a customer."""
    customer = _customer(customer_id)
    address = g.db.get(Address, address_id) if address_id else None
    if address_id and (address is None or address.customer_id != customer.id):
        abort(404, description="Cette adresse n'existe pas pour ce client.")
    form = AdminAddressForm(obj=address) if request.method == "GET" else AdminAddressForm()
    if request.method == "GET" and address is None:
        form.first_name.data, form.last_name.data = customer.first_name, customer.last_name
    if form.validate_on_submit():
        try:
            save_address(g.db, customer, address, {k: getattr(form, k).data or "" for k in ADDRESS_FIELDS})
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("L'adresse a été enregistrée.", "success")
            return redirect(
                url_for("seat.shop_admin.customer", customer_id=customer.id, _anchor="h-adresses")
            )
    return render_template("shop_admin/customer_address.html", form=form, customer=customer, address=address)
