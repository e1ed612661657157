"""Browsing the catalogue: home, category pages, brand pages, search results, terms of sale."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from flask import abort, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sandbox.models import Brand, Category, Combination, Product
from sandbox.services.shop_content import apply_aliases
from sandbox.web.seat_memo import seat_memo
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.chrome import ROOT_CATEGORY_ID
from sandbox.web.shop_front.home import home_context
from sandbox.web.shop_front.listing import (
    PER_PAGE,
    SORTS,
    Pagination,
    category_ids_below,
    media_files,
    media_url,
    product_cards,
    products_in,
    sorted_page,
    visible,
)

FEATURED_COUNT = 8


def _page_arg() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _sort_arg() -> str:
    value = request.args.get("tri", "pertinence")
    return value if value in SORTS else "pertinence"


@bp.get("/")
def index():
    """Home: the modules' blocks (carousel, featured products, text, reassurance…) in their set order."""
    return render_template("shop_front/index.html", **home_context())


class Crumb(NamedTuple):
    """A category of the breadcrumb, as its link needs it."""

    id: int
    slug: str
    name: str


def _category_tree() -> dict[int, tuple[int | None, str, str]]:
    rows = g.db.execute(select(Category.id, Category.parent_id, Category.slug, Category.name))
    return {cid: (parent, slug, name) for cid, parent, slug, name in rows}


def breadcrumb_of(category_id: int | None) -> list[Crumb]:
    """Categories from the top level down to this one (the root « Accueil » left out)."""
    # The whole (small) tree, as plain values, is read once while the seat's data does not change.
    tree = seat_memo("shop_category_tree", _category_tree)
    trail: list[Crumb] = []
    current = category_id
    while current is not None and current != ROOT_CATEGORY_ID and current in tree and len(trail) < len(tree):
        parent, slug, name = tree[current]
        trail.insert(0, Crumb(current, slug, name))
        current = parent
    return trail


@bp.get("/categorie/<int:category_id>-<slug>")
def category(category_id: int, slug: str):
    """A category: description, sub-categories, its products (and its sub-categories') with sort and pages."""
    item = g.db.get(Category, category_id)
    if item is None or not item.active or item.id == ROOT_CATEGORY_ID:
        abort(404, description="Cette catégorie n'existe pas ou n'est plus en ligne.")
    if slug != item.slug:
        return redirect(url_for(".category", category_id=item.id, slug=item.slug, **request.args), 301)
    children = list(
        g.db.scalars(
            select(Category)
            .where(Category.parent_id == item.id, Category.active.is_(True))
            .order_by(Category.position, Category.id)
        )
    )
    sort = _sort_arg()
    products, pagination = sorted_page(products_in(category_ids_below(item.id)), sort, _page_arg())
    image = media_url(media_files({item.image_id}).get(item.image_id)) if item.image_id else None
    return render_template(
        "shop_front/category.html",
        category=item,
        children=children,
        image=image,
        cards=product_cards(products),
        pagination=pagination,
        sort=sort,
        sorts=SORTS,
        breadcrumb=breadcrumb_of(item.id),
    )


@bp.get("/marque/<int:brand_id>-<slug>")
def brand(brand_id: int, slug: str):
    """A brand: its description and its products."""
    item = g.db.get(Brand, brand_id)
    if item is None or not item.active:
        abort(404, description="Cette marque n'existe pas ou n'est plus en ligne.")
    if slug != item.slug:
        return redirect(url_for(".brand", brand_id=item.id, slug=item.slug, **request.args), 301)
    sort = _sort_arg()
    products, pagination = sorted_page(
        visible(select(Product).where(Product.brand_id == item.id)), sort, _page_arg()
    )
    logo = media_url(media_files({item.logo_id}).get(item.logo_id)) if item.logo_id else None
    return render_template(
        "shop_front/brand.html",
        brand=item,
        logo=logo,
        cards=product_cards(products),
        pagination=pagination,
        sort=sort,
        sorts=SORTS,
    )


def fold(text: str) -> str:
    """Lower case without accents, so that « eponge » finds « Éponge »."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_ids(query: str) -> list[int]:
    """Ids of searchable products whose name, reference, summary, description or combination reference
    contain every word of the query (accents and case ignored); name matches first."""
    words = apply_aliases(g.db, fold(query).split())  # B-NAV-2: « drap » may search « draps »
    if not words:
        return []
    rows = g.db.execute(
        visible(
            select(Product.id, Product.name, Product.reference, Product.summary, Product.description),
            "search",
        )
    ).all()
    references: dict[int, str] = {}
    for product_id, reference in g.db.execute(select(Combination.product_id, Combination.reference)):
        references[product_id] = references.get(product_id, "") + " " + reference
    scored = []
    for pid, name, reference, summary, description in rows:
        head = fold(f"{name} {reference} {references.get(pid, '')}")
        text = f"{head} {fold(summary)} {fold(description)}"
        if all(w in text for w in words):
            scored.append((0 if all(w in head for w in words) else 1, fold(name), pid))
    return [pid for _, _, pid in sorted(scored)]


@bp.get("/recherche")
def search():
    """Search results for the words typed in « Rechercher »."""
    query = (request.args.get("q") or "").strip()[:120]
    ids = search_ids(query)
    per_page = PER_PAGE
    pagination = Pagination(max(1, min(_page_arg(), -(-len(ids) // per_page) or 1)), per_page, len(ids))
    page_ids = ids[(pagination.page - 1) * per_page : pagination.page * per_page]
    found = {
        p.id: p
        for p in g.db.scalars(
            select(Product).where(Product.id.in_(page_ids)).options(selectinload(Product.images))
        )
    }
    cards = product_cards([found[i] for i in page_ids])
    return render_template("shop_front/search.html", query=query, cards=cards, pagination=pagination)


@bp.get("/conditions-generales-de-vente")
def terms():
    """The terms of sale the customer accepts at checkout."""
    return render_template("shop_front/terms.html")
