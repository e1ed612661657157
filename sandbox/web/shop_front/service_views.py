"""Public shop after-sales: « Contactez-nous » (customers and visitors) and return requests from an order."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import Length

from sandbox.models import CreditSlip, Order, Product, ReturnRequest
from sandbox.services import ServiceError
from sandbox.services import customer_service as sav
from sandbox.services.customers import order_of
from sandbox.services.returns import request_return, return_settings, returnable, why_not_returnable
from sandbox.subjects.labels import RETURN_STATES
from sandbox.web.choice_fields import SelectField
from sandbox.web.context import require_login
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.forms import SelectChoice, ShopForm, attach_error

login_required = require_login("customer", "seat.shop_front.login")


class ContactForm(ShopForm):
    """The « Contactez-nous » form."""

    contact = SelectField(
        "Destinataire", choices=[SelectChoice(c) for c in sav.CONTACTS], validate_choice=False
    )
    email = EmailField("Adresse e-mail", validators=[Length(max=160)])
    order = StringField("Référence de commande (facultatif)", validators=[Length(max=16)])
    subject = StringField("Objet", validators=[Length(max=200, message="200 caractères au plus.")])
    message = TextAreaField("Message", validators=[Length(max=5000, message="5 000 caractères au plus.")])


class ReturnForm(ShopForm):
    """A return request (quantities are posted per line as qty-<line id>)."""

    reason = TextAreaField(
        "Motif du retour", validators=[Length(max=2000, message="2 000 caractères au plus.")]
    )


@bp.route("/contact", methods=["GET", "POST"])
def contact():
    """« Contactez-nous »: a message to customer service, from a customer or a visitor."""
    form = ContactForm()
    product = g.db.get(Product, request.args.get("produit", type=int) or 0)
    if request.method == "GET":
        form.email.data = g.customer.email if g.customer is not None else ""
        form.order.data = request.args.get("commande", "")
        if product is not None:
            form.subject.data = f"Question sur « {product.name} »"
    if form.validate_on_submit():
        try:
            sav.contact(
                g.db,
                customer=g.customer,
                email=form.email.data or "",
                subject=form.subject.data or "",
                text=form.message.data or "",
                contact_name=form.contact.data or "",
                order_reference=form.order.data or "",
                product_id=product.id if product else None,
            )
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            if not attach_error(form, error):
                flash(error.message, "error")
        else:
            flash("Votre message a bien été envoyé : notre service client vous répond par e-mail.", "success")
            return redirect(url_for(".contact"))
    return render_template("shop_front/contact.html", form=form, product=product)


def order_after_sales(order: Order) -> dict:
    """What the customer's order page shows after the sale: returns, credit slips, messages, return link."""
    returns = g.db.scalars(
        select(ReturnRequest).where(ReturnRequest.order_id == order.id).order_by(ReturnRequest.id)
    ).all()
    slips = g.db.scalars(
        select(CreditSlip).where(CreditSlip.order_id == order.id).order_by(CreditSlip.id)
    ).all()
    return {
        "returns": returns,
        "slips": slips,
        "states": RETURN_STATES,
        "messages": sav.public_messages(g.db, g.customer, order) if g.customer else [],
        "can_return": why_not_returnable(g.db, order) is None,
    }


@bp.context_processor
def _after_sales_helpers():
    return {"order_after_sales": order_after_sales}


@bp.route("/mon-compte/commandes/<reference>/retour", methods=["GET", "POST"])
@login_required
def return_request(reference: str):
    """Ask for a merchandise return on some articles of an order, within the shop's time limit."""
    order = order_of(g.db, g.customer, reference)
    if order is None:
        abort(404, description="Cette commande n'existe pas dans votre compte.")
    form = ReturnForm()
    refusal = why_not_returnable(g.db, order)
    left = returnable(g.db, order) if refusal is None else {}
    if refusal is None and form.validate_on_submit():
        try:
            quantities = {}
            for line in order.lines:
                text = (request.form.get(f"qty-{line.id}") or "0").strip() or "0"
                if not text.isdigit():
                    raise ServiceError(f"« {line.name} » : « {text} » n'est pas un nombre entier.")
                quantities[line.id] = int(text)
            item = request_return(g.db, g.customer, order, quantities, form.reason.data or "")
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            if not attach_error(form, error):
                flash(error.message, "error")
        else:
            flash(
                f"Votre demande de retour n° {item.id} a été envoyée : la boutique vous répond rapidement.",
                "success",
            )
            return redirect(url_for(".order", reference=order.reference))
    return render_template(
        "shop_front/return_request.html",
        order=order,
        form=form,
        refusal=refusal,
        left=left,
        settings=return_settings(g.db),
    )


@bp.get("/mon-compte/avoirs")
@login_required
def credit_slips():
    """« Mes avoirs »: the customer's credit slips, with their orders and amounts."""
    slips = g.db.scalars(
        select(CreditSlip)
        .join(Order, CreditSlip.order_id == Order.id)
        .where(Order.customer_id == g.customer.id)
        .order_by(CreditSlip.created_at.desc(), CreditSlip.id.desc())
    ).all()
    returns = g.db.scalars(
        select(ReturnRequest)
        .where(ReturnRequest.customer_id == g.customer.id)
        .order_by(ReturnRequest.created_at.desc(), ReturnRequest.id.desc())
    ).all()
    references = dict(
        g.db.execute(select(Order.id, Order.reference).where(Order.customer_id == g.customer.id)).all()
    )
    return render_template(
        "shop_front/credit_slips.html",
        slips=slips,
        returns=returns,
        references=references,
        states=RETURN_STATES,
    )
