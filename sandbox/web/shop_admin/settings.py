"""Paramètres › Commandes (minimum), › Produits (« nouveau », out-of-stock), › Rechercher, › SEO & URL."""

from __future__ import annotations

from decimal import Decimal

from flask import flash, g, redirect, render_template, url_for
from sqlalchemy import select
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from sandbox.formatting import format_number
from sandbox.models import Brand, Category, Product, get_setting, set_setting
from sandbox.models.modules import SearchAlias, ShopPage
from sandbox.money import parse_amount, to_cents
from sandbox.services import ServiceError, shop_content
from sandbox.services.availability import ALLOW_OOS_SETTING
from sandbox.services.checkout import MINIMUM_SETTING
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, ConfirmForm, QuantityField
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-APP-3", "B-NAV-2", "B-SEO-1"]  # feature ids of this screen (coverage report)

NEW_DAYS = "shop.new_product_days"


class ProductSettingsForm(AdminForm):
    """Product preferences of the shop."""

    new_days = QuantityField("Nombre de jours pendant lesquels un produit est « nouveau »", validators=[
        InputRequired("Indiquez un nombre de jours."),
        NumberRange(0, 365, "Indiquez un nombre de jours entre 0 et 365.")])
    allow_oos = BooleanField("Autoriser la commande de produits hors stock (comportement par défaut)")
    submit = SubmitField("Enregistrer")


class OrderSettingsForm(AdminForm):
    """Order preferences of the shop."""

    minimum = StringField("Montant minimum d'achat (TTC, hors frais de port)")
    submit = SubmitField("Enregistrer")

    def validate_minimum(self, field) -> None:
        """A French amount, zero or more (empty means no minimum)."""
        try:
            amount = parse_amount(field.data or "0")
        except ValueError as error:
            raise ValidationError(str(error)) from error
        if amount < 0:
            raise ValidationError("Le montant minimum ne peut pas être négatif.")
        field.amount = to_cents(amount)


class AliasForm(AdminForm):
    """A new search alias."""

    alias = StringField("Alias (mot ou expression tapés par les clients)", validators=[
        DataRequired("Indiquez l'alias."), Length(max=80, message="80 caractères au plus.")])
    search = StringField("Résultat (mot à rechercher)", validators=[
        DataRequired("Indiquez le mot à rechercher."), Length(max=120, message="120 caractères au plus.")])
    submit = SubmitField("Ajouter l'alias")


@bp.route("/parametres/produits", methods=["GET", "POST"])
def product_settings():
    """Paramètres › Produits."""
    form = ProductSettingsForm()
    if form.validate_on_submit():
        set_setting(g.db, NEW_DAYS, str(form.new_days.data))
        set_setting(g.db, ALLOW_OOS_SETTING, "1" if form.allow_oos.data else "0")
        g.db.commit()
        flash("Les paramètres des produits ont été enregistrés.", "success")
        return redirect(url_for("seat.shop_admin.product_settings"))
    if not form.is_submitted():
        days = get_setting(g.db, NEW_DAYS, "20")
        form.new_days.data = int(days) if days.isdigit() else 20
        form.allow_oos.data = get_setting(g.db, ALLOW_OOS_SETTING, "0") == "1"
    return render_template("shop_admin/product_settings.html", form=form)


@bp.route("/parametres/commandes", methods=["GET", "POST"])
def order_settings():
    """Paramètres › Commandes: the minimum purchase (return options are on « Retours produits »)."""
    form = OrderSettingsForm()
    if form.validate_on_submit():
        set_setting(g.db, MINIMUM_SETTING, str(form.minimum.amount))
        g.db.commit()
        flash("Les paramètres des commandes ont été enregistrés.", "success")
        return redirect(url_for("seat.shop_admin.order_settings"))
    if not form.is_submitted():
        form.minimum.data = format_number(Decimal(get_setting(g.db, MINIMUM_SETTING, "0") or "0"), 2)
    return render_template("shop_admin/order_settings.html", form=form)


@bp.route("/parametres/rechercher", methods=["GET", "POST"])
def search_settings():
    """Paramètres › Rechercher: search aliases."""
    form = AliasForm()
    if form.validate_on_submit():
        try:
            shop_content.add_alias(g.db, form.alias.data, form.search.data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"L'alias « {form.alias.data.strip()} » a été ajouté.", "success")
            return redirect(url_for("seat.shop_admin.search_settings"))
    return render_template("shop_admin/search_settings.html", form=form, aliases=shop_content.aliases(g.db),
                           confirm=ConfirmForm())


@bp.post("/parametres/rechercher/<int:alias_id>/supprimer")
def alias_delete(alias_id: int):
    """Delete a search alias."""
    row = g.db.get(SearchAlias, alias_id)
    if row is not None and ConfirmForm().validate_on_submit():
        g.db.delete(row)
        g.db.commit()
        flash(f"L'alias « {row.alias} » a été supprimé.", "success")
    return redirect(url_for("seat.shop_admin.search_settings"))


@bp.get("/parametres/seo")
def seo_settings():
    """Paramètres › SEO & URL: friendly URL and meta of products, categories, brands and shop pages."""
    def rows(items, title, edit, **kw):
        return [(getattr(i, title), i.slug, i.meta_title, i.meta_description,
                 url_for(edit, **{k: getattr(i, v) for k, v in kw.items()})) for i in items]

    sections = [
        ("Pages de la boutique", rows(g.db.scalars(select(ShopPage).order_by(ShopPage.position)), "title",
                                      "seat.shop_admin.shop_page_edit", page_id="id")),
        ("Catégories", rows(g.db.scalars(select(Category).where(Category.parent_id.is_not(None))
                                         .order_by(Category.id)), "name", "seat.shop_admin.category_edit",
                            category_id="id")),
        ("Marques", rows(g.db.scalars(select(Brand).order_by(Brand.name)), "name",
                         "seat.shop_admin.brand_edit", brand_id="id")),
        ("Produits", rows(g.db.scalars(select(Product).order_by(Product.name)), "name",
                          "seat.shop_admin.product_edit", product_id="id")),
    ]
    return render_template("shop_admin/seo_settings.html", sections=sections)
