"""Checks on promotions: a cart rule with its code, a catalogue price rule, a specific price, a group."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from sandbox.formatting import format_date, format_money, format_number, format_percent
from sandbox.models import CartRule, CatalogRule, Category, CustomerGroup, Product, SpecificPrice
from sandbox.subjects.dates import resolve_date
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import PRODUCT_PARAMS, find_product, fold, opt_bool, opt_int, quote
from sandbox.subjects.params import Param, text

REDUCTION = {
    "percent": Param("int", "25 (pourcentage de réduction attendu)", False, minimum=0, maximum=100),
    "amount": Param("money", '"5,00" (montant de réduction attendu, en euros)', False),
}


def reduction_text(kind: str, value: Decimal, tax_included: bool) -> str:
    """« -25 % » or « -5,00 € TTC »."""
    if kind == "percent":
        return f"-{format_number(value, 0 if value == value.to_integral_value() else 2)} %"
    return f"-{format_money(value)} {'TTC' if tax_included else 'HT'}"


def reduction_misses(p: dict, kind: str, value: Decimal) -> list[str]:
    """Misses of the expected percentage or amount."""
    misses = []
    if "percent" in p and (kind != "percent" or value != Decimal(p["percent"])):
        misses.append(f"réduction de {p['percent']} %")
    if "amount" in p and (kind != "amount" or value != Decimal(p["amount"])):
        misses.append(f"réduction de {format_money(Decimal(p['amount']))}")
    return misses


def date_misses(p: dict, ctx: ObserveContext, start, end) -> list[str]:
    """Misses of the expected first and last days."""
    misses = []
    for key, actual, label in (("date_from", start, "à partir du"), ("date_to", end, "jusqu'au")):
        if key in p:
            wanted = resolve_date(p[key], ctx.today)
            if actual != wanted:
                misses.append(f"valable {label} {format_date(wanted)}")
    return misses


def _period(start, end) -> str:
    if start is None and end is None:
        return "sans limite de dates"
    return " ".join(x for x in (f"du {start:%d/%m}" if start else "", f"au {end:%d/%m}" if end else "") if x)


@check(
    "cart_rule.code",
    features=("B-PRO-2",),
    label="Règle panier avec un code",
    params={
        "code": text('"PRINTEMPS25" (code attendu, sans tenir compte des majuscules)'),
        **REDUCTION,
        "minimum": Param("money", '"50,00" (montant minimum attendu)', False),
        "minimum_tax_included": opt_bool("true si le minimum doit être TTC, false s'il doit être HT"),
        "free_shipping": opt_bool("true si la livraison gratuite est attendue"),
        "gift": text('"Lessive au savon de Marseille" (produit offert attendu)', required=False),
        "date_from": Param("date", '"today" (premier jour de validité attendu)', False),
        "date_to": Param("date", '"today+15" (dernier jour de validité attendu)', False),
        "quantity": opt_int("100 (quantité totale attendue)"),
        "quantity_per_user": opt_int("1 (quantité par client attendue)"),
        "exclude_specials": opt_bool("true si les produits déjà en promotion doivent être exclus"),
    },
)
def cart_rule_code(ctx: ObserveContext, p: dict) -> Observation:
    """A cart rule found by its code, its conditions and actions as one French sentence."""
    rule = ctx.db.scalar(
        select(CartRule).where(func.upper(CartRule.code) == p["code"].upper()).order_by(CartRule.id.desc())
    )
    if rule is None:
        return Observation(False, f"Aucune règle panier avec le code {quote(p['code'].upper())}")
    gift = ctx.db.get(Product, rule.gift_product_id) if rule.gift_product_id else None
    actions = []
    if rule.reduction_type and rule.reduction:
        actions.append(
            f"réduction {reduction_text(rule.reduction_type, rule.reduction, rule.reduction_tax_included)}"
        )
    if rule.free_shipping:
        actions.append("livraison gratuite")
    if gift is not None:
        actions.append(f"cadeau = {gift.name}")
    conditions = []
    if rule.minimum_amount:
        tax = "TTC" if rule.minimum_tax_included else "HT"
        conditions.append(f"minimum {format_money(rule.minimum_amount)} {tax}")
    conditions.append(_period(rule.date_from, rule.date_to))
    conditions.append(f"{rule.quantity} utilisation(s), {rule.quantity_per_user} par client")
    if not rule.active:
        conditions.append("désactivée")
    facts = f"Règle panier {rule.code} : {', '.join(actions) or 'aucune action'}, {', '.join(conditions)}"
    misses = (
        reduction_misses(p, rule.reduction_type, rule.reduction) if ("percent" in p or "amount" in p) else []
    )
    if "minimum" in p and rule.minimum_amount != Decimal(p["minimum"]):
        misses.append(f"minimum {format_money(Decimal(p['minimum']))}")
    if (
        "minimum_tax_included" in p
        and rule.minimum_amount
        and rule.minimum_tax_included != p["minimum_tax_included"]
    ):
        misses.append("minimum TTC" if p["minimum_tax_included"] else "minimum HT")
    if "free_shipping" in p and rule.free_shipping != p["free_shipping"]:
        misses.append("livraison gratuite" if p["free_shipping"] else "sans livraison gratuite")
    if "gift" in p and (gift is None or fold(p["gift"]) not in fold(gift.name)):
        misses.append(f"cadeau {quote(p['gift'])}")
    misses += date_misses(p, ctx, rule.date_from, rule.date_to)
    for key, label in (("quantity", "quantité totale"), ("quantity_per_user", "quantité par client")):
        if key in p and getattr(rule, key) != p[key]:
            misses.append(f"{label} {p[key]}")
    if "exclude_specials" in p and rule.exclude_specials != p["exclude_specials"]:
        misses.append(
            "produits en promotion exclus" if p["exclude_specials"] else "produits en promotion inclus"
        )
    if not rule.active:
        misses.append("règle activée")
    return verdict(facts, misses)


@check(
    "catalog_rule.exists",
    features=("B-PRO-1",),
    label="Règle de prix catalogue",
    params={
        "name": text('"Fête des mères" (mots du nom de la règle)', required=False),
        "category": text('"Linge de bain" (catégorie visée)', required=False),
        "group": text('"Professionnels" (groupe visé)', required=False),
        "from_quantity": opt_int("3 (quantité minimale attendue)"),
        **REDUCTION,
        "date_from": Param("date", '"today" (premier jour attendu)', False),
        "date_to": Param("date", '"today+10" (dernier jour attendu)', False),
    },
)
def catalog_rule_exists(ctx: ObserveContext, p: dict) -> Observation:
    """The catalogue price rule best matching the expectations (newest first)."""
    rules = ctx.db.scalars(select(CatalogRule).order_by(CatalogRule.id.desc())).all()
    if "name" in p:
        rules = [r for r in rules if fold(p["name"]) in fold(r.name)]
    if not rules:
        return Observation(
            False, "Aucune règle de prix catalogue" + (f" nommée {quote(p['name'])}" if "name" in p else "")
        )
    categories = dict(ctx.db.execute(select(Category.id, Category.name)).all())
    groups = dict(ctx.db.execute(select(CustomerGroup.id, CustomerGroup.name)).all())

    def misses_of(rule: CatalogRule) -> list[str]:
        misses = reduction_misses(p, rule.reduction_type, rule.reduction)
        if "category" in p and fold(categories.get(rule.category_id, "")) != fold(p["category"]):
            misses.append(f"catégorie {quote(p['category'])}")
        if "group" in p and fold(groups.get(rule.group_id, "")) != fold(p["group"]):
            misses.append(f"groupe {quote(p['group'])}")
        if "from_quantity" in p and rule.from_quantity != p["from_quantity"]:
            misses.append(f"à partir de {p['from_quantity']} unités")
        return misses + date_misses(p, ctx, rule.date_from, rule.date_to)

    rule = min(rules, key=lambda r: len(misses_of(r)))
    scope = [
        f"catégorie {categories[rule.category_id]}" if rule.category_id in categories else "",
        f"groupe {groups[rule.group_id]}" if rule.group_id in groups else "",
        f"dès {rule.from_quantity} unités" if rule.from_quantity > 1 else "",
    ]
    facts = (
        f"Règle de prix catalogue {quote(rule.name)} : "
        f"{reduction_text(rule.reduction_type, rule.reduction, rule.reduction_tax_included)}, "
        f"{', '.join(s for s in scope if s) or 'tout le catalogue'}, {_period(rule.date_from, rule.date_to)}"
    )
    return verdict(facts, misses_of(rule))


@check(
    "product.specific_price",
    features=("B-PRO-3",),
    label="Prix spécifique d'un produit",
    one_of=("product", "name"),
    params={
        **PRODUCT_PARAMS,
        "group": text('"Professionnels" (groupe visé)', required=False),
        "from_quantity": opt_int("3 (quantité minimale attendue)"),
        **REDUCTION,
        "fixed_price": Param("money", '"40,00" (prix fixe HT attendu)', False),
    },
)
def product_specific_price(ctx: ObserveContext, p: dict) -> Observation:
    """The specific prices of a product and whether one matches the expectations."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    rows = ctx.db.scalars(
        select(SpecificPrice).where(SpecificPrice.product_id == product.id).order_by(SpecificPrice.id.desc())
    ).all()
    if not rows:
        return Observation(False, f"Produit {product.name} : aucun prix spécifique")
    groups = dict(ctx.db.execute(select(CustomerGroup.id, CustomerGroup.name)).all())

    def misses_of(s: SpecificPrice) -> list[str]:
        misses = reduction_misses(p, s.reduction_type, s.reduction)
        if "group" in p and fold(groups.get(s.group_id, "")) != fold(p["group"]):
            misses.append(f"groupe {quote(p['group'])}")
        if "from_quantity" in p and s.from_quantity != p["from_quantity"]:
            misses.append(f"à partir de {p['from_quantity']} unités")
        if "fixed_price" in p and s.fixed_price_ht != Decimal(p["fixed_price"]):
            misses.append(f"prix fixe {format_money(Decimal(p['fixed_price']))} HT")
        return misses

    best = min(rows, key=lambda s: len(misses_of(s)))
    parts = [
        f"prix fixe {format_money(best.fixed_price_ht)} HT" if best.fixed_price_ht is not None else "",
        reduction_text(best.reduction_type, best.reduction, best.reduction_tax_included)
        if best.reduction
        else "",
        f"groupe {groups.get(best.group_id)}" if best.group_id else "tous les groupes",
        f"dès {best.from_quantity} unités" if best.from_quantity > 1 else "",
        _period(best.date_from, best.date_to),
    ]
    facts = (
        f"Produit {product.name} : prix spécifique {', '.join(x for x in parts if x)} ({len(rows)} au total)"
    )
    return verdict(facts, misses_of(best))


