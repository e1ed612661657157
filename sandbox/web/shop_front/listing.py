"""Product lists of the shop front: which products show, in what order, with which picture and price."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from flask import g, url_for
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from sandbox.clock import seat_now
from sandbox.models import Category, Media, Product, ProductCategory, ProductImage, Tax, get_setting
from sandbox.services.availability import allows_backorders
from sandbox.services.cart import resolve_combination
from sandbox.services.pricing import Price, price_of
from sandbox.services.product_comments import comments_enabled, grade_summary

PER_PAGE = 12
SORTS = {
    "pertinence": "Pertinence",
    "nom-asc": "Nom, A à Z",
    "nom-desc": "Nom, Z à A",
    "prix-asc": "Prix, croissant",
    "prix-desc": "Prix, décroissant",
}


@dataclass
class Card:
    """What a product miniature shows."""

    product: Product
    url: str
    image: dict | None
    price_ht: Decimal
    price_ttc: Decimal
    flags: list[str] = field(default_factory=list)
    grade: tuple[Decimal, int] | None = None
    price: Price | None = None  # the full price (regular price and « -20 % » badge when on promotion)


@dataclass
class Pagination:
    """A page of a list and how to reach the others."""

    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages (at least one)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_index(self) -> int:
        """Rank of the first item of the page, from 1."""
        return 0 if self.total == 0 else (self.page - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        """Rank of the last item of the page."""
        return min(self.total, self.page * self.per_page)


def media_files(ids: set[int]) -> dict[int, Media]:
    """Media rows (without their bytes) by id, in one query."""
    if not ids:
        return {}
    return {m.id: m for m in g.db.scalars(select(Media).where(Media.id.in_(ids)))}


def media_url(media: Media | None) -> str | None:
    """Public URL of a media file of the seat."""
    if media is None:
        return None
    return url_for("seat.media.file", media_id=media.id, filename=media.filename)


def image_view(image: ProductImage | None, medias: dict[int, Media], fallback_alt: str) -> dict | None:
    """A product image as the templates need it: url, alt text, legend."""
    if image is None or image.media_id not in medias:
        return None
    media = medias[image.media_id]
    return {
        "url": media_url(media),
        "alt": image.legend or media.alt or fallback_alt,
        "legend": image.legend,
        "id": image.id,
        "cover": image.cover,
    }


def product_url(product: Product) -> str:
    """Canonical URL of a product page."""
    return url_for("seat.shop_front.product", product_id=product.id, slug=product.slug or "produit")


def new_since():
    """Products added after this moment wear the « Nouveau » flag (shop.new_product_days, B-APP-3)."""
    days = get_setting(g.db, "shop.new_product_days", "20")
    return seat_now(g.db) - timedelta(days=int(days) if days.isdigit() else 20)


def cover_media_ids(products: list[Product]) -> set[int]:
    """The media of the products' cover pictures."""
    return {p.cover.media_id for p in products if p.cover is not None}


def product_cards(products: list[Product], medias: dict[int, Media] | None = None,
                  grades: dict[int, tuple[Decimal, int]] | None = None) -> list[Card]:
    """Miniatures of products: cover picture, price for the visitor's group, flags and grade.

    A page that also reads media or grades for itself passes them (read with these products' in one query).
    """
    covers = {p.id: p.cover for p in products}
    if medias is None:
        medias = media_files(cover_media_ids(products))
    if grades is None:
        grades = grade_summary(g.db, [p.id for p in products]) if comments_enabled(g.db) else {}
    since = new_since()
    cards = []
    for product in products:
        price = price_of(g.db, product, resolve_combination(product, set()), g.group,
                         customer_id=g.customer.id if g.get("customer") else None)
        ht, ttc = price.ht, price.ttc
        flags = ["Promo !"] if price.promotion else []
        if product.created_at and product.created_at >= since:
            flags.append("Nouveau")
        if product.on_sale:
            flags.append("En solde !")
        if product.online_only:
            flags.append("Exclusivité web")
        if product.total_quantity <= 0 and not allows_backorders(g.db, product):
            flags.append("Rupture de stock")
        cards.append(
            Card(
                product,
                product_url(product),
                image_view(covers[product.id], medias, product.name),
                ht,
                ttc,
                flags,
                grades.get(product.id),
                price,
            )
        )
    return cards


def category_ids_below(category_id: int) -> list[int]:
    """A category and all its active descendants."""
    rows = g.db.execute(select(Category.id, Category.parent_id).where(Category.active.is_(True))).all()
    children: dict[int | None, list[int]] = {}
    for cid, parent in rows:
        children.setdefault(parent, []).append(cid)
    found, todo = [], [category_id]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def visible(stmt: Select, where: str = "catalog") -> Select:
    """Only products online and visible in the catalogue (or in search results)."""
    return stmt.where(Product.active.is_(True), Product.visibility.in_(("both", where)))


def products_in(category_ids: list[int]) -> Select:
    """Visible products of these categories, with their best position."""
    positions = (
        select(ProductCategory.product_id, func.min(ProductCategory.position).label("position"))
        .where(ProductCategory.category_id.in_(category_ids))
        .group_by(ProductCategory.product_id)
        .subquery()
    )
    return visible(select(Product).join(positions, positions.c.product_id == Product.id)).add_columns(
        positions.c.position
    )


def sorted_page(
    stmt: Select, sort: str, page: int, per_page: int = PER_PAGE
) -> tuple[list[Product], Pagination]:
    """One page of products in the chosen order."""
    total = g.db.scalar(select(func.count()).select_from(stmt.subquery()))
    pagination = Pagination(max(1, min(page, math.ceil(total / per_page) or 1)), per_page, total)
    price = Product.price_ht * (10_000 + Tax.rate_bp)
    if sort.startswith("prix"):
        stmt = stmt.join(Tax, Tax.id == Product.tax_id)
    orders = {
        "nom-asc": [Product.name, Product.id],
        "nom-desc": [Product.name.desc(), Product.id],
        "prix-asc": [price, Product.id],
        "prix-desc": [price.desc(), Product.id],
    }
    default = (
        [stmt.selected_columns.position, Product.id] if "position" in stmt.selected_columns else [Product.id]
    )
    stmt = stmt.order_by(*orders.get(sort, default)).offset((pagination.page - 1) * per_page).limit(per_page)
    stmt = stmt.options(
        selectinload(Product.images), selectinload(Product.tax), selectinload(Product.combinations)
    )
    return list(g.db.scalars(stmt)), pagination
