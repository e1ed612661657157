"""Catalogue › Produits: list with filters, create, edit (with combinations), duplicate, delete, online."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.routing import BuildError

from sandbox.formatting import format_percent
from sandbox.models import Brand, Media, OrderLine, Product, ProductCategory, Tax
from sandbox.services import ServiceError
from sandbox.services.catalogue import delete_product, duplicate_product, save_product, set_online
from sandbox.services.categories import ROOT_ID, category_tree
from sandbox.services.combinations import attribute_groups, update_combinations
from sandbox.services.product_shipping import product_carrier_ids, save_product_shipping, selectable_carriers
from sandbox.web.form_autosave import NEW, autosave_offer, forget_form_autosave, store_form_autosave, words
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.listing import arg_int, paginate
from sandbox.web.shop_admin.product_forms import (
    ProductForm,
    ShippingForm,
    combination_rows,
    combinations_form,
)

FEATURES = ["B-CAT-1", "B-CAT-4", "B-CAT-6", "B-CAT-10", "B-SEO-1", "B-IMG-1", "B-IMG-2", "B-SHP-1"]

PER_PAGE = 20


def load_product(product_id: int) -> Product:
    """The product or a French 404."""
    product = g.db.get(Product, product_id)
    if product is None:
        abort(404, description="Ce produit n'existe pas (ou plus) dans ce poste.")
    return product


def thumbnails(products) -> dict[int, str]:
    """URL of each product's cover picture, by product id."""
    covers = {p.id: p.cover.media_id for p in products if p.cover is not None}
    rows = g.db.execute(select(Media.id, Media.filename).where(Media.id.in_(set(covers.values()))))
    names = dict(rows.all())
    return {pid: url_for("seat.media.file", media_id=mid, filename=names[mid])
            for pid, mid in covers.items() if mid in names}


def shop_url(product: Product | None) -> str | None:
    """The product's page in the public shop (None for a new product, or if the shop has no such page)."""
    if product is None:
        return None
    try:
        return url_for("seat.shop_front.product", product_id=product.id, slug=product.slug or "produit")
    except BuildError:
        return None


def attach_error(error: ServiceError, *forms) -> None:
    """Show a service refusal next to its field, or at the top of the page."""
    for form in forms:
        if form is not None and error.field and error.field in form:
            form[error.field].errors = [*form[error.field].errors, error.message]
            return
    flash(error.message, "error")


@bp.get("/produits")
def products():
    """Product list: filters (name, reference, category, online), pagination, price HT/TTC, stock."""
    stmt = select(Product).options(selectinload(Product.combinations), selectinload(Product.images),
                                   selectinload(Product.tax), selectinload(Product.default_category))
    name, reference = request.args.get("nom", "").strip(), request.args.get("reference", "").strip()
    category_id, active = arg_int("categorie"), request.args.get("en_ligne", "")
    if name:
        stmt = stmt.where(Product.name.ilike(f"%{name}%"))
    if reference:
        stmt = stmt.where(Product.reference.ilike(f"%{reference}%"))
    if category_id:
        stmt = stmt.where(Product.id.in_(select(ProductCategory.product_id)
                                         .where(ProductCategory.category_id == category_id)))
    if active in ("1", "0"):
        stmt = stmt.where(Product.active.is_(active == "1"))
    page = paginate(g.db, stmt.order_by(Product.id.desc()), PER_PAGE)
    return render_template("shop_admin/products.html", page=page, thumbs=thumbnails(page.items),
                           tree=category_tree(g.db), filters=request.args, form=ConfirmForm())


def _choices(form: ProductForm) -> tuple[list, dict[int, int]]:
    """Fill the selects of the product form; return the category tree and the tax rates by id."""
    tree = category_tree(g.db)
    form.category_ids.choices = [(c.id, c.name) for c, _depth in tree]
    form.default_category_id.choices = [(c.id, "\u2014 " * depth + c.name) for c, depth in tree]
    brands = g.db.scalars(select(Brand).order_by(Brand.name)).all()
    form.brand_id.choices = [(0, "Aucune marque"), *((b.id, b.name) for b in brands)]
    taxes = g.db.scalars(select(Tax).order_by(Tax.id)).all()
    form.tax_id.choices = [(t.id, t.name if "%" in t.name else f"{t.name} ({format_percent(t.rate_bp)})")
                           for t in taxes]
    return tree, {t.id: t.rate_bp for t in taxes}


def _validate(form: ProductForm, combos, shipping: ShippingForm) -> bool:
    """Validate every form of the sheet, so that every error shows at once."""
    valid = form.validate_on_submit()
    valid = shipping.validate() and valid
    return (combos.validate() if combos is not None else True) and valid


