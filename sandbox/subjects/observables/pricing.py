"""Checks on prices and shipping per product: carriers of a product, a combination's price impact, a cart
rule's product selection and reduction target, a customer group's reductions per category."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from sandbox.formatting import format_money, format_number, format_percent
from sandbox.models import Carrier, CartRule, Category, CustomerGroup, GroupCategoryReduction, Product
from sandbox.models.promotions import APPLY_TO
from sandbox.money import parse_amount, ttc_from_ht
from sandbox.services.cart_rule_scope import apply_text, selection_text
from sandbox.services.product_shipping import product_carrier_ids
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import (
    PRODUCT_PARAMS,
    combinations_of,
    find_product,
    fold,
    opt_bool,
    opt_int,
    quote,
)
from sandbox.subjects.params import Param, text


def _signed(value: Decimal) -> str:
    return ("+" if value >= 0 else "") + format_money(value)


@check(
    "product.carriers",
    features=("B-SHP-1",),
    label="Transporteurs et frais de port d'un produit",
    one_of=("product", "name"),
    params={
        **PRODUCT_PARAMS,
        "carriers": Param("list", '["Colissimo"] (mots du nom de chaque transporteur autorisé)', False),
        "all_carriers": opt_bool("true si le produit doit pouvoir partir avec tous les transporteurs"),
        "additional_shipping": Param("money", '"2,50" (frais de port supplémentaires HT attendus)', False),
    },
)
def product_carriers(ctx: ObserveContext, p: dict) -> Observation:
    """The carriers a product may use (none ticked: all), its extra fees and its package dimensions."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    ids = product_carrier_ids(ctx.db, product)
    names = [c.name for c in ctx.db.scalars(select(Carrier).where(Carrier.id.in_(ids)).order_by(Carrier.id))]
    size = " × ".join(format_number(getattr(product, f"{d}_cm"), 1) for d in ("width", "height", "depth"))
    allowed = ", ".join(names) if names else "tous (aucune restriction)"
    facts = (
        f"Produit {product.name} : transporteurs {allowed} ;"
        f" frais de port supplémentaires {format_money(product.additional_shipping_ht)} HT ; colis {size} cm"
    )
    misses = []
    for wanted in p.get("carriers", []):
        if not any(fold(wanted) in fold(n) for n in names):
            misses.append(f"transporteur {quote(wanted)} coché")
    if "carriers" in p and len(names) != len(p["carriers"]):
        misses.append(f"{len(p['carriers'])} transporteur(s) coché(s) seulement")
    if "all_carriers" in p and (not names) != p["all_carriers"]:
        misses.append("aucun transporteur coché" if p["all_carriers"] else "des transporteurs cochés")
    if "additional_shipping" in p and product.additional_shipping_ht != Decimal(p["additional_shipping"]):
        misses.append(f"frais de port supplémentaires {format_money(Decimal(p['additional_shipping']))} HT")
    return verdict(facts, misses)


def _signed_amount(value: str) -> Decimal | None:
    """« +7,00 », « -3 » or « 7 » as a Decimal; None when unreadable."""
    value = (value or "").strip().replace("€", "").strip()
    sign = -1 if value.startswith("-") else 1
    try:
        return sign * parse_amount(value.lstrip("+-").strip())
    except ValueError:
        return None


