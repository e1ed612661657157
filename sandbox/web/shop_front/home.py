"""The blocks of the shop's home page, in the order set in « Apparence › Positions », per module config."""

from __future__ import annotations

import random

from flask import g, url_for
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sandbox.models import Category, Product, ProductCategory
from sandbox.services import home_blocks as blocks
from sandbox.services.modules import home_blocks, module_config
from sandbox.web.shop_admin.module_forms import ICON_GLYPHS
from sandbox.web.shop_front.chrome import ROOT_CATEGORY_ID
from sandbox.web.shop_front.listing import media_files, media_url, product_cards, visible
from sandbox.web.shop_front.product_view import rich_text


def featured_products(config: dict) -> list[Product]:
    """Products of the featured block (ps_featuredproducts): those attached to the chosen category (Accueil
    by default) in their position there, the configured count; random order if asked. Defined by membership
    and position only, so moving one product in or out changes the block by that product alone."""
    category_id = config.get("category_id") or ROOT_CATEGORY_ID
    stmt = visible(select(Product).join(ProductCategory, ProductCategory.product_id == Product.id)
                   .where(ProductCategory.category_id == category_id)
                   .order_by(ProductCategory.position, Product.id))
    stmt = stmt.options(selectinload(Product.images), selectinload(Product.combinations))
    products = list(g.db.scalars(stmt))
    if config.get("random"):
        random.shuffle(products)  # a new order on every visit, as the PrestaShop module does
    return products[: config.get("count", 8)]


def _carousel() -> dict:
    slides = blocks.slides(g.db, active_only=True)
    media = media_files({s.media_id for s in slides})
    names = {p.id: p.slug for p in g.db.scalars(select(Product).where(
        Product.id.in_({s.product_id for s in slides if s.product_id})))}
    cats = {c.id: c.slug for c in g.db.scalars(select(Category).where(
        Category.id.in_({s.category_id for s in slides if s.category_id})))}

    def link(slide) -> str | None:
        if slide.product_id in names:
            return url_for("seat.shop_front.product", product_id=slide.product_id,
                           slug=names[slide.product_id])
        if slide.category_id in cats:
            return url_for("seat.shop_front.category", category_id=slide.category_id,
                           slug=cats[slide.category_id])
        return None

    return {"slides": [{"slide": s, "image": media_url(media.get(s.media_id)), "url": link(s)}
                       for s in slides],
            "config": module_config(g.db, "carousel")}


def home_context() -> dict:
    """Everything the home page shows: the ordered block codes and each block's data."""
    order = home_blocks(g.db)
    data: dict = {"blocks": order}
    if "carousel" in order:
        data["carousel"] = _carousel()
    if "featured" in order:
        data["featured"] = product_cards(featured_products(module_config(g.db, "featured")))
    if "text_block" in order:
        config = module_config(g.db, "text_block")
        content = config.get("content", "")
        data["text_block"] = {"title": config.get("title", ""),
                              "content": rich_text(content) if content else Markup("")}
    if "reassurance" in order:
        data["reassurance"] = [(ICON_GLYPHS.get(i.icon, ""), i.text) for i in blocks.reassurance_items(g.db)]
    if "new_products" in order:
        data["newest"] = product_cards(list(g.db.scalars(
            visible(select(Product)).order_by(Product.created_at.desc(), Product.id.desc()).limit(4))))
    if "categories" in order:
        categories = list(g.db.scalars(select(Category).where(Category.parent_id == ROOT_CATEGORY_ID,
                                                              Category.active.is_(True))
                                       .order_by(Category.position, Category.id)))
        images = media_files({c.image_id for c in categories if c.image_id})
        data["categories"] = categories
        data["category_images"] = {k: media_url(m) for k, m in images.items()}
    return data
