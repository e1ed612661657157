"""« Catégories » and « Étiquettes »: list with an add form, edit (name, slug, description, parent)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import PostCategory, PostCategoryLink, PostTag, Tag
from sandbox.services import ServiceError
from sandbox.services.seo_analysis import analyse_term
from sandbox.services.seo_settings import seo_active
from sandbox.services.site_roles import MESSAGES, can
from sandbox.services.terms import SEO_FIELDS, delete_term, save_term
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.forms import ConfirmForm, TermForm

FEATURES = ["S-CON-1", "S-SEO-3"]  # feature ids of this screen (coverage report)

KINDS = {
    "category": (PostCategory, PostCategoryLink.category_id, "Catégories", "catégorie", "categories"),
    "tag": (Tag, PostTag.tag_id, "Étiquettes", "étiquette", "tags"),
}


def _screen(kind: str, term_id: int | None):
    if not can(g.site_user, "manage_categories"):
        return forbidden(MESSAGES["manage_categories"])
    model, link_col, title, word, endpoint = KINDS[kind]
    term = g.db.get(model, term_id) if term_id else None
    if term_id and term is None:
        abort(404)
    form = TermForm(obj=term if request.method == "GET" else None)
    others = g.db.execute(select(PostCategory.id, PostCategory.name).order_by(PostCategory.name)).all()
    form.parent_id.choices = [(0, "(aucune)")] + [(i, n) for i, n in others if i != term_id]
    if request.method == "GET" and term is not None and kind == "category":
        form.parent_id.data = term.parent_id or 0
    seo = seo_active(g.db)
    if form.validate_on_submit():
        fields = {k: form[k].data for k in SEO_FIELDS} if seo else None
        try:
            saved = save_term(g.db, g.site_user, model, term, form.name.data, form.slug.data,
                              form.description.data, form.parent_id.data or None, fields)
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            target = form._fields.get(exc.field or "", form.name)
            target.errors = [*target.errors, exc.message]
        else:
            flash(f"{word.capitalize()} « {saved.name} » enregistrée.", "success")
            if seo and term is not None:  # stay on the screen: the SEO analysis of what was saved
                return redirect(url_for(f".{kind}_edit", term_id=saved.id))
            return redirect(url_for(f".{endpoint}"))
    counts = dict(g.db.execute(select(link_col, func.count()).group_by(link_col)).all())
    rows = g.db.scalars(select(model).order_by(model.name)).all()
    analysis = None
    if seo and term is not None:
        public = url_for(f"seat.site_front.{kind}", slug=term.slug)
        analysis = analyse_term(g.db, term, public)
    return render_template("site_admin/terms.html", form=form, term=term, rows=rows, counts=counts,
                           kind=kind, title=title, word=word, endpoint=endpoint, confirm=ConfirmForm(),
                           seo=seo, analysis=analysis)


@bp.route("/categories", methods=["GET", "POST"])
def categories():
    """Categories list and « Ajouter une catégorie »."""
    return _screen("category", None)


@bp.route("/categories/<int:term_id>", methods=["GET", "POST"])
def category_edit(term_id: int):
    """Edit a category."""
    return _screen("category", term_id)


@bp.route("/etiquettes", methods=["GET", "POST"])
def tags():
    """Tags list and « Ajouter une étiquette »."""
    return _screen("tag", None)


@bp.route("/etiquettes/<int:term_id>", methods=["GET", "POST"])
def tag_edit(term_id: int):
    """Edit a tag."""
    return _screen("tag", term_id)


@bp.post("/<any(category, tag):kind>/<int:term_id>/supprimer")
def term_delete(kind: str, term_id: int):
    """Delete a category or a tag."""
    model, _col, _title, word, endpoint = KINDS[kind]
    term = g.db.get(model, term_id)
    if term is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            delete_term(g.db, g.site_user, term)
            g.db.commit()
            flash(f"{word.capitalize()} supprimée.", "success")
        except ServiceError as exc:
            g.db.rollback()
            flash(exc.message, "error")
    return redirect(url_for(f".{endpoint}"))
