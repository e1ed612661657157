"""Checkout in four steps (personal information, address, carrier, payment) and the confirmation page."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, g, redirect, render_template, request, url_for

from sandbox.formatting import format_money
from sandbox.models import Address, Carrier, Cart
from sandbox.services import ServiceError, customers
from sandbox.services import cart as carts
from sandbox.services.checkout import (
    PAYMENTS,
    available_payments,
    carrier_options,
    payment_details,
    place_order,
)
from sandbox.services.pricing import displays_ht
from sandbox.web.context import seat_value, set_seat_value
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.account import register_from
from sandbox.web.shop_front.cart_views import cart_view_data
from sandbox.web.shop_front.chrome import current_cart, remember_cart
from sandbox.web.shop_front.forms import (
    AddressForm,
    CarrierForm,
    ChooseAddressForm,
    IdentityForm,
    PaymentForm,
    SelectChoice,
    attach_error,
)

STEPS = [
    ("identity", "Informations personnelles"),
    ("address", "Adresses"),
    ("carrier", "Livraison"),
    ("payment", "Paiement"),
]


@dataclass
class Progress:
    """Where the customer is in the checkout: what is already chosen."""

    cart: Cart | None
    address: Address | None
    carrier: Carrier | None

    @property
    def next_step(self) -> str:
        """The first step still to do."""
        if g.customer is None:
            return "identity"
        if self.address is None:
            return "address"
        if self.carrier is None:
            return "carrier"
        return "payment"


def _progress() -> Progress:
    cart = current_cart()
    address = customers.address_of(g.db, g.customer, seat_value("checkout_address")) if g.customer else None
    carrier = g.db.get(Carrier, cart.carrier_id) if cart is not None and cart.carrier_id else None
    return Progress(cart, address, carrier if carrier is not None and carrier.active else None)


def _guard(step: str) -> tuple[Progress, object | None]:
    """The progress, or a redirect when the cart is empty or an earlier step is not done."""
    progress = _progress()
    if progress.cart is None or not progress.cart.lines:
        flash("Votre panier est vide : ajoutez un produit avant de commander.", "info")
        return progress, redirect(url_for(".cart"))
    order = [name for name, _ in STEPS]
    if order.index(step) > order.index(progress.next_step):
        return progress, redirect(url_for(f".checkout_{progress.next_step}"))
    return progress, None


def _render(step: str, progress: Progress, **context):
    totals = carts.cart_totals(g.db, progress.cart, g.group, progress.carrier, progress.address)
    status = 422 if request.method == "POST" else 200  # a successful POST redirects
    return render_template(
        f"shop_front/checkout_{step}.html",
        step=step,
        steps=STEPS,
        progress=progress,
        totals=totals,
        lines=cart_view_data(totals),
        **context,
    ), status


@bp.get("/commande")
def checkout():
    """Go to the first checkout step still to do."""
    progress, redirection = _guard("identity")
    return redirection or redirect(url_for(f".checkout_{progress.next_step}"))


@bp.route("/commande/identification", methods=["GET", "POST"])
def checkout_identity():
    """Step 1: logged in already, or create an account (a link leads to the login page)."""
    progress, redirection = _guard("identity")
    if redirection:
        return redirection
    form = IdentityForm()
    if g.customer is None and form.validate_on_submit() and register_from(form) is not None:
        return redirect(url_for(".checkout_address"))
    return _render("identity", progress, form=form)


@bp.route("/commande/adresse", methods=["GET", "POST"])
def checkout_address():
    """Step 2: choose one of the addresses, or add one."""
    progress, redirection = _guard("address")
    if redirection:
        return redirection
    saved = customers.addresses_of(g.customer)
    if not saved or request.args.get("nouvelle"):
        form = AddressForm()
        if request.method == "GET":
            form.first_name.data, form.last_name.data = g.customer.first_name, g.customer.last_name
        if form.validate_on_submit():
            try:
                address = customers.save_address(g.db, g.customer, None, form.values())
                g.db.commit()
            except ServiceError as exc:
                g.db.rollback()
                if not attach_error(form, exc):
                    form.form_errors.append(exc.message)
            else:
                set_seat_value("checkout_address", address.id)
                return redirect(url_for(".checkout_carrier"))
        return _render("address", progress, form=form, adding=True)
    form = ChooseAddressForm()
    form.address.choices = [
        SelectChoice(a.id, f"{a.alias} — {a.first_name} {a.last_name}, {a.one_line()}") for a in saved
    ]
    if request.method == "GET":
        form.address.data = progress.address.id if progress.address else saved[0].id
    if form.validate_on_submit():
        set_seat_value("checkout_address", form.address.data)
        return redirect(url_for(".checkout_carrier"))
    return _render("address", progress, form=form, adding=False)


@bp.route("/commande/livraison", methods=["GET", "POST"])
def checkout_carrier():
    """Step 3: choose a carrier (price for this cart, free above the threshold) and leave a message."""
    progress, redirection = _guard("carrier")
    if redirection:
        return redirection
    totals = carts.cart_totals(g.db, progress.cart, g.group, None, progress.address)
    options = carrier_options(g.db, totals.products_ttc, progress.address, totals)
    form = CarrierForm()
    form.carrier.choices = [SelectChoice(c.id, _carrier_label(c, ht, ttc)) for c, ht, ttc in options]
    if request.method == "GET":
        form.carrier.data = (
            progress.carrier.id if progress.carrier else (options[0][0].id if options else None)
        )
        form.message.data = seat_value("checkout_message", "")
    if form.validate_on_submit():
        progress.cart.carrier_id = form.carrier.data
        g.db.commit()
        set_seat_value("checkout_message", (form.message.data or "").strip())
        return redirect(url_for(".checkout_payment"))
    return _render("carrier", progress, form=form)


def _carrier_label(carrier: Carrier, ht, ttc) -> str:
    price = (
        "Gratuit"
        if ttc == 0
        else (f"{format_money(ht)} HT" if displays_ht(g.group) else f"{format_money(ttc)} TTC")
    )
    return " — ".join(p for p in (carrier.name, carrier.delay, price) if p)


@bp.route("/commande/paiement", methods=["GET", "POST"])
def checkout_payment():
    """Step 4: payment method, terms of sale, and the order is placed."""
    progress, redirection = _guard("payment")
    if redirection:
        return redirection
    form = PaymentForm()
    methods = available_payments(
        g.db, g.customer.default_group_id, progress.carrier.id if progress.carrier else None
    )
    form.payment.choices = [SelectChoice(m.code, m.choice) for m in methods]
    error = None
    if form.validate_on_submit():
        try:
            order = place_order(
                g.db,
                progress.cart,
                g.customer,
                progress.address,
                progress.carrier,
                form.payment.data,
                seat_value("checkout_message", ""),
            )
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            error = exc.message
        else:
            remember_cart(None)
            set_seat_value("checkout_address", None)
            set_seat_value("checkout_message", "")
            return redirect(url_for(".checkout_done", reference=order.reference))
    return _render(
        "payment",
        progress,
        form=form,
        details=payment_details(g.db),
        error=error,
        methods={m.code for m in methods},
    )


@bp.get("/commande/confirmation/<reference>")
def checkout_done(reference: str):
    """The order is confirmed: reference, amount and how to pay."""
    order = customers.order_of(g.db, g.customer, reference) if g.customer else None
    if order is None:
        abort(404, description="Cette commande n'existe pas dans votre compte.")
    method = next((m for m in PAYMENTS.values() if m.label == order.payment), None)
    return render_template(
        "shop_front/checkout_done.html", order=order, method=method, details=payment_details(g.db)
    )
