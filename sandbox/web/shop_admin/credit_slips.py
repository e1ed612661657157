"""Commandes › Avoirs: the credit slips of the shop, and the refund form of an order."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sandbox.models import CreditSlip, Order
from sandbox.services import ServiceError
from sandbox.services.credit_slips import issue_credit_slip
from sandbox.services.customer_service import message_about_order
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.listing import paginate
from sandbox.web.shop_admin.service_forms import RefundForm

FEATURES = ["B-ORD-2"]  # feature ids of this screen (coverage report)


@bp.get("/avoirs")
def credit_slips():
    """Every credit slip: number, order, customer, amount, full or partial, date."""
    stmt = (
        select(CreditSlip)
        .options(selectinload(CreditSlip.order).selectinload(Order.customer))
        .order_by(CreditSlip.id.desc())
    )
    return render_template("shop_admin/credit_slips.html", page=paginate(g.db, stmt, 50))


def posted_quantities(order: Order) -> dict[int, int]:
    """Quantities typed in the refund form, per order line (qty-<line id>); unreadable ones raise."""
    quantities = {}
    for line in order.lines:
        text = (request.form.get(f"qty-{line.id}") or "").strip()
        if not text:
            continue
        try:
            quantities[line.id] = int(text)
        except ValueError:
            raise ServiceError(f"« {line.name} » : « {text} » n'est pas un nombre entier.") from None
    return quantities


@bp.post("/commandes/<int:order_id>/rembourser")
def order_refund(order_id: int):
    """Partial or full refund of an order from its page: quantities, shipping, restock, message."""
    order = g.db.get(Order, order_id)
    if order is None:
        abort(404, description="Cette commande n'existe pas dans ce poste.")
    form = RefundForm()
    if not form.validate_on_submit():
        flash("Le formulaire de remboursement a expiré : recommencez.", "error")
        return redirect(url_for("seat.shop_admin.order", order_id=order.id, _anchor="remboursement"))
    try:
        slip = issue_credit_slip(
            g.db,
            order,
            posted_quantities(order),
            shipping=form.shipping.data,
            restock=form.restock.data,
            employee_id=g.employee.id,
        )
        if (form.message.data or "").strip():
            message_about_order(
                g.db, order, g.employee, form.message.data, f"Remboursement de la commande {order.reference}"
            )
        g.db.commit()
    except ServiceError as error:
        g.db.rollback()
        flash(f"Aucun avoir n'a été créé : {error.message}", "error")
    else:
        kind = "partiel" if slip.partial else "total"
        flash(f"Avoir n° {slip.id} ({kind}) créé pour la commande {order.reference}.", "success")
    return redirect(url_for("seat.shop_admin.order", order_id=order.id, _anchor="remboursement"))