def _edit(product: Product | None):
    """The product sheet (new or existing): show it, or save the product and its combinations."""
    form = ProductForm()
    tree, rates = _choices(form)
    combos = combinations_form(product, request.form if request.method == "POST" else None) \
        if product is not None and product.combinations else None
    shipping = ShippingForm(formdata=request.form if request.method == "POST" else None)
    shipping.carrier_ids.choices = [(c.id, c.name) for c in selectable_carriers(g.db)]
    if request.method == "GET":
        if product is not None:
            form.fill_from(product)
            shipping.fill_from(product, product_carrier_ids(g.db, product))
        else:
            form.category_ids.data = [ROOT_ID]
            form.default_category_id.data = ROOT_ID
            form.tax_id.data = min(rates) if rates else None
    elif _validate(form, combos, shipping):
        try:
            saved = save_product(g.db, product, form.to_input(rates), g.employee.id)
            save_product_shipping(g.db, saved, shipping.to_input())
            if combos is not None:
                update_combinations(g.db, saved, combination_rows(combos, saved, saved.tax.rate_bp),
                                    combos.default_combination.data, g.employee.id)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form, combos, shipping)
        else:
            forget_form_autosave("product", str(product.id) if product else NEW)
            g.db.commit()
            flash("Le produit a été créé." if product is None else "Mise à jour réussie.", "success")
            return redirect(url_for("seat.shop_admin.product_edit", product_id=saved.id))
    key = str(product.id) if product else NEW
    return render_template("shop_admin/product_edit.html", form=form, combos=combos, product=product,
                           autosave_url=url_for(".product_autosave", key=key),
                           offer=autosave_offer("product", key, url_for(".product_autosave_ignore", key=key)),
                           shipping=shipping,
                           tree=tree, rates=rates, groups=attribute_groups(g.db) if product else [],
                           thumbs=thumbnails([product]) if product else {}, shop_url=shop_url(product))


@bp.route("/produits/nouveau", methods=["GET", "POST"])
def product_new():
    """Ajouter un nouveau produit."""
    return _edit(None)


@bp.route("/produits/<int:product_id>", methods=["GET", "POST"])
def product_edit(product_id: int):
    """Modifier un produit (et ses déclinaisons)."""
    return _edit(load_product(product_id))


@bp.post("/produits/sauvegarde-auto/<key>")
def product_autosave(key: str):
    """The product sheet's autosave (every 15 s of change and on leaving), never saved to the product."""
    product = load_product(int(key)) if key.isdigit() else None

    def progress(fields: dict) -> str:
        name = fields.get("name") or (product.name if product else "") or "(sans nom)"
        return (f"Produit « {name} » : brouillon, récapitulatif {words(fields.get('summary'))}, "
                f"description {words(fields.get('description'))}")

    return store_form_autosave("product", key, progress)


@bp.post("/produits/sauvegarde-auto/<key>/ignorer")
def product_autosave_ignore(key: str):
    """« Ignorer »: forget the autosave of the sheet."""
    forget_form_autosave("product", key)
    g.db.commit()
    back = url_for(".product_edit", product_id=int(key)) if key.isdigit() else url_for(".product_new")
    return redirect(back)


@bp.post("/produits/<int:product_id>/dupliquer")
def product_duplicate(product_id: int):
    """Duplicate a product and open the copy."""
    copy = duplicate_product(g.db, load_product(product_id))
    g.db.commit()
    flash("Le produit a été dupliqué : vous modifiez maintenant la copie (hors ligne).", "success")
    return redirect(url_for("seat.shop_admin.product_edit", product_id=copy.id))


@bp.post("/produits/<int:product_id>/en-ligne")
def product_toggle(product_id: int):
    """Put a product online or offline from the list."""
    product = load_product(product_id)
    set_online(g.db, product, not product.active)
    g.db.commit()
    state = "en ligne" if product.active else "hors ligne"
    flash(f"Le produit « {product.name} » est maintenant {state}.", "success")
    target = request.form.get("next", "")
    return redirect(target if target.startswith(f"/s/{g.seat}/") else url_for("seat.shop_admin.products"))


@bp.route("/produits/<int:product_id>/supprimer", methods=["GET", "POST"])
def product_delete(product_id: int):
    """Ask for confirmation, then delete the product (past orders keep their lines)."""
    product = load_product(product_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = product.name
        try:
            delete_product(g.db, product)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            flash(error.message, "error")
            return redirect(url_for("seat.shop_admin.product_edit", product_id=product_id))
        flash(f"Le produit « {name} » a été supprimé.", "success")
        return redirect(url_for("seat.shop_admin.products"))
    orders = g.db.scalar(select(func.count(func.distinct(OrderLine.order_id)))
                         .where(OrderLine.product_id == product.id)) or 0
    return render_template("shop_admin/product_delete.html", product=product, orders=orders, form=form)
