"""Apparence › Pages (the shop's CMS pages) and › Liens (footer link lists): B-LNK-1, B-APP-4, B-SEO-1."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from sandbox.models import Category, Product
from sandbox.models.modules import LinkBlock, LinkBlockItem, ShopPage
from sandbox.services import ServiceError, shop_content
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, ConfirmForm
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-LNK-1", "B-APP-4", "B-SEO-1"]  # feature ids of this screen (coverage report)


class PageForm(AdminForm):
    """A shop page."""

    title = StringField("Titre de la page", validators=[DataRequired("Le titre de la page est obligatoire."),
                                                        Length(max=160, message="160 caractères au plus.")])
    content = TextAreaField("Contenu de la page")
    active = BooleanField("Afficher la page", default=True)
    meta_title = StringField("Balise titre", validators=[Length(max=200, message="200 caractères au plus.")])
    meta_description = TextAreaField("Méta description",
                                     validators=[Length(max=300, message="300 caractères au plus.")])
    slug = StringField("URL simplifiée", validators=[Length(max=180, message="180 caractères au plus.")])
    submit = SubmitField("Enregistrer")


@bp.get("/apparence/pages")
def shop_pages():
    """The shop's information pages."""
    return render_template("shop_admin/shop_pages.html", pages=shop_content.pages(g.db))


def _edit(page: ShopPage | None):
    form = PageForm(obj=page) if page is not None else PageForm()
    if form.validate_on_submit():
        data = shop_content.PageInput(title=form.title.data or "", content=form.content.data or "",
                                      active=form.active.data, slug=form.slug.data or "",
                                      meta_title=form.meta_title.data or "",
                                      meta_description=form.meta_description.data or "")
        try:
            saved = shop_content.save_page(g.db, page, data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("La page a été créée." if page is None else "Mise à jour réussie.", "success")
            return redirect(url_for("seat.shop_admin.shop_page_edit", page_id=saved.id))
    public = url_for("seat.shop_front.shop_page", page_id=page.id, slug=page.slug) if page else None
    return render_template("shop_admin/shop_page_edit.html", form=form, page=page, public=public)


@bp.route("/apparence/pages/nouvelle", methods=["GET", "POST"])
def shop_page_new():
    """Ajouter une page."""
    return _edit(None)


@bp.route("/apparence/pages/<int:page_id>", methods=["GET", "POST"])
def shop_page_edit(page_id: int):
    """Modifier une page."""
    page = g.db.get(ShopPage, page_id)
    if page is None:
        abort(404, description="Cette page n'existe pas (ou plus) dans ce poste.")
    return _edit(page)


@bp.post("/apparence/pages/<int:page_id>/supprimer")
def shop_page_delete(page_id: int):
    """Delete a page (links to it disappear from the footer)."""
    page = g.db.get(ShopPage, page_id)
    if page is not None and ConfirmForm().validate_on_submit():
        title = page.title
        g.db.delete(page)
        g.db.commit()
        flash(f"La page « {title} » a été supprimée.", "success")
    return redirect(url_for("seat.shop_admin.shop_pages"))


def _int(name: str) -> int | None:
    value = request.form.get(name, "").strip()
    return int(value) if value.isdigit() else None


@bp.route("/apparence/liens", methods=["GET", "POST"])
def link_lists():
    """Footer link lists: add a list, add a link (page, category, product, custom), delete."""
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        action = request.form.get("action", "")
        try:
            if action == "block":
                shop_content.add_link_block(g.db, request.form.get("title", ""))
                message = "Le bloc de liens a été créé."
            else:
                kind = request.form.get("kind", "")
                target = _int(f"target_{kind}")
                shop_content.add_link(g.db, _int("block_id") or 0, kind, target,
                                      request.form.get("label", ""), request.form.get("url", ""))
                message = "Le lien a été ajouté."
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            flash(error.message, "error")
        else:
            flash(message, "success")
        return redirect(url_for("seat.shop_admin.link_lists"))
    choices = {"page": [(p.id, p.title) for p in shop_content.pages(g.db)],
               "category": [(c.id, c.name) for c in g.db.scalars(
                   select(Category).where(Category.parent_id.is_not(None)).order_by(Category.name))],
               "product": [(p.id, p.name) for p in g.db.scalars(select(Product).order_by(Product.name))]}
    return render_template("shop_admin/link_lists.html", blocks=shop_content.link_blocks(g.db),
                           kinds=shop_content.LINK_KINDS, choices=choices, confirm=ConfirmForm())


@bp.post("/apparence/liens/<kind>/<int:item_id>/supprimer")
def link_delete(kind: str, item_id: int):
    """Delete a link, or a whole link list."""
    row = g.db.get({"bloc": LinkBlock, "lien": LinkBlockItem}.get(kind, LinkBlock), item_id)
    if row is not None and kind in ("bloc", "lien") and ConfirmForm().validate_on_submit():
        if kind == "bloc":
            for item in g.db.scalars(select(LinkBlockItem).where(LinkBlockItem.block_id == item_id)):
                g.db.delete(item)
        g.db.delete(row)
        g.db.commit()
        flash("Le bloc de liens a été supprimé." if kind == "bloc" else "Le lien a été supprimé.", "success")
    return redirect(url_for("seat.shop_admin.link_lists"))
