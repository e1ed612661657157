"""Combinations of a product: generate from attribute values, delete (editing is on the product sheet)."""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for

from sandbox.services import ServiceError
from sandbox.services.combinations import delete_combination, generate_combinations
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.product_forms import values_label
from sandbox.web.shop_admin.products import load_product

FEATURES = ["B-CAT-5"]  # feature ids of this screen (coverage report)


def _back(product_id: int):
    return redirect(url_for("seat.shop_admin.product_edit", product_id=product_id, _anchor="declinaisons"))


@bp.post("/produits/<int:product_id>/declinaisons/generer")
def combinations_generate(product_id: int):
    """Create the combinations of the chosen attribute values (cartesian product, existing ones skipped)."""
    product = load_product(product_id)
    ids = [int(v) for v in request.form.getlist("attribute_ids") if v.isdigit()]
    try:
        created = generate_combinations(g.db, product, ids)
        g.db.commit()
    except ServiceError as error:
        g.db.rollback()
        flash(error.message, "error")
        return _back(product_id)
    if created:
        flash(f"{len(created)} déclinaison(s) créée(s) : indiquez leur quantité, leur référence et leur "
              "impact sur le prix puis enregistrez.", "success")
    else:
        flash("Ces déclinaisons existent déjà : aucune n'a été créée.", "info")
    return _back(product_id)


@bp.post("/produits/<int:product_id>/declinaisons/<int:combination_id>/supprimer")
def combination_delete(product_id: int, combination_id: int):
    """Delete one combination of the product."""
    product = load_product(product_id)
    label = next((values_label(c) for c in product.combinations if c.id == combination_id), "")
    try:
        delete_combination(g.db, product, combination_id)
        g.db.commit()
    except ServiceError as error:
        g.db.rollback()
        flash(error.message, "error")
        return _back(product_id)
    flash(f"La déclinaison « {label} » a été supprimée.", "success")
    return _back(product_id)