@check(
    "group.settings",
    features=("B-CUS-1",),
    label="Groupe de clients",
    params={
        "group": text('"Professionnels" (nom du groupe)', names="CustomerGroup"),
        "reduction": Param("int", "10 (réduction du groupe attendue, en %)", False, minimum=0, maximum=100),
        "price_display": Param("choice", '"ht" ou "ttc"', False, choices=("ht", "ttc")),
        "show_prices": opt_bool("true si les prix doivent être affichés"),
    },
)
def group_settings(ctx: ObserveContext, p: dict) -> Observation:
    """A customer group: its discount, price display and whether prices are shown."""
    group = ctx.db.scalar(select(CustomerGroup).where(func.lower(CustomerGroup.name) == p["group"].lower()))
    if group is None:
        return Observation(False, f"Aucun groupe de clients nommé {quote(p['group'])}")
    facts = (
        f"Groupe {group.name} : réduction {format_percent(group.reduction_bp)}, prix affichés "
        f"{group.price_display.upper()}{'' if group.show_prices else ' (prix masqués)'}"
    )
    misses = []
    if "reduction" in p and group.reduction_bp != p["reduction"] * 100:
        misses.append(f"réduction de {p['reduction']} %")
    if "price_display" in p and group.price_display != p["price_display"]:
        misses.append(f"prix affichés {p['price_display'].upper()}")
    if "show_prices" in p and group.show_prices != p["show_prices"]:
        misses.append("prix affichés" if p["show_prices"] else "prix masqués")
    return verdict(facts, misses)
