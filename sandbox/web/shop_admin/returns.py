"""Commandes › Retours produits: list, return conditions, detail with state and refund (credit slip)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sandbox.models import Order, ReturnRequest
from sandbox.services import ServiceError
from sandbox.services.customer_service import message_about_order
from sandbox.services.returns import (
    NEXT_STATES,
    complete_return,
    return_settings,
    save_return_settings,
    set_return_state,
)
from sandbox.subjects.labels import RETURN_STATES
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.listing import paginate
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.shop_admin.service_forms import RefundForm, ReturnSettingsForm, ReturnStateForm

FEATURES = ["B-ORD-2", "B-ORD-3"]  # feature ids of this screen (coverage report)


def _list(settings_form: ReturnSettingsForm):
    stmt = select(ReturnRequest).order_by(ReturnRequest.created_at.desc(), ReturnRequest.id.desc())
    state = request.args.get("etat", "")
    if state in RETURN_STATES:
        stmt = stmt.where(ReturnRequest.state == state)
    page = paginate(g.db, stmt, 50)
    orders = {
        o.id: o
        for o in g.db.scalars(
            select(Order)
            .where(Order.id.in_([r.order_id for r in page.items]))
            .options(selectinload(Order.customer))
        )
    }
    return render_template(
        "shop_admin/returns.html",
        page=page,
        orders=orders,
        states=RETURN_STATES,
        state=state,
        settings_form=settings_form,
    )


@bp.get("/retours")
def returns():
    """Return requests, and the shop's return conditions."""
    settings = return_settings(g.db)
    form = ReturnSettingsForm(
        data={"enabled": settings.enabled, "days": settings.days, "instructions": settings.instructions}
    )
    return _list(form)


@bp.post("/retours/conditions")
def returns_settings():
    """Save the return conditions (on/off, time limit, instructions)."""
    form = ReturnSettingsForm()
    if form.validate_on_submit():
        try:
            save_return_settings(g.db, form.enabled.data, form.days.data, form.instructions.data or "")
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("Les conditions de retour ont été enregistrées.", "success")
            return redirect(url_for("seat.shop_admin.returns"))
    return _list(form)


def _load(return_id: int) -> ReturnRequest:
    item = g.db.get(ReturnRequest, return_id)
    if item is None:
        abort(404, description="Ce retour n'existe pas dans ce poste.")
    return item


def _render(item: ReturnRequest, state_form=None, refund_form=None):
    order = g.db.get(Order, item.order_id)
    state_form = state_form or ReturnStateForm()
    state_form.state.choices = [(s, RETURN_STATES[s]) for s in NEXT_STATES.get(item.state, ())]
    lines = {line.id: line for line in order.lines}
    return render_template(
        "shop_admin/return.html",
        item=item,
        order=order,
        lines=lines,
        states=RETURN_STATES,
        state_form=state_form,
        refund_form=refund_form or RefundForm(),
    )


@bp.get("/retours/<int:return_id>")
def return_detail(return_id: int):
    """A return request: order, articles, reason, state, refund."""
    return _render(_load(return_id))


@bp.post("/retours/<int:return_id>/etat")
def return_state(return_id: int):
    """Move a return request to its next state."""
    item = _load(return_id)
    form = ReturnStateForm()
    if form.validate_on_submit():
        try:
            set_return_state(g.db, item, form.state.data or "")
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Retour n° {item.id} : « {RETURN_STATES[item.state]} ».", "success")
            return redirect(url_for("seat.shop_admin.return_detail", return_id=item.id))
    return _render(item, state_form=form)


@bp.post("/retours/<int:return_id>/rembourser")
def return_refund(return_id: int):
    """Refund a return with a credit slip, and maybe write to the customer."""
    item = _load(return_id)
    form = RefundForm()
    if form.validate_on_submit():
        try:
            slip = complete_return(
                g.db, item, shipping=form.shipping.data, restock=form.restock.data, employee_id=g.employee.id
            )
            if (form.message.data or "").strip():
                message_about_order(
                    g.db,
                    slip.order,
                    g.employee,
                    form.message.data,
                    f"Retour n° {item.id} sur la commande {slip.order.reference}",
                )
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Avoir n° {slip.id} créé ; le retour n° {item.id} est terminé.", "success")
            return redirect(url_for("seat.shop_admin.return_detail", return_id=item.id))
    return _render(item, refund_form=form)
