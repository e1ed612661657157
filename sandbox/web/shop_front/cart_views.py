"""The cart page: lines, quantities, removal, totals HT/TTC and a shipping estimate."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from sandbox.services import ServiceError
from sandbox.services import cart as carts
from sandbox.services.checkout import carrier_options, minimum_shortfall
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.chrome import current_cart
from sandbox.web.shop_front.listing import image_view, media_files, product_url


def cart_view_data(totals: carts.CartTotals) -> list[dict]:
    """Lines of a cart with their picture and link, for the cart page and the checkout summary."""
    medias = media_files({i.product.cover.media_id for i in totals.items if i.product.cover})
    return [
        {
            "item": i,
            "url": product_url(i.product),
            "image": image_view(i.product.cover, medias, i.product.name),
        }
        for i in totals.items
    ]


@bp.get("/panier")
def cart():
    """The cart with its totals; shipping estimated with the cheapest delivering carrier."""
    current = current_cart()
    totals = carts.cart_totals(g.db, current, g.group)
    # The whole cart is given: its weight, extra fees and the carriers each product may use count.
    options = carrier_options(g.db, totals.products_ttc, totals=totals) if totals.items else []
    delivering = [o for o in options if o[0].price_ht > 0] or options
    estimate = min(delivering, key=lambda o: (o[2], o[0].position, o[0].id), default=None)
    if estimate is not None:
        totals = carts.cart_totals(g.db, current, g.group, estimate[0])
    return render_template(
        "shop_front/cart.html", totals=totals, lines=cart_view_data(totals), estimate=estimate, errors={},
        # PrestaShop tells the minimum purchase on the cart already, not only at the last step.
        minimum=minimum_shortfall(g.db, totals.products_ttc) if totals.items else None,
    )


def _quantity(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


@bp.post("/panier/ligne/<int:line_id>")
def update_line(line_id: int):
    """Change the quantity of a line (0 removes it)."""
    current = current_cart()
    if current is None:
        flash("Votre panier est vide.", "info")
        return redirect(url_for(".cart"))
    quantity = _quantity(request.form.get("quantity", ""))
    try:
        if quantity is None:
            raise ServiceError(
                "Indiquez une quantité (un nombre entier, 0 pour retirer l'article).", "quantity"
            )
        carts.set_quantity(g.db, current, line_id, quantity)
        g.db.commit()
    except ServiceError as exc:
        g.db.rollback()
        totals = carts.cart_totals(g.db, current, g.group)
        return render_template(
            "shop_front/cart.html",
            totals=totals,
            lines=cart_view_data(totals),
            estimate=None,
            errors={line_id: exc.message},
            typed={line_id: request.form.get("quantity", "")},
        ), 422
    flash("Le panier a été mis à jour." if quantity else "L'article a été retiré du panier.", "success")
    return redirect(url_for(".cart"))


@bp.post("/panier/ligne/<int:line_id>/supprimer")
def remove_line(line_id: int):
    """Remove a line from the cart."""
    current = current_cart()
    if current is not None:
        try:
            carts.remove_line(g.db, current, line_id)
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            flash(exc.message, "error")
            return redirect(url_for(".cart"))
    flash("L'article a été retiré du panier.", "success")
    return redirect(url_for(".cart"))
