"""Promotions › Règles panier: list, create, edit, delete."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.clock import seat_today
from sandbox.models import Brand, Carrier, CartRule, Customer, CustomerGroup, Product
from sandbox.services import ServiceError
from sandbox.services.cart_rules import uses
from sandbox.services.categories import category_tree
from sandbox.services.combinations import attribute_groups
from sandbox.services.promotion_admin import (
    CartRuleInput,
    save_cart_rule,
)
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.shop_admin.promotion_forms import CartRuleForm

FEATURES = ["B-PRO-2"]  # feature ids of this screen (coverage report)


def get_rule(model, ident: int):
    row = g.db.get(model, ident)
    if row is None:
        abort(404, description="Cette règle n'existe pas (ou plus) dans ce poste.")
    return row


def groups_choices() -> list[tuple[int, str]]:
    """Customer groups for a select."""
    return [(x.id, x.name) for x in g.db.scalars(select(CustomerGroup).order_by(CustomerGroup.id))]


@bp.get("/promotions/regles-panier")
def cart_rules():
    """Cart rules: name, code, dates, priority, uses, active."""
    rules = g.db.scalars(select(CartRule).order_by(CartRule.priority, CartRule.id)).all()
    counts = {r.id: uses(g.db, r) for r in rules}
    return render_template(
        "shop_admin/cart_rules.html", rules=rules, uses=counts, today=seat_today(g.db), form=ConfirmForm()
    )


def _cart_rule_edit(rule: CartRule | None):
    form = CartRuleForm()
    products = g.db.execute(select(Product.id, Product.name).order_by(Product.name)).all()
    form.product_ids.choices = [(p.id, p.name) for p in products]
    form.gift_product_id.choices = [(0, "Aucun produit offert"), *((p.id, p.name) for p in products)]
    form.reduction_product_id.choices = [(0, "Choisir un produit"), *((p.id, p.name) for p in products)]
    form.category_ids.choices = [(c.id, c.name) for c, _depth in category_tree(g.db)]
    form.brand_ids.choices = [(b.id, b.name) for b in g.db.scalars(select(Brand).order_by(Brand.name))]
    form.attribute_ids.choices = [
        (a.id, f"{group.name} : {a.name}") for group in attribute_groups(g.db) for a in group.values
    ]
    form.group_ids.choices = groups_choices()
    carriers = g.db.scalars(select(Carrier).order_by(Carrier.position, Carrier.id))
    form.carrier_ids.choices = [(c.id, c.name) for c in carriers]
    if request.method == "GET":
        if rule is None:
            today = seat_today(g.db)
            form.date_from.data, form.date_to.data = today, today + timedelta(days=30)
        else:
            _fill_cart_rule(form, rule)
    elif form.validate_on_submit():
        data = CartRuleInput(
            name=form.name.data or "",
            code=form.code.data or "",
            date_from=form.date_from.data,
            date_to=form.date_to.data,
            description=form.description.data or "",
            priority=form.priority.data,
            partial_use=form.partial_use.data,
            highlight=form.highlight.data,
            active=form.active.data,
            customer_email=form.customer_email.data or "",
            minimum_amount=form.minimum_amount.data,
            minimum_tax_included=form.minimum_tax.data != "ht",
            minimum_shipping_included=form.minimum_shipping.data,
            quantity=form.quantity.data,
            quantity_per_user=form.quantity_per_user.data,
            product_ids=form.product_ids.data or [],
            group_ids=form.group_ids.data or [],
            carrier_ids=form.carrier_ids.data or [],
            free_shipping=form.free_shipping.data,
            reduction=form.reduction_input(),
            exclude_specials=form.exclude_specials.data,
            gift_product_id=form.gift_product_id.data or None,
            restriction_quantity=form.restriction_quantity.data,
            restrictions={
                "category": form.category_ids.data or [],
                "brand": form.brand_ids.data or [],
                "attribute": form.attribute_ids.data or [],
            },
            reduction_apply=form.reduction_apply.data,
            reduction_product_id=form.reduction_product_id.data or None,
        )
        try:
            saved = save_cart_rule(g.db, rule, data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("La règle panier a été créée." if rule is None else "Mise à jour réussie.", "success")
            return redirect(url_for("seat.shop_admin.cart_rule_edit", rule_id=saved.id))
    return render_template("shop_admin/cart_rule_edit.html", form=form, rule=rule), (
        422 if request.method == "POST" else 200
    )


def _fill_cart_rule(form: CartRuleForm, rule: CartRule) -> None:
    for name in (
        "name",
        "description",
        "code",
        "priority",
        "partial_use",
        "highlight",
        "active",
        "date_from",
        "date_to",
        "minimum_amount",
        "quantity",
        "quantity_per_user",
        "free_shipping",
        "exclude_specials",
        "reduction",
    ):
        form[name].data = getattr(rule, name)
    customer = g.db.get(Customer, rule.customer_id) if rule.customer_id else None
    form.customer_email.data = customer.email if customer else ""
    form.minimum_tax.data = "ttc" if rule.minimum_tax_included else "ht"
    form.minimum_shipping.data = rule.minimum_shipping_included
    form.reduction_type.data = rule.reduction_type
    form.reduction_tax.data = "ttc" if rule.reduction_tax_included else "ht"
    form.gift_product_id.data = rule.gift_product_id or 0
    form.product_ids.data = [p.id for p in rule.products]
    form.group_ids.data = [x.id for x in rule.groups]
    form.carrier_ids.data = [c.id for c in rule.carriers]
    form.restriction_quantity.data = rule.restriction_quantity
    for kind in ("category", "brand", "attribute"):
        form[f"{kind}_ids"].data = [r.target_id for r in rule.restrictions if r.kind == kind]
    form.reduction_apply.data = rule.reduction_apply or "order"
    form.reduction_product_id.data = rule.reduction_product_id or 0


@bp.route("/promotions/regles-panier/nouvelle", methods=["GET", "POST"])
def cart_rule_new():
    """Ajouter une nouvelle règle panier."""
    return _cart_rule_edit(None)


@bp.route("/promotions/regles-panier/<int:rule_id>", methods=["GET", "POST"])
def cart_rule_edit(rule_id: int):
    """Modifier une règle panier."""
    return _cart_rule_edit(get_rule(CartRule, rule_id))


@bp.post("/promotions/regles-panier/<int:rule_id>/supprimer")
def cart_rule_delete(rule_id: int):
    """Delete a cart rule (orders keep their discount lines)."""
    rule = get_rule(CartRule, rule_id)
    if ConfirmForm().validate_on_submit():
        name = rule.name
        g.db.delete(rule)
        g.db.commit()
        flash(f"La règle panier « {name} » a été supprimée.", "success")
    return redirect(url_for("seat.shop_admin.cart_rules"))
