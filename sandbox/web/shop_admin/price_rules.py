"""Promotions › Règles de prix catalogue, and the « Prix spécifiques » of a product (add, delete)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.clock import seat_today
from sandbox.models import Brand, CatalogRule, Country, Customer, CustomerGroup, SpecificPrice
from sandbox.services import ServiceError
from sandbox.services.categories import category_tree
from sandbox.services.price_rules import (
    CatalogRuleInput,
    SpecificPriceInput,
    add_specific_price,
    save_catalog_rule,
)
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.products import attach_error, load_product
from sandbox.web.shop_admin.promotion_forms import CatalogRuleForm, SpecificPriceForm
from sandbox.web.shop_admin.promotions import get_rule, groups_choices

FEATURES = ["B-PRO-1", "B-PRO-3"]  # feature ids of this screen (coverage report)


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


@bp.get("/promotions/regles-catalogue")
def catalog_rules():
    """Catalogue price rules with their scope, dates and reduction."""
    rules = g.db.scalars(select(CatalogRule).order_by(CatalogRule.id)).all()
    names = _scope_names()
    scopes = {r.id: scope_text(r, names) for r in rules}
    return render_template(
        "shop_admin/catalog_rules.html",
        rules=rules,
        today=seat_today(g.db),
        form=ConfirmForm(),
        scopes=scopes,
    )


def scope_text(rule: CatalogRule, names: dict[str, dict[int, str]]) -> str:
    """« catégorie Linge de bain, groupe Professionnels », or « Tout le catalogue »."""
    parts = [
        f"{label} {names[key].get(getattr(rule, key + '_id'), '?')}"
        for key, label in (
            ("category", "catégorie"),
            ("brand", "marque"),
            ("group", "groupe"),
            ("country", "pays"),
        )
        if getattr(rule, key + "_id")
    ]
    return ", ".join(parts) or "Tout le catalogue"


def _scope_names() -> dict[str, dict[int, str]]:
    return {
        "category": {c.id: c.name for c, _ in category_tree(g.db)},
        "brand": dict(g.db.execute(select(Brand.id, Brand.name)).all()),
        "group": dict(groups_choices()),
        "country": dict(g.db.execute(select(Country.id, Country.name)).all()),
    }


def _catalog_rule_edit(rule: CatalogRule | None):
    form = CatalogRuleForm()
    names = _scope_names()
    form.category_id.choices = [
        (0, "Toutes les catégories"),
        *((c.id, "\u2014 " * d + c.name) for c, d in category_tree(g.db)),
    ]
    form.brand_id.choices = [(0, "Toutes les marques"), *sorted(names["brand"].items(), key=lambda x: x[1])]
    form.group_id.choices = [(0, "Tous les groupes"), *names["group"].items()]
    form.country_id.choices = [(0, "Tous les pays"), *sorted(names["country"].items(), key=lambda x: x[1])]
    if request.method == "GET" and rule is not None:
        for name in ("name", "from_quantity", "date_from", "date_to", "reduction_type", "reduction"):
            form[name].data = getattr(rule, name)
        for name in ("category_id", "brand_id", "group_id", "country_id"):
            form[name].data = getattr(rule, name) or 0
        form.reduction_tax.data = "ttc" if rule.reduction_tax_included else "ht"
    elif request.method == "POST" and form.validate_on_submit():
        data = CatalogRuleInput(
            name=form.name.data or "",
            reduction=form.reduction_input(),
            category_id=form.category_id.data,
            brand_id=form.brand_id.data,
            group_id=form.group_id.data,
            country_id=form.country_id.data,
            from_quantity=form.from_quantity.data,
            date_from=form.date_from.data,
            date_to=form.date_to.data,
        )
        try:
            saved = save_catalog_rule(g.db, rule, data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(
                "La règle de prix catalogue a été créée." if rule is None else "Mise à jour réussie.",
                "success",
            )
            return redirect(url_for("seat.shop_admin.catalog_rule_edit", rule_id=saved.id))
    return render_template("shop_admin/catalog_rule_edit.html", form=form, rule=rule), (
        422 if request.method == "POST" else 200
    )


@bp.route("/promotions/regles-catalogue/nouvelle", methods=["GET", "POST"])
def catalog_rule_new():
    """Ajouter une règle de prix catalogue."""
    return _catalog_rule_edit(None)


@bp.route("/promotions/regles-catalogue/<int:rule_id>", methods=["GET", "POST"])
def catalog_rule_edit(rule_id: int):
    """Modifier une règle de prix catalogue."""
    return _catalog_rule_edit(get_rule(CatalogRule, rule_id))


@bp.post("/promotions/regles-catalogue/<int:rule_id>/supprimer")
def catalog_rule_delete(rule_id: int):
    """Delete a catalogue price rule."""
    rule = get_rule(CatalogRule, rule_id)
    if ConfirmForm().validate_on_submit():
        name = rule.name
        g.db.delete(rule)
        g.db.commit()
        flash(f"La règle de prix catalogue « {name} » a été supprimée.", "success")
    return redirect(url_for("seat.shop_admin.catalog_rules"))
