"""Checks on catalogue complements: brands, packs, accessories, customisation fields."""

from __future__ import annotations

from sqlalchemy import func, select

from sandbox.models import AttributeGroup, Brand, Feature, FeatureValue, Product
from sandbox.services.product_extras import FIELD_KINDS, accessories, customization_fields, pack_items
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import (
    PRODUCT_PARAMS,
    chars,
    find_product,
    fold,
    opt_bool,
    opt_int,
    quote,
)
from sandbox.subjects.params import Param, text

ONE_OF = ("product", "name")


@check(
    "brand.exists",
    label="Marque",
    params={
        "brand": text('"Atelier Roubaix" (nom de la marque)', names="Brand"),
        "logo": opt_bool("true si la marque doit avoir un logo"),
        "description_min": opt_int("longueur minimale de la description (caractères)"),
        "products_min": opt_int("nombre minimal de produits de la marque"),
        "product": text('"Plaid Ardoise" (un produit qui doit porter cette marque)', required=False),
    },
)
def brand_exists(ctx: ObserveContext, p: dict) -> Observation:
    """A brand exists with its logo, description and products."""
    wanted = fold(p["brand"])
    brands = list(ctx.db.scalars(select(Brand).order_by(Brand.id.desc())))
    brand = next((b for b in brands if fold(b.name) == wanted), None) or next(
        (b for b in brands if wanted in fold(b.name)), None
    )
    if brand is None:
        return Observation(False, f"Aucune marque nommée {quote(p['brand'])}")
    count = ctx.db.scalar(select(func.count()).where(Product.brand_id == brand.id)) or 0
    names = list(ctx.db.scalars(select(Product.name).where(Product.brand_id == brand.id).limit(5)))
    description = chars(brand.description)
    facts = (
        f"Marque {quote(brand.name)} : logo {'oui' if brand.logo_id else 'non'}, description "
        f"{description} caractère(s), {count} produit(s)" + (f" ({', '.join(names)})" if names else "")
    )
    misses = []
    if p.get("logo") and not brand.logo_id:
        misses.append("un logo")
    if "description_min" in p and description < p["description_min"]:
        misses.append(f"une description d'au moins {p['description_min']} caractères")
    if "products_min" in p and count < p["products_min"]:
        misses.append(f"au moins {p['products_min']} produit(s)")
    if "product" in p and not any(
        fold(p["product"]) in fold(n)
        for n in ctx.db.scalars(select(Product.name).where(Product.brand_id == brand.id))
    ):
        misses.append(f"le produit {quote(p['product'])} de cette marque")
    return verdict(facts, misses)


@check(
    "product.pack",
    label="Pack de produits",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "items": Param("list", '["Taie lin blanc", "Drap housse lin"] (produits attendus)', False),
        "quantities": Param("list", '["2", "1"] (quantités attendues, dans l\'ordre de « items »)', False),
        "active": opt_bool("true si le pack doit être en ligne, false hors ligne"),
    },
)
def product_pack(ctx: ObserveContext, p: dict) -> Observation:
    """A product is a pack: its contents and quantities, online or not."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    items = pack_items(ctx.db, product)
    content = ", ".join(f"{q} × {i.name}" for i, q in items) or "vide"
    kind = "pack" if product.is_pack else "produit standard"
    facts = (
        f"Produit {quote(product.name)} : {kind} ({content}), "
        f"{'en ligne' if product.active else 'hors ligne'}"
    )
    misses = [] if items else ["un pack contenant des produits"]
    quantities = list(p.get("quantities", []))
    for index, name in enumerate(p.get("items", [])):
        found = next((q for i, q in items if fold(name) in fold(i.name)), None)
        if found is None:
            misses.append(f"{quote(name)} dans le pack")
        elif index < len(quantities) and str(found) != str(quantities[index]):
            misses.append(f"{quantities[index]} × {quote(name)}")
    if "active" in p and product.active != p["active"]:
        misses.append("en ligne" if p["active"] else "hors ligne")
    return verdict(facts, misses)


@check(
    "product.accessory",
    label="Accessoires du produit",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "accessory": text('"Taie lin blanc" (produit attendu en accessoire)', required=False),
    },
)
def product_accessory(ctx: ObserveContext, p: dict) -> Observation:
    """Accessories (related products) of a product."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    related = accessories(ctx.db, product)
    facts = f"Produit {quote(product.name)} : accessoires {', '.join(r.name for r in related) or '(aucun)'}"
    if "accessory" in p:
        ok = any(fold(p["accessory"]) in fold(r.name) for r in related)
        return verdict(facts, [] if ok else [f"l'accessoire {quote(p['accessory'])}"])
    return verdict(facts, [] if related else ["au moins un accessoire"])


