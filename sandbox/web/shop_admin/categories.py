"""Catalogue › Catégories: tree list, create, edit, delete."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import Category, Media, ProductCategory
from sandbox.services import ServiceError
from sandbox.services.categories import (
    ROOT_ID,
    CategoryInput,
    category_tree,
    delete_category,
    descendant_ids,
    save_category,
)
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import CategoryForm, ConfirmForm
from sandbox.web.shop_admin.product_forms import lines
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-CAT-3", "B-SEO-1"]  # feature ids of this screen (coverage report)


def _load(category_id: int) -> Category:
    category = g.db.get(Category, category_id)
    if category is None:
        abort(404, description="Cette catégorie n'existe pas (ou plus) dans ce poste.")
    return category


@bp.get("/categories")
def categories():
    """The category tree with product counts."""
    counts = dict(g.db.execute(select(ProductCategory.category_id, func.count())
                               .group_by(ProductCategory.category_id)).all())
    return render_template("shop_admin/categories.html", tree=category_tree(g.db), counts=counts)


def _edit(category: Category | None):
    form = CategoryForm(obj=category) if request.method == "GET" and category else CategoryForm()
    excluded = descendant_ids(g.db, category.id) if category else set()
    form.parent_id.choices = [(c.id, "\u2014 " * depth + c.name) for c, depth in category_tree(g.db)
                              if c.id not in excluded]
    images = g.db.execute(select(Media.id, Media.filename).where(Media.mime.like("image/%"))
                          .order_by(Media.filename)).all()
    form.image_id.choices = [(0, "Aucune image"), *((m.id, m.filename) for m in images)]
    if request.method == "GET":
        if category is None:
            form.parent_id.data = request.args.get("parent", ROOT_ID, type=int)
        else:
            form.image_id.data = category.image_id or 0
    elif form.validate_on_submit():
        data = CategoryInput(
            name=form.name.data or "", parent_id=form.parent_id.data,
            description=lines(form.description.data),
            active=form.active.data, meta_title=(form.meta_title.data or "").strip(),
            meta_description=(form.meta_description.data or "").strip(), slug=(form.slug.data or "").strip(),
            image_id=form.image_id.data or None)
        try:
            saved = save_category(g.db, category, data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("La catégorie a été créée." if category is None else "Mise à jour réussie.", "success")
            return redirect(url_for("seat.shop_admin.category_edit", category_id=saved.id))
    return render_template("shop_admin/category_edit.html", form=form, category=category,
                           is_root=category is not None and category.id == ROOT_ID)


@bp.route("/categories/nouvelle", methods=["GET", "POST"])
def category_new():
    """Ajouter une nouvelle catégorie."""
    return _edit(None)


@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
def category_edit(category_id: int):
    """Modifier une catégorie."""
    return _edit(_load(category_id))


@bp.route("/categories/<int:category_id>/supprimer", methods=["GET", "POST"])
def category_delete(category_id: int):
    """Ask for confirmation, then delete the category (refused when it is not empty)."""
    category = _load(category_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = category.name
        try:
            delete_category(g.db, category)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            flash(error.message, "error")
            return redirect(url_for("seat.shop_admin.categories"))
        flash(f"La catégorie « {name} » a été supprimée.", "success")
        return redirect(url_for("seat.shop_admin.categories"))
    return render_template("shop_admin/category_delete.html", category=category, form=form)
