"""What the product page shows, built from the catalogue: choices, prices per combination, details."""

from __future__ import annotations

import re

from flask import g
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from sandbox.content.links import local_link
from sandbox.content.sanitize import sanitize_rich
from sandbox.formatting import format_money
from sandbox.models import (
    AttributeGroup,
    Combination,
    CustomizationField,
    Feature,
    FeatureValue,
    PackItem,
    Product,
    ProductFeature,
    RelatedProduct,
)
from sandbox.services import cart as carts
from sandbox.services.availability import stock_status
from sandbox.services.pricing import displays_ht, price_of
from sandbox.web.shop_front.listing import product_url

COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def rich_text(text: str) -> Markup:
    """A product text: limited HTML sanitised, or plain paragraphs separated by blank lines."""
    if "<" in (text or ""):
        return sanitize_rich(text, local_link)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(p).split("\n"))) for p in paragraphs
    )


def chosen(product: Product, values) -> tuple[Combination | None, bool]:
    """The combination asked for (?combination= or attr_<group> values); False if none matches."""
    if not product.combinations:
        return None, True
    wanted = values.get("combination", "")
    if wanted.isdigit():
        match = next((c for c in product.combinations if c.id == int(wanted)), None)
        if match is not None:
            return match, True
    ids = {int(v) for k, v in values.items() if k.startswith("attr_") and v.isdigit()}
    combination = carts.resolve_combination(product, ids)
    if combination is None:
        return None, False
    return combination, True


def selectors(product: Product, combination: Combination | None, values) -> list[dict]:
    """One selector per attribute group used by the combinations, with the values that exist."""
    groups: dict[int, AttributeGroup] = {}
    options: dict[int, dict[int, object]] = {}
    for comb in product.combinations:
        for attribute in comb.attributes:
            groups[attribute.group_id] = attribute.group
            options.setdefault(attribute.group_id, {})[attribute.id] = attribute
    selected = {a.group_id: a.id for a in combination.attributes} if combination else {}
    for key, value in values.items():  # keep what was chosen even when that combination does not exist
        if key.startswith("attr_") and key[5:].isdigit() and value.isdigit():
            selected.setdefault(int(key[5:]), int(value))
    return [
        {
            "group": group,
            "selected": selected.get(group.id),
            "values": [
                {"id": a.id, "name": a.name, "color": a.color if COLOR.match(a.color or "") else "#cccccc"}
                for a in sorted(options[group.id].values(), key=lambda a: (a.position, a.id))
            ],
        }
        for group in sorted(groups.values(), key=lambda x: (x.position, x.id))
    ]


def offer_for(product: Product, combination: Combination | None) -> dict:
    """Price (with and without the group reduction), reference and stock of one choice."""
    price = price_of(g.db, product, combination, g.group, customer_id=g.customer.id if g.customer else None)
    ht, ttc = price.ht, price.ttc
    regular_ht, regular_ttc = price.regular_ht, price.regular_ttc
    status = stock_status(g.db, product, combination)
    return {
        "id": combination.id if combination else None,
        "ht": ht,
        "ttc": ttc,
        "regular_ht": regular_ht,
        "regular_ttc": regular_ttc,
        "reduced": ttc != regular_ttc,
        "promotion": price.promotion,
        "badge": price.badge,
        "status": status,
        "reference": (combination.reference if combination else "") or product.reference,
        "attributes": sorted(a.id for a in combination.attributes) if combination else [],
    }


def offer_json(offer: dict) -> dict:
    """What the page script needs to show another combination without reloading."""
    ht_mode = displays_ht(g.group)
    price, regular = (offer["ht"], offer["regular_ht"]) if ht_mode else (offer["ttc"], offer["regular_ttc"])
    status = offer["status"]
    return {
        "id": offer["id"],
        "attributes": offer["attributes"],
        "price": format_money(price),
        "regular": format_money(regular),
        "reduced": offer["reduced"],
        "badge": offer["badge"],
        "ttc": format_money(offer["ttc"]),
        "reference": offer["reference"],
        "message": status.message,
        "orderable": status.orderable,
        "in_stock": status.in_stock,
    }


def details(product: Product) -> dict:
    """Features, pack contents, accessories (products: the page makes their cards), customisation fields."""
    features = g.db.execute(
        select(Feature.name, FeatureValue.value)
        .join(ProductFeature, ProductFeature.feature_id == Feature.id)
        .join(FeatureValue, FeatureValue.id == ProductFeature.value_id)
        .where(ProductFeature.product_id == product.id)
        .order_by(Feature.position, Feature.id)
    ).all()
    pack = g.db.execute(  # as PrestaShop: only a product of type « pack » shows its contents
        select(Product, PackItem.quantity)
        .join(PackItem, PackItem.item_id == Product.id)
        .where(PackItem.pack_id == product.id)
        .order_by(Product.name)
    ).all() if product.is_pack else []
    related = list(
        g.db.scalars(
            select(Product)
            .join(RelatedProduct, RelatedProduct.related_id == Product.id)
            .where(RelatedProduct.product_id == product.id, Product.active.is_(True))
            .order_by(Product.name)
            .options(selectinload(Product.images), selectinload(Product.combinations),
                     joinedload(Product.tax))
        )
    )
    fields = list(
        g.db.scalars(
            select(CustomizationField)
            .where(CustomizationField.product_id == product.id)
            .order_by(CustomizationField.id)
        )
    )
    return {
        "features": features,
        "fields": fields,
        "related_products": related,
        "pack": [(p, q, product_url(p)) for p, q in pack],
    }