@check(
    "product.customization",
    label="Personnalisation du produit",
    one_of=ONE_OF,
    params={
        **PRODUCT_PARAMS,
        "label": text('"Initiales à broder" (libellé attendu, ou une partie)', required=False),
        "kind": Param("choice", "le type de champ attendu", False, choices=tuple(FIELD_KINDS)),
        "required": opt_bool("true si le champ doit être obligatoire"),
    },
)
def product_customization(ctx: ObserveContext, p: dict) -> Observation:
    """Customisation fields of a product: label, text or file, required or not."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    fields = customization_fields(ctx.db, product)
    shown = "; ".join(
        f"{quote(f.label)} ({FIELD_KINDS.get(f.kind, f.kind).lower()}, "
        f"{'obligatoire' if f.required else 'facultatif'})"
        for f in fields
    )
    facts = f"Produit {quote(product.name)} : champs de personnalisation {shown or '(aucun)'}"
    match = [f for f in fields if "label" not in p or fold(p["label"]) in fold(f.label)]
    if not match:
        wanted = f"un champ {quote(p['label'])}" if "label" in p else "un champ de personnalisation"
        return verdict(facts, [wanted])
    misses = []
    if "kind" in p and not any(f.kind == p["kind"] for f in match):
        misses.append(f"un champ de type {FIELD_KINDS[p['kind']].lower()}")
    if "required" in p and not any(f.required == p["required"] for f in match):
        misses.append("champ obligatoire" if p["required"] else "champ facultatif")
    return verdict(facts, misses)


@check(
    "product.images",
    label="Images du produit",
    one_of=ONE_OF,
    params={**PRODUCT_PARAMS,
            "min": opt_int("nombre minimal d'images"),
            "cover_legend": text('"plaid ardoise" (mot attendu dans la légende de l\'image de couverture)',
                                 required=False),
            "all_legends": opt_bool("true si chaque image doit avoir une légende")},
)
def product_images(ctx: ObserveContext, p: dict) -> Observation:
    """Pictures of a product: how many, which is the cover, their captions."""
    product, missing = find_product(ctx, p)
    if product is None:
        return Observation(False, missing)
    images = product.images
    cover = product.cover
    legends = sum(1 for i in images if i.legend.strip())
    facts = (f"Produit {quote(product.name)} : {len(images)} image(s), {legends} avec légende, couverture "
             f"{quote(cover.legend) if cover and cover.legend else ('sans légende' if cover else 'aucune')}")
    misses = []
    if len(images) < p.get("min", 1):
        misses.append(f"au moins {p.get('min', 1)} image(s)")
    if "cover_legend" in p and (cover is None or fold(p["cover_legend"]) not in fold(cover.legend)):
        misses.append(f"{quote(p['cover_legend'])} dans la légende de la couverture")
    if p.get("all_legends") and legends < len(images):
        misses.append("une légende sur chaque image")
    return verdict(facts, misses)


@check(
    "attribute.values",
    label="Valeurs d'un attribut ou d'une caractéristique",
    params={"attribute": text('"Couleur" (nom de l\'attribut ou de la caractéristique)'),
            "values": Param("list", '["Vert sauge"] (valeurs attendues)', False),
            "color": text('"#9CAF88" (couleur attendue de la première valeur)', required=False)},
)
def attribute_values(ctx: ObserveContext, p: dict) -> Observation:
    """An attribute (or a feature) and its values; a colour for colour attributes."""
    wanted = fold(p["attribute"])
    group = next((a for a in ctx.db.scalars(select(AttributeGroup)) if fold(a.name) == wanted), None)
    if group is not None:
        values = {fold(v.name): v for v in group.values}
        shown = ", ".join(v.name + (f" ({v.color})" if v.color else "") for v in group.values)
        facts = f"Attribut {quote(group.name)} : {shown or '(aucune valeur)'}"
    else:
        feature = next((f for f in ctx.db.scalars(select(Feature)) if fold(f.name) == wanted), None)
        if feature is None:
            return Observation(False, f"Aucun attribut ni caractéristique nommé {quote(p['attribute'])}")
        rows = ctx.db.scalars(select(FeatureValue).where(FeatureValue.feature_id == feature.id)).all()
        values = {fold(v.value): v for v in rows}
        listed = ", ".join(v.value for v in rows) or "(aucune valeur)"
        facts = f"Caractéristique {quote(feature.name)} : {listed}"
    misses = [f"la valeur {quote(v)}" for v in p.get("values", []) if fold(v) not in values]
    if "color" in p and p.get("values"):
        first = values.get(fold(p["values"][0]))
        if first is not None and fold(getattr(first, "color", "")) != fold(p["color"]):
            misses.append(f"la couleur {p['color']}")
    return verdict(facts, misses, compared=bool(p.get("values")))
