"""Catalogue › Marques: list, create, edit (logo into the media library, description, SEO), delete."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from sandbox.models import Brand, Media
from sandbox.services import ServiceError
from sandbox.services.brands import BrandInput, delete_brand, product_counts, save_brand
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, ConfirmForm
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-CAT-11", "B-SEO-1"]  # feature ids of this screen (coverage report)


class BrandForm(AdminForm):
    """A brand: name, logo, description, enabled, SEO."""

    name = StringField("Nom de la marque", validators=[DataRequired("Le nom de la marque est obligatoire."),
                                                       Length(max=120, message="120 caractères au plus.")])
    logo = FileField("Logo (JPEG, PNG, GIF ou WebP)")
    description = TextAreaField("Description")
    active = BooleanField("Marque activée", default=True)
    meta_title = StringField("Balise titre", validators=[Length(max=200, message="200 caractères au plus.")])
    meta_description = TextAreaField("Méta description",
                                     validators=[Length(max=300, message="300 caractères au plus.")])
    slug = StringField("URL simplifiée", validators=[Length(max=140, message="140 caractères au plus.")])
    submit = SubmitField("Enregistrer")


def _load(brand_id: int) -> Brand:
    brand = g.db.get(Brand, brand_id)
    if brand is None:
        abort(404, description="Cette marque n'existe pas (ou plus) dans ce poste.")
    return brand


def _logo_url(brand: Brand | None) -> str | None:
    media = g.db.get(Media, brand.logo_id) if brand is not None and brand.logo_id else None
    return url_for("seat.media.file", media_id=media.id, filename=media.filename) if media else None


@bp.get("/marques")
def brands():
    """Brands with their logo and number of products."""
    rows = list(g.db.scalars(select(Brand).order_by(Brand.name)))
    return render_template("shop_admin/brands.html", brands=rows, counts=product_counts(g.db),
                           logos={b.id: _logo_url(b) for b in rows})


def _edit(brand: Brand | None):
    form = BrandForm(obj=brand) if brand is not None else BrandForm()
    if form.validate_on_submit():
        upload = form.logo.data
        has_file = upload and getattr(upload, "filename", "")
        logo = (upload.filename or "logo", upload.read()) if has_file else None
        data = BrandInput(name=form.name.data or "", description=form.description.data or "",
                          active=form.active.data, slug=form.slug.data or "",
                          meta_title=form.meta_title.data or "",
                          meta_description=form.meta_description.data or "", logo=logo)
        try:
            saved = save_brand(g.db, brand, data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("La marque a été créée." if brand is None else "Mise à jour réussie.", "success")
            return redirect(url_for("seat.shop_admin.brand_edit", brand_id=saved.id))
    return render_template("shop_admin/brand_edit.html", form=form, brand=brand, logo_url=_logo_url(brand))


@bp.route("/marques/nouvelle", methods=["GET", "POST"])
def brand_new():
    """Ajouter une nouvelle marque."""
    return _edit(None)


@bp.route("/marques/<int:brand_id>", methods=["GET", "POST"])
def brand_edit(brand_id: int):
    """Modifier une marque."""
    return _edit(_load(brand_id))


@bp.post("/marques/<int:brand_id>/supprimer")
def brand_delete(brand_id: int):
    """Delete a brand (its products stay, without a brand)."""
    brand = _load(brand_id)
    if ConfirmForm().validate_on_submit():
        name = brand.name
        delete_brand(g.db, brand)
        g.db.commit()
        flash(f"La marque « {name} » a été supprimée ; ses produits n'ont plus de marque.", "success")
    return redirect(url_for("seat.shop_admin.brands"))
