"""Customer account: login, logout, registration, personal information, addresses, order history."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from sandbox import throttle
from sandbox.activity.actor import Actor
from sandbox.models import Customer
from sandbox.services import ServiceError, customers
from sandbox.services import cart as carts
from sandbox.services.customers import group_of
from sandbox.web.context import data_folder, log_in, log_out, require_login, sign_changes
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.chrome import current_cart, remember_cart, safe_next
from sandbox.web.shop_front.forms import AddressForm, EditIdentityForm, IdentityForm, LoginForm, attach_error

login_required = require_login("customer", "seat.shop_front.login")


def sign_in(customer: Customer) -> None:
    """Log the customer in on this seat, give them the visitor's cart or restore their last one."""
    visitor_cart = current_cart()
    log_in("customer", customer.id)
    g.customer, g.group = customer, group_of(g.db, customer)
    sign_changes(Actor("customer", customer.id, customer.full_name))
    if visitor_cart is not None and visitor_cart.lines:
        carts.attach_customer(g.db, visitor_cart, customer)
    else:
        remember_cart(carts.last_open_cart(g.db, customer))


def register_from(form: IdentityForm) -> Customer | None:
    """Create and log in the account typed in the form; None (errors attached) when refused."""
    try:
        customer = customers.register(
            g.db,
            gender=form.gender.data or "",
            first_name=form.first_name.data,
            last_name=form.last_name.data,
            email=form.email.data,
            password=form.password.data,
            birthday=form.birthday.data,
            newsletter=form.newsletter.data,
            optin=form.optin.data,
        )
        sign_in(customer)
        g.db.commit()
        return customer
    except ServiceError as exc:
        g.db.rollback()
        if not attach_error(form, exc):
            form.form_errors.append(exc.message)
        return None


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    """Log in with e-mail and password."""
    if g.customer is not None:
        return redirect(safe_next(request.args.get("next"), url_for(".account")))
    form = LoginForm()
    if form.validate_on_submit():
        refusals: list[ServiceError] = []

        def verify():
            try:
                return customers.authenticate(g.db, form.email.data, form.password.data)
            except ServiceError as exc:
                refusals.append(exc)
                return None
        try:
            customer = throttle.attempt(data_folder(), f"{g.seat}:customer", form.email.data or "",
                                        request.remote_addr, verify)
            if customer is None:
                raise refusals[0]
            sign_in(customer)
            g.db.commit()
        except throttle.Throttled as exc:
            form.password.errors = [exc.message]
            page = render_template("shop_front/login.html", form=form)
            return page, 429, {"Retry-After": str(exc.retry_after)}
        except ServiceError as exc:
            g.db.rollback()
            attach_error(form, exc)
        else:
            return redirect(safe_next(request.args.get("next"), url_for(".account")))
    return render_template("shop_front/login.html", form=form), 200 if not form.errors else 422


@bp.post("/deconnexion")
def logout():
    """Log out of this seat's shop (the cart stays with the account)."""
    log_out("customer")
    remember_cart(None)
    flash("Vous êtes déconnecté(e).", "info")
    return redirect(url_for(".index"))


@bp.route("/inscription", methods=["GET", "POST"])
def register():
    """Create a customer account."""
    if g.customer is not None:
        return redirect(url_for(".account"))
    form = IdentityForm()
    if form.validate_on_submit() and register_from(form) is not None:
        flash("Votre compte a été créé. Bienvenue !", "success")
        return redirect(safe_next(request.args.get("next"), url_for(".account")))
    return render_template("shop_front/register.html", form=form), 200 if not form.errors else 422


@bp.get("/mon-compte")
@login_required
def account():
    """The account's home: links to each part."""
    return render_template("shop_front/account.html")


@bp.route("/mon-compte/informations", methods=["GET", "POST"])
@login_required
def identity():
    """Edit personal information (and the password)."""
    form = EditIdentityForm(obj=g.customer)
    if request.method == "GET":
        form.password.data = ""
    if form.validate_on_submit():
        try:
            customers.update_identity(
                g.db,
                g.customer,
                gender=form.gender.data or "",
                first_name=form.first_name.data,
                last_name=form.last_name.data,
                email=form.email.data,
                birthday=form.birthday.data,
                newsletter=form.newsletter.data,
                optin=form.optin.data,
                new_password=form.password.data or "",
            )
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            attach_error(form, exc)
        else:
            flash("Vos informations ont été mises à jour.", "success")
            return redirect(url_for(".identity"))
    return render_template("shop_front/identity.html", form=form), 200 if not form.errors else 422


@bp.get("/mon-compte/adresses")
@login_required
def addresses():
    """The customer's addresses."""
    return render_template("shop_front/addresses.html", addresses=customers.addresses_of(g.customer))


@bp.route("/mon-compte/adresses/nouvelle", methods=["GET", "POST"], defaults={"address_id": None})
@bp.route("/mon-compte/adresses/<int:address_id>", methods=["GET", "POST"])
@login_required
def address(address_id: int | None):
    """Add or edit an address."""
    existing = customers.address_of(g.db, g.customer, address_id) if address_id else None
    if address_id and existing is None:
        abort(404, description="Cette adresse n'existe pas dans votre compte.")
    form = AddressForm(obj=existing)
    if request.method == "GET" and existing is None:
        form.first_name.data, form.last_name.data = g.customer.first_name, g.customer.last_name
        form.company.data = g.customer.company
    if form.validate_on_submit():
        try:
            customers.save_address(g.db, g.customer, existing, form.values())
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            attach_error(form, exc)
        else:
            flash("L'adresse a été enregistrée.", "success")
            return redirect(safe_next(request.args.get("next"), url_for(".addresses")))
    return render_template(
        "shop_front/address.html", form=form, existing=existing
    ), 200 if not form.errors else 422


@bp.post("/mon-compte/adresses/<int:address_id>/supprimer")
@login_required
def delete_address(address_id: int):
    """Remove an address from the account."""
    existing = customers.address_of(g.db, g.customer, address_id)
    if existing is None:
        abort(404, description="Cette adresse n'existe pas dans votre compte.")
    customers.delete_address(g.db, existing)
    g.db.commit()
    flash("L'adresse a été supprimée.", "success")
    return redirect(url_for(".addresses"))


@bp.get("/mon-compte/commandes")
@login_required
def orders():
    """Order history."""
    return render_template("shop_front/orders.html", orders=customers.orders_of(g.db, g.customer))


@bp.get("/mon-compte/commandes/<reference>")
@login_required
def order(reference: str):
    """One order: lines, totals, addresses, carrier, status history."""
    item = customers.order_of(g.db, g.customer, reference)
    if item is None:
        abort(404, description="Cette commande n'existe pas dans votre compte.")
    return render_template("shop_front/order.html", order=item)
