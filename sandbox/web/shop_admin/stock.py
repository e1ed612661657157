"""Catalogue › Stocks: quantities of products and combinations, edited in place with a reason; movements."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from sandbox.models import Combination, Employee, Product, ProductCategory, StockMovement
from sandbox.services import ServiceError
from sandbox.services.categories import category_tree
from sandbox.services.stock import DEFAULT_REASON, REASONS, set_combination_quantity, set_product_quantity
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.dashboard import stock_of_products
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.listing import arg_int, paginate

FEATURES = ["B-STK-1"]  # feature ids of this screen (coverage report)

PER_PAGE = 30


def _rows(products) -> list[dict]:
    """One row per product without combinations, one per combination otherwise."""
    rows = []
    for product in products:
        if not product.combinations:
            rows.append({"key": f"p{product.id}", "product": product, "combination": None,
                         "label": product.name, "reference": product.reference, "quantity": product.quantity,
                         "field_label": f"Quantité de {product.name}"})
        for combination in product.combinations:
            values = ", ".join(a.name for a in combination.attributes)
            rows.append({"key": f"c{combination.id}", "product": product, "combination": combination,
                         "label": combination.label, "reference": combination.reference or product.reference,
                         "quantity": combination.quantity,
                         "field_label": f"Quantité de la déclinaison {values} — {product.name}"})
    return rows


@bp.get("/stocks")
def stock():
    """Stock list with filters (search, category, out of stock only)."""
    stmt = select(Product).options(selectinload(Product.combinations).selectinload(Combination.attributes))
    search, category_id = request.args.get("q", "").strip(), arg_int("categorie")
    if search:
        in_combinations = select(Combination.product_id).where(Combination.reference.ilike(f"%{search}%"))
        stmt = stmt.where(or_(Product.name.ilike(f"%{search}%"), Product.reference.ilike(f"%{search}%"),
                              Product.id.in_(in_combinations)))
    if category_id:
        stmt = stmt.where(Product.id.in_(select(ProductCategory.product_id)
                                         .where(ProductCategory.category_id == category_id)))
    if request.args.get("rupture") == "1":
        sums, quantity = stock_of_products()
        stmt = stmt.outerjoin(sums, sums.c.product_id == Product.id).where(quantity <= 0)
    page = paginate(g.db, stmt.order_by(Product.name, Product.id), PER_PAGE)
    return render_template("shop_admin/stock.html", page=page, rows=_rows(page.items), reasons=REASONS,
                           default_reason=DEFAULT_REASON, tree=category_tree(g.db), filters=request.args,
                           form=ConfirmForm())


def _int(text: str | None) -> int | None:
    try:
        return int((text or "").replace(" ", "").strip())
    except ValueError:
        return None


@bp.post("/stocks")
def stock_update():
    """Apply the quantities changed on the page (compared with what the page showed), with one reason."""
    reason = (request.form.get("reason") or "").strip() or DEFAULT_REASON
    changed, errors = 0, []
    for key in request.form:
        if not key.startswith("qty-"):
            continue
        ref = key[4:]
        new, shown = _int(request.form.get(key)), _int(request.form.get(f"shown-{ref}"))
        if new is None:
            errors.append(f"« {request.form.get(key)} » n'est pas un nombre entier.")
            continue
        if new == shown:
            continue
        target = g.db.get(Product if ref[0] == "p" else Combination, _int(ref[1:]) or 0)
        try:
            if isinstance(target, Product):
                changed += set_product_quantity(g.db, target, new, reason, g.employee.id)
            elif isinstance(target, Combination):
                changed += set_combination_quantity(g.db, target, new, reason, g.employee.id)
        except ServiceError as error:
            name = target.label if isinstance(target, Combination) else target.name
            errors.append(f"{name} : {error.message}")
    if errors:
        g.db.rollback()
        for message in errors:
            flash(message, "error")
        flash("Aucune quantité n'a été modifiée : corrigez puis enregistrez à nouveau.", "error")
    else:
        g.db.commit()
        flash(f"{changed} quantité(s) mise(s) à jour (motif : {reason})." if changed
              else "Aucune quantité n'a changé.", "success" if changed else "info")
    target = request.form.get("next", "")
    return redirect(target if target.startswith(f"/s/{g.seat}/") else url_for("seat.shop_admin.stock"))


@bp.get("/stocks/mouvements")
def stock_movements():
    """Stock movements, newest first, with their reason and who made them."""
    stmt = (select(StockMovement, Product, Combination, Employee)
            .join(Product, StockMovement.product_id == Product.id)
            .outerjoin(Combination, StockMovement.combination_id == Combination.id)
            .outerjoin(Employee, StockMovement.employee_id == Employee.id)
            .order_by(StockMovement.created_at.desc(), StockMovement.id.desc()))
    product_id = arg_int("produit")
    if product_id:
        stmt = stmt.where(StockMovement.product_id == product_id)
    return render_template("shop_admin/stock_movements.html", page=paginate(g.db, stmt, 50, scalars=False))
