"""« Vous avez un code promo ? »: apply a cart rule's code to the cart, or take it off."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from sandbox.services import ServiceError
from sandbox.services import cart as carts
from sandbox.services.cart_rules import apply_code, highlighted, remove_code
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.cart_views import cart_view_data
from sandbox.web.shop_front.chrome import current_cart


@bp.context_processor
def _highlighted_codes():
    """The cart page lists the codes the shop highlights (« mise en avant »)."""
    return {"highlighted_codes": lambda: highlighted(g.db, current_cart())}


@bp.post("/panier/code")
def cart_code():
    """Apply the typed code; refused codes are explained next to the field, with what was typed kept."""
    current = current_cart()
    code = request.form.get("code", "")
    try:
        totals = carts.cart_totals(g.db, current, g.group)
        rule = apply_code(g.db, current, code, totals, g.customer, g.group)
        g.db.commit()
    except ServiceError as exc:
        g.db.rollback()
        totals = carts.cart_totals(g.db, current, g.group)
        return render_template(
            "shop_front/cart.html",
            totals=totals,
            lines=cart_view_data(totals),
            estimate=None,
            errors={},
            code_error=exc.message,
            code_typed=code,
        ), 422
    flash(f"Le code promo « {rule.code} » a été appliqué à votre panier.", "success")
    return redirect(url_for(".cart"))


@bp.post("/panier/code/<int:rule_id>/retirer")
def cart_code_remove(rule_id: int):
    """Take a code off the cart."""
    remove_code(g.db, current_cart(), rule_id)
    g.db.commit()
    flash("Le code promo a été retiré du panier.", "success")
    return redirect(url_for(".cart"))
