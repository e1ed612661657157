"""Checks on combinations (déclinaisons) and stock, and on shop categories."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.formatting import format_date
from sandbox.models import Category
from sandbox.subjects.dates import resolve_date
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import (
    PRODUCT_PARAMS,
    chars,
    combinations_of,
    find_product,
    fold,
    length_misses,
    opt_bool,
    opt_int,
    plural,
    quote,
)
from sandbox.subjects.params import Param, text

ONE_OF = ("product", "name")


@check(
    "product.combinations",
    label="Déclinaisons du produit",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "min": opt_int("nombre minimal de déclinaisons"),
        "max": opt_int("nombre maximal de déclinaisons"),
        "attributes": Param("list", '["Taille", "Couleur"] (attributs attendus)', False),
        "values": Param("list", '["130 x 180", "Ardoise"] (valeurs attendues)', False),
        "stock_min": opt_int("stock total minimal des déclinaisons"),
        "each_stock_min": opt_int("stock minimal de chaque déclinaison"),
    },
)
def product_combinations(ctx: ObserveContext, p: dict) -> Observation:
    """Count, attributes, values and stock of a product's combinations."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    combos = combinations_of(ctx, product)
    groups: dict[str, None] = {}
    values: set[str] = set()
    for combo in combos:
        for attribute in combo.attributes:
            groups.setdefault(attribute.group.name, None)
            values.add(fold(attribute.name))
    total = sum(c.quantity for c in combos)
    shape = f" ({' × '.join(groups)})" if groups else ""
    facts = (
        f"Produit {quote(product.name)} : {plural(len(combos), 'déclinaison')}{shape}, stock total {total}"
    )
    misses = []
    if len(combos) < p.get("min", 1):
        misses.append(f"au moins {p.get('min', 1)} déclinaison(s)")
    if "max" in p and len(combos) > p["max"]:
        misses.append(f"au plus {p['max']} déclinaisons")
    have_groups = {fold(g) for g in groups}
    misses += [f"l'attribut {quote(a)}" for a in p.get("attributes", []) if fold(a) not in have_groups]
    misses += [f"la valeur {quote(v)}" for v in p.get("values", []) if fold(v) not in values]
    if "stock_min" in p and total < p["stock_min"]:
        misses.append(f"un stock total d'au moins {p['stock_min']}")
    if "each_stock_min" in p and any(c.quantity < p["each_stock_min"] for c in combos):
        misses.append(f"au moins {p['each_stock_min']} en stock pour chaque déclinaison")
    return verdict(facts, misses)


@check(
    "product.stock",
    label="Stock",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "combination": Param("list", '["140 x 190", "Blanc"] (valeurs de la déclinaison, facultatif)', False),
        "equals": opt_int("quantité attendue"),
        "min": opt_int("quantité minimale attendue"),
    },
)
def product_stock(ctx: ObserveContext, p: dict) -> Observation:
    """Stock of a product, or of one of its combinations named by its attribute values."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    label, quantity = f"Produit {quote(product.name)}", product.total_quantity
    if "combination" in p:
        wanted = {fold(v) for v in p["combination"]}
        combo = next(
            (c for c in combinations_of(ctx, product) if {fold(a.name) for a in c.attributes} == wanted), None
        )
        if combo is None:
            return Observation(False, f"{label} : aucune déclinaison {' / '.join(p['combination'])}")
        label, quantity = f"Déclinaison {quote(combo.label, 90)}", combo.quantity
    misses = []
    if "equals" in p and quantity != p["equals"]:
        misses.append(f"un stock de {p['equals']}")
    if "min" in p and quantity < p["min"]:
        misses.append(f"un stock d'au moins {p['min']}")
    return verdict(f"{label} : stock {quantity}", misses, compared="equals" in p or "min" in p)


@check(
    "category.exists",
    label="Catégorie de la boutique",
    params={
        "name": text('"Plaids et couvertures" (nom de la catégorie)', names="Category"),
        "parent": text('"Linge de lit" (catégorie parente attendue)', required=False),
        "description_min": opt_int("longueur minimale de la description"),
        "meta_title": opt_bool("true si une balise titre est attendue"),
        "meta_description_min": opt_int("longueur minimale de la méta description"),
        "active": opt_bool("true si la catégorie doit être affichée"),
    },
)
def category_exists(ctx: ObserveContext, p: dict) -> Observation:
    """A shop category with that name: its parent, description and SEO fields."""
    wanted = fold(p["name"])
    rows = ctx.db.execute(select(Category.id, Category.name).order_by(Category.id.desc())).all()
    found = next((cid for cid, name in rows if fold(name) == wanted), None)
    if found is None:
        return Observation(False, f"Aucune catégorie nommée {quote(p['name'])}")
    category = ctx.db.get(Category, found)
    parent = category.parent.name if category.parent else "(aucune)"
    description = chars(category.description)
    meta_description = chars(category.meta_description)
    meta_title = quote(category.meta_title) if category.meta_title else "(vide)"
    facts = (
        f"Catégorie {quote(category.name)} : parente {parent}, description "
        f"{plural(description, 'caractère')}, balise titre {meta_title}, "
        f"méta description {plural(meta_description, 'caractère')}"
        + ("" if category.active else ", non affichée")
    )
    misses = []
    if "parent" in p and fold(parent) != fold(p["parent"]):
        misses.append(f"parente {quote(p['parent'])}")
    misses += length_misses("description", description, p.get("description_min"), None)
    if p.get("meta_title") and not category.meta_title:
        misses.append("une balise titre")
    misses += length_misses("méta description", meta_description, p.get("meta_description_min"), None)
    if "active" in p and category.active != p["active"]:
        misses.append("catégorie affichée" if p["active"] else "catégorie masquée")
    return verdict(facts, misses)


OUT_OF_STOCK = {
    "default": "comportement par défaut",
    "deny": "commandes refusées",
    "allow": "commandes acceptées",
}


@check(
    "product.availability",
    label="Disponibilité d'un produit hors stock",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "out_of_stock": Param(
            "choice", "le comportement hors stock attendu", False, choices=tuple(OUT_OF_STOCK)
        ),
        "available_date": Param("date", '"today+21" (date de réassort attendue)', False),
        "message_contains": text('"réassort" (mot attendu dans le message hors stock)', required=False),
    },
)
def product_availability(ctx: ObserveContext, p: dict) -> Observation:
    """Out-of-stock behaviour, restock date and out-of-stock message of a product."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    when = format_date(product.available_date) if product.available_date else "(vide)"
    message = quote(product.available_later) if product.available_later else "(vide)"
    facts = (
        f"Produit {quote(product.name)} : stock {product.total_quantity}, hors stock "
        f"{OUT_OF_STOCK.get(product.out_of_stock, product.out_of_stock)}, disponibilité {when}, "
        f"message {message}"
    )
    misses = []
    if "out_of_stock" in p and product.out_of_stock != p["out_of_stock"]:
        misses.append(OUT_OF_STOCK[p["out_of_stock"]])
    if "available_date" in p:
        wanted = resolve_date(p["available_date"], ctx.today)
        if product.available_date != wanted:
            misses.append(f"disponibilité le {format_date(wanted)}")
    if "message_contains" in p and fold(p["message_contains"]) not in fold(product.available_later):
        misses.append(f"{quote(p['message_contains'])} dans le message hors stock")
    return verdict(
        facts, misses, compared=any(k in p for k in ("out_of_stock", "available_date", "message_contains"))
    )
