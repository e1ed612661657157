"""Checks on product sheets: existence, price HT/TTC, fields and flags, texts, categories, SEO."""

from __future__ import annotations

from decimal import Decimal

from sandbox.formatting import format_money, format_number, format_percent
from sandbox.models import Brand
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import (
    PRODUCT_PARAMS,
    chars,
    find_product,
    fold,
    length_misses,
    opt_bool,
    opt_int,
    plural,
    quote,
    yes_no,
)
from sandbox.subjects.params import Param, text

ONE_OF = ("product", "name")


def _missing(sentence: str) -> Observation:
    return Observation(False, sentence)


@check("product.exists", label="Produit créé", params={**PRODUCT_PARAMS}, one_of=ONE_OF)
def product_exists(ctx: ObserveContext, p: dict) -> Observation:
    """A product exists (by name, reference or named object)."""
    product, missing = find_product(ctx, p)
    if product is None:
        return _missing(missing)
    where = "en ligne" if product.active else "hors ligne"
    return verdict(f"Produit {quote(product.name)} (réf. {product.reference or '—'}) trouvé, {where}", [])


@check(
    "product.price",
    label="Prix du produit",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "ttc": Param("money", 'le prix TTC attendu, par exemple "49,90"', False),
        "ht": Param("money", 'le prix HT attendu, par exemple "41,58"', False),
        "tax_rate": Param("choice", "le taux de TVA attendu", False, choices=("20", "10", "5,5", "2,1")),
    },
)
def product_price(ctx: ObserveContext, p: dict) -> Observation:
    """Price HT and TTC of a product, and its tax rate, compared to the cent."""
    product, missing = find_product(ctx, p)
    if product is None:
        return _missing(missing)
    ttc, rate = product.price_ttc, product.tax.rate_bp
    ht = Decimal(product.price_ht).quantize(Decimal("0.01"))
    facts = (
        f"Produit {quote(product.name)} : prix {format_money(ttc)} TTC ({format_money(ht)} HT, "
        f"TVA {format_percent(rate)})"
    )
    misses = []
    if "ttc" in p and ttc != Decimal(p["ttc"]):
        misses.append(f"{format_money(Decimal(p['ttc']))} TTC")
    if "ht" in p and ht != Decimal(p["ht"]).quantize(Decimal("0.01")):
        misses.append(f"{format_money(Decimal(p['ht']))} HT")
    if "tax_rate" in p and rate != int(Decimal(p["tax_rate"].replace(",", ".")) * 100):
        misses.append(f"TVA {p['tax_rate']} %")
    return verdict(facts, misses, compared=any(k in p for k in ("ttc", "ht", "tax_rate")))


FIELDS = {
    "reference": ("référence", lambda pr, db: pr.reference),
    "ean13": ("EAN-13", lambda pr, db: pr.ean13),
    "weight_g": ("poids (g)", lambda pr, db: pr.weight_g),
    "active": ("en ligne", lambda pr, db: pr.active),
    "on_sale": ("drapeau « En solde ! »", lambda pr, db: pr.on_sale),
    "online_only": ("exclusivité web", lambda pr, db: pr.online_only),
    "condition": ("état", lambda pr, db: pr.condition),
    "brand": ("marque", lambda pr, db: db.get(Brand, pr.brand_id).name if pr.brand_id else ""),
}


@check(
    "product.fields",
    label="Champs du produit",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "reference": text('la référence attendue, par exemple "PLAID-ARD"', required=False),
        "ean13": text("le code EAN-13 attendu", required=False),
        "weight_g": opt_int("le poids attendu en grammes"),
        "active": opt_bool("true si le produit doit être en ligne, false hors ligne"),
        "on_sale": opt_bool("true si le drapeau « En solde ! » doit être coché"),
        "online_only": opt_bool("true si le produit doit être en exclusivité web"),
        "condition": Param("choice", "l'état attendu", False, choices=("new", "used", "refurbished")),
        "brand": text('le nom de la marque attendue, par exemple "Lin & Nature"', required=False),
    },
)
def product_fields(ctx: ObserveContext, p: dict) -> Observation:
    """Reference, EAN, weight, brand, online/on-sale/web-only flags of a product."""
    product, missing = find_product(ctx, p)
    if product is None:
        return _missing(missing)
    asked = [k for k in FIELDS if k in p] or ["reference", "active"]
    parts, misses = [], []
    for key in asked:
        label, read = FIELDS[key]
        value = read(product, ctx.db)
        shown = (
            yes_no(value)
            if isinstance(value, bool)
            else (format_number(value) if isinstance(value, int) else (value or "(vide)"))
        )
        parts.append(f"{label} {shown}")
        if key in p and (
            fold(str(value)) != fold(str(p[key])) if isinstance(value, str) else value != p[key]
        ):
            expected = yes_no(p[key]) if isinstance(p[key], bool) else p[key]
            misses.append(f"{label} {expected}")
    facts = f"Produit {quote(product.name)} : " + ", ".join(parts)
    return verdict(facts, misses, compared=any(k in p for k in FIELDS))


