"""Commandes › Ajouter une commande: an order entered by an employee for an existing or a new customer."""

from __future__ import annotations

from flask import flash, g, jsonify, redirect, render_template, request, url_for
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from sandbox.services import ServiceError
from sandbox.services.checkout import active_carriers, available_payments
from sandbox.services.order_create import NewOrder, create_order
from sandbox.services.order_search import search_customers, search_items
from sandbox.services.order_status import order_states
from sandbox.web.choice_fields import SelectField
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, QuantityField
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-ORD-1"]  # feature ids of this screen (coverage report)

ROWS = 4


class OrderCreateForm(AdminForm):
    """The order form; product rows are line-<n> (reference) and qty-<n> (quantity)."""

    email = StringField("Client (nom ou adresse e-mail)", validators=[Length(max=240)], render_kw={
        "list": "customer-suggestions", "data-suggest": "clients", "autocomplete": "off"})
    first_name = StringField("Prénom (nouveau client)", validators=[Length(max=80)])
    last_name = StringField("Nom (nouveau client)", validators=[Length(max=80)])
    address1 = StringField("Adresse de livraison", validators=[Length(max=160)])
    postcode = StringField("Code postal", validators=[Length(max=10)])
    city = StringField("Ville", validators=[Length(max=80)])
    carrier_id = SelectField("Transporteur", coerce=int, validate_choice=False)
    payment = SelectField("Moyen de paiement", validate_choice=False)
    state_id = SelectField("État de la commande", coerce=int, validate_choice=False)
    message = TextAreaField("Message au client", validators=[Length(max=5000)])


for _n in range(ROWS):
    setattr(
        OrderCreateForm,
        f"line-{_n}",
        StringField(f"Produit {_n + 1} (nom ou référence)", render_kw={
            "list": "product-suggestions", "data-suggest": "produits", "autocomplete": "off"}),
    )
    setattr(OrderCreateForm, f"qty-{_n}", QuantityField(f"Quantité {_n + 1}", default=1))


@bp.get("/commandes/nouvelle/suggestions")
def order_suggestions():
    """Customers (type=clients) or products and combinations (type=produits) matching ?q=, as JSON."""
    query = request.args.get("q", "")[:120]
    search = search_customers if request.args.get("type") == "clients" else search_items
    return jsonify([{"value": s.value, "label": s.label} for s in search(g.db, query)])


@bp.route("/commandes/nouvelle", methods=["GET", "POST"])
def order_new():
    """Enter an order: customer, address, products, carrier, payment, state, message to the customer."""
    form = OrderCreateForm()
    form.carrier_id.choices = [(c.id, c.name) for c in active_carriers(g.db)]
    form.payment.choices = [(p.code, p.label) for p in available_payments(g.db)]
    form.state_id.choices = [(0, "État initial du moyen de paiement")] + [
        (s.id, s.name) for s in order_states(g.db)
    ]
    if form.validate_on_submit():
        data = NewOrder(
            email=form.email.data or "",
            first_name=form.first_name.data or "",
            last_name=form.last_name.data or "",
            address={k: form[k].data or "" for k in ("address1", "postcode", "city")},
            lines=[(form[f"line-{n}"].data or "", form[f"qty-{n}"].data) for n in range(ROWS)],
            carrier_id=form.carrier_id.data,
            payment=form.payment.data or "",
            message=form.message.data or "",
            state_id=form.state_id.data or None,
        )
        try:
            order = create_order(g.db, g.employee, data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Commande {order.reference} créée pour {order.customer.full_name}.", "success")
            return redirect(url_for("seat.shop_admin.order", order_id=order.id))
    return render_template("shop_admin/order_new.html", form=form, rows=range(ROWS))
