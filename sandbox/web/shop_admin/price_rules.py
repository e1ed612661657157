"""Catalogue › Produits › Prix spécifiques: the specific prices of one product (add, delete)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.models import Customer, CustomerGroup, SpecificPrice
from sandbox.services import ServiceError
from sandbox.services.promotion_admin import SpecificPriceInput, add_specific_price
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.products import attach_error, load_product
from sandbox.web.shop_admin.promotion_forms import SpecificPriceForm

FEATURES = ["B-PRO-3"]  # feature ids of this screen (coverage report)


def specific_prices_of(product_id: int) -> list[dict]:
    """Rows of the « Prix spécifiques » section: each price with its group and customer names."""
    rows = g.db.scalars(
        select(SpecificPrice).where(SpecificPrice.product_id == product_id).order_by(SpecificPrice.id)
    ).all()
    groups = dict(g.db.execute(select(CustomerGroup.id, CustomerGroup.name)).all())
    result = []
    for s in rows:
        customer = g.db.get(Customer, s.customer_id) if s.customer_id else None
        result.append(
            {
                "price": s,
                "group": groups.get(s.group_id, "Tous les groupes"),
                "customer": customer.full_name if customer else "Tous les clients",
            }
        )
    return result


@bp.context_processor
def _specific_price_rows():
    """Templates of the product sheet list the product's specific prices through this helper."""
    return {"specific_price_rows": specific_prices_of}


@bp.route("/produits/<int:product_id>/prix-specifiques", methods=["GET", "POST"])
def specific_prices(product_id: int):
    """The product's specific prices and the form to add one."""
    product = load_product(product_id)
    form = SpecificPriceForm()
    combinations = [(c.id, c.label) for c in product.combinations]
    form.combination_id.choices = [(0, "Toutes les déclinaisons"), *combinations]
    form.group_id.choices = [
        (0, "Tous les groupes"),
        *((x.id, x.name) for x in g.db.scalars(select(CustomerGroup).order_by(CustomerGroup.id))),
    ]
    if request.method == "POST" and form.validate_on_submit():
        data = SpecificPriceInput(
            reduction=form.reduction_input(),
            combination_id=form.combination_id.data or None,
            group_id=form.group_id.data or None,
            customer_email=form.customer_email.data or "",
            from_quantity=form.from_quantity.data,
            date_from=form.date_from.data,
            date_to=form.date_to.data,
            fixed_price_ht=form.fixed_price_ht.data,
        )
        try:
            add_specific_price(g.db, product, data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("Le prix spécifique a été ajouté.", "success")
            return redirect(url_for("seat.shop_admin.specific_prices", product_id=product.id))
    return render_template(
        "shop_admin/specific_prices.html",
        product=product,
        form=form,
        rows=specific_prices_of(product.id),
        confirm=ConfirmForm(),
    ), (422 if request.method == "POST" else 200)


@bp.post("/produits/<int:product_id>/prix-specifiques/<int:price_id>/supprimer")
def specific_price_delete(product_id: int, price_id: int):
    """Delete one specific price of the product."""
    specific = g.db.get(SpecificPrice, price_id)
    if specific is None or specific.product_id != product_id:
        abort(404, description="Ce prix spécifique n'existe pas (ou plus).")
    if ConfirmForm().validate_on_submit():
        g.db.delete(specific)
        g.db.commit()
        flash("Le prix spécifique a été supprimé.", "success")
    return redirect(url_for("seat.shop_admin.specific_prices", product_id=product_id))