@check(
    "product.texts",
    label="Récapitulatif et description",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "summary_min": opt_int("longueur minimale du récapitulatif (caractères)"),
        "summary_max": opt_int("longueur maximale du récapitulatif (caractères)"),
        "description_min": opt_int("longueur minimale de la description (caractères)"),
        "description_max": opt_int("longueur maximale de la description (caractères)"),
        "contains": Param(
            "list", '["lin lavé"] (mots attendus dans le récapitulatif ou la description)', False
        ),
    },
)
def product_texts(ctx: ObserveContext, p: dict) -> Observation:
    """Lengths of a product's summary and description, and words they should hold."""
    product, missing = find_product(ctx, p)
    if product is None:
        return _missing(missing)
    summary, description = chars(product.summary), chars(product.description)
    facts = (
        f"Produit {quote(product.name)} : récapitulatif {plural(summary, 'caractère')}, "
        f"description {plural(description, 'caractère')}"
    )
    misses = length_misses("récapitulatif", summary, p.get("summary_min"), p.get("summary_max"))
    misses += length_misses("description", description, p.get("description_min"), p.get("description_max"))
    both = fold(f"{product.summary} {product.description}")
    misses += [f"le mot {quote(w)}" for w in p.get("contains", []) if fold(w) not in both]
    if not p.keys() - set(ONE_OF) and not (summary and description):
        misses.append("un récapitulatif et une description")
    return verdict(facts, misses)


@check(
    "product.categories",
    label="Catégories du produit",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "categories": Param("list", '["Linge de lit", "Plaids"] (catégories attendues)', False),
        "default": text('"Plaids" (catégorie par défaut attendue)', required=False),
    },
)
def product_categories(ctx: ObserveContext, p: dict) -> Observation:
    """Categories a product is attached to and its default category."""
    product, missing = find_product(ctx, p)
    if product is None:
        return _missing(missing)
    names = [c.name for c in product.categories]
    default = product.default_category.name
    facts = (
        f"Produit {quote(product.name)} : catégories {', '.join(names) or '(aucune)'} ; par défaut {default}"
    )
    have = {fold(n) for n in names}
    misses = [f"la catégorie {quote(c)}" for c in p.get("categories", []) if fold(c) not in have]
    if "default" in p and fold(default) != fold(p["default"]):
        misses.append(f"catégorie par défaut {quote(p['default'])}")
    return verdict(facts, misses, compared="categories" in p or "default" in p)


@check(
    "product.seo",
    label="Référencement du produit",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "meta_title_contains": text('"plaid" (mot attendu dans la balise titre)', required=False),
        "meta_description_min": opt_int("longueur minimale de la méta description"),
        "meta_description_max": opt_int("longueur maximale de la méta description"),
        "slug_contains": text('"plaid-ardoise" (texte attendu dans l\'URL simplifiée)', required=False),
    },
)
def product_seo(ctx: ObserveContext, p: dict) -> Observation:
    """Meta title, meta description and friendly URL of a product."""
    product, missing = find_product(ctx, p)
    if product is None:
        return _missing(missing)
    description = chars(product.meta_description)
    title = quote(product.meta_title) if product.meta_title else "(vide)"
    facts = (
        f"Produit {quote(product.name)} : balise titre {title}, méta description "
        f"{plural(description, 'caractère')}, URL simplifiée {product.slug}"
    )
    misses = [] if product.meta_title else ["une balise titre"]
    if "meta_title_contains" in p and fold(p["meta_title_contains"]) not in fold(product.meta_title):
        misses.append(f"{quote(p['meta_title_contains'])} dans la balise titre")
    misses += length_misses(
        "méta description", description, p.get("meta_description_min", 1), p.get("meta_description_max")
    )
    if "slug_contains" in p and fold(p["slug_contains"]) not in fold(product.slug):
        misses.append(f"{quote(p['slug_contains'])} dans l'URL simplifiée")
    return verdict(facts, misses)