@check(
    "product.combination_impact",
    features=("B-CAT-5", "B-CAT-6"),
    label="Impact sur le prix d'une déclinaison",
    one_of=("product", "name"),
    params={
        **PRODUCT_PARAMS,
        "attributes": text('"160 x 200, Lin naturel" (valeurs d\'attributs de la déclinaison)'),
        "impact_ttc": text('"+7,00" (impact TTC attendu, signé)', required=False),
        "impact_ht": text('"+5,83" (impact HT attendu, signé)', required=False),
    },
)
def combination_impact(ctx: ObserveContext, p: dict) -> Observation:
    """The price impact (TTC and HT) of the combination made of these attribute values."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    wanted = {fold(v) for v in p["attributes"].split(",") if v.strip()}
    combination = next(
        (c for c in combinations_of(ctx, product) if wanted <= {fold(a.name) for a in c.attributes}), None
    )
    if combination is None:
        return Observation(False, f"Produit {product.name} : aucune déclinaison {quote(p['attributes'])}")
    impact_ht = combination.price_impact_ht
    impact_ttc = ttc_from_ht(impact_ht, product.tax.rate_bp)
    values = ", ".join(a.name for a in combination.attributes)
    shown_ht = _signed(impact_ht.quantize(Decimal("0.01")))
    facts = (
        f"Produit {product.name}, déclinaison {values} : impact {_signed(impact_ttc)} TTC "
        f"({shown_ht} HT), prix final {format_money(combination.price_ttc)}"
    )
    misses = []
    for key, actual, tax in (("impact_ttc", impact_ttc, "TTC"), ("impact_ht", impact_ht, "HT")):
        if key in p:
            expected = _signed_amount(p[key])
            if expected is None or abs(actual - expected) >= Decimal("0.01"):
                misses.append(f"impact {p[key]} {tax}")
    return verdict(facts, misses)


SELECTION_PARAMS = ("category", "brand", "attribute", "product", "min_quantity", "apply_to")


@check(
    "cart_rule.restrictions",
    features=("B-PRO-2",),
    label="Règle panier : sélection de produits et cible de la réduction",
    one_of=("code", "name"),
    params={
        "code": text('"LIT2" (code de la règle)', required=False),
        "name": text('"Deux draps achetés" (mots du nom de la règle)', required=False),
        "category": text('"Linge de lit" (catégorie attendue dans la sélection)', required=False),
        "brand": text('"Lin & Nature" (marque attendue dans la sélection)', required=False),
        "attribute": text('"140 x 190" (valeur d\'attribut attendue dans la sélection)', required=False),
        "product": text('"Drap housse en lin lavé" (produit attendu dans la sélection)', required=False),
        "min_quantity": opt_int("2 (nombre minimum de produits de la sélection)"),
        "apply_to": Param("choice", '"cheapest"', False, choices=tuple(APPLY_TO)),
    },
)
def cart_rule_restrictions(ctx: ObserveContext, p: dict) -> Observation:
    """A cart rule's product selection (kinds, values, quantity) and what its reduction applies to."""
    stmt = select(CartRule).order_by(CartRule.id.desc())
    if "code" in p:
        stmt = stmt.where(func.upper(CartRule.code) == p["code"].strip().upper())
    rules = [r for r in ctx.db.scalars(stmt) if "name" not in p or fold(p["name"]) in fold(r.name)]
    if not rules:
        return Observation(False, f"Aucune règle panier {quote(p.get('code') or p.get('name'))}")
    rule = rules[0]
    reduced = ctx.db.get(Product, rule.reduction_product_id) if rule.reduction_product_id else None
    selection = selection_text(rule)
    facts = (
        f"Règle panier {rule.code or rule.name} : sélection "
        f"{f'{selection} (au moins {rule.restriction_quantity} produit(s))' if selection else 'aucune'} ; "
        f"réduction {apply_text(rule, reduced.name if reduced else None)}"
    )
    misses = []
    names = {r.kind: [] for r in rule.restrictions}
    for r in rule.restrictions:
        names[r.kind].append(r.target_name())
    names["product"] = [x.name for x in rule.products]
    for key, label in (("category", "catégorie"), ("brand", "marque"), ("attribute", "valeur"),
                       ("product", "produit")):
        if key in p and not any(fold(p[key]) in fold(n) for n in names.get(key, [])):
            misses.append(f"{label} {quote(p[key])} dans la sélection")
    if "min_quantity" in p and rule.restriction_quantity != p["min_quantity"]:
        misses.append(f"au moins {p['min_quantity']} produit(s) de la sélection")
    if "apply_to" in p and rule.reduction_apply != p["apply_to"]:
        misses.append(f"réduction appliquée à « {APPLY_TO[p['apply_to']]} »")
    if not selection and not rule.products and not (p.keys() & set(SELECTION_PARAMS)):
        misses.append("une sélection de produits")  # nothing more precise asked: at least a selection
    return verdict(facts, misses)


@check(
    "group.category_reduction",
    features=("B-CUS-1",),
    label="Groupe de clients : réduction par catégorie",
    params={
        "group": text('"Professionnels" (nom du groupe)', names="CustomerGroup"),
        "category": text('"Linge de lit" (catégorie attendue)', required=False),
        "reduction": Param("money", '"10" (réduction attendue, en %)', False),
    },
)
def group_category_reduction(ctx: ObserveContext, p: dict) -> Observation:
    """A group's reductions per category, and whether the expected one is there."""
    group = ctx.db.scalar(select(CustomerGroup).where(func.lower(CustomerGroup.name) == p["group"].lower()))
    if group is None:
        return Observation(False, f"Aucun groupe de clients nommé {quote(p['group'])}")
    rows = ctx.db.execute(
        select(Category.name, GroupCategoryReduction.reduction_bp)
        .join(Category, Category.id == GroupCategoryReduction.category_id)
        .where(GroupCategoryReduction.group_id == group.id)
        .order_by(Category.name)
    ).all()
    listed = "; ".join(f"{name} {format_percent(bp)}" for name, bp in rows) or "aucune"
    facts = (
        f"Groupe {group.name} : réduction par catégorie {listed} "
        f"(réduction générale {format_percent(group.reduction_bp)})"
    )
    misses = []
    wanted = int(Decimal(p["reduction"]) * 100) if "reduction" in p else None
    if "category" in p:
        found = [bp for name, bp in rows if fold(name) == fold(p["category"])]
        if not found:
            misses.append(f"une réduction sur la catégorie {quote(p['category'])}")
        elif wanted is not None and found[0] != wanted:
            misses.append(f"{format_percent(wanted)} sur la catégorie {quote(p['category'])}")
    elif wanted is not None:  # no category named: some category must have that reduction
        if all(bp != wanted for _name, bp in rows):
            misses.append(f"une réduction de {format_percent(wanted)} sur une catégorie")
    elif not rows:  # nothing more precise asked: at least one reduction by category
        misses.append("au moins une réduction par catégorie")
    return verdict(facts, misses)
