"""Shop CMS pages, and what modules add to shop pages: main menu, footer links, sharing, reassurance."""

from __future__ import annotations

from urllib.parse import quote

from flask import abort, g, redirect, render_template, url_for
from sqlalchemy import select

from sandbox.content.links import exit_url, local_link
from sandbox.models import Category, Product
from sandbox.models.modules import ShopPage
from sandbox.services import shop_content
from sandbox.services.home_blocks import reassurance_items
from sandbox.services.main_menu import entries as main_menu_entries
from sandbox.services.modules import NETWORKS, module_state
from sandbox.web.address import absolute_url
from sandbox.web.seat_memo import seat_memo
from sandbox.web.shop_admin.module_forms import ICON_GLYPHS
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.product_view import rich_text

SHARE_URLS = {"facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
              "x": "https://x.com/intent/post?url={url}&text={text}",
              "pinterest": "https://www.pinterest.fr/pin/create/button/?url={url}&description={text}",
              "linkedin": "https://www.linkedin.com/sharing/share-offsite/?url={url}",
              "whatsapp": "https://wa.me/?text={text}%20{url}"}


def page_url(page: ShopPage) -> str:
    """Public URL of a shop page."""
    return url_for("seat.shop_front.shop_page", page_id=page.id, slug=page.slug)


@bp.get("/content/<int:page_id>-<slug>")
def shop_page(page_id: int, slug: str):
    """An information page of the shop (Livraison, CGV…); a changed friendly URL redirects."""
    page = g.db.get(ShopPage, page_id)
    if page is None or not page.active:
        abort(404, description="Cette page n'existe pas (ou plus) dans la boutique.")
    if slug != page.slug:
        return redirect(page_url(page), 301)
    return render_template("shop_front/shop_page.html", page=page, content=rich_text(page.content))


def _link_href(item, targets: dict) -> str | None:
    if item.kind == "url":
        return local_link(item.url)
    target = targets.get((item.kind, item.target_id))
    if target is None:
        return None
    if item.kind == "page":
        return page_url(target) if target.active else None
    if item.kind == "category":
        return url_for("seat.shop_front.category", category_id=target.id, slug=target.slug)
    return url_for("seat.shop_front.product", product_id=target.id, slug=target.slug or "produit")


def footer_links() -> list[tuple[str, list[tuple[str, str]]]]:
    """Footer link lists: (title, [(label, href)…]); links whose target is gone are left out."""
    blocks = shop_content.link_blocks(g.db)
    wanted = {(i.kind, i.target_id) for _, items in blocks for i in items if i.kind != "url"}
    targets: dict = {}
    for kind, model in (("page", ShopPage), ("category", Category), ("product", Product)):
        ids = {t for k, t in wanted if k == kind}
        if ids:
            rows = g.db.scalars(select(model).where(model.id.in_(ids)))
            targets.update({(kind, row.id): row for row in rows})
    result = []
    for block, items in blocks:
        links = [(i.label, href) for i in items if (href := _link_href(i, targets))]
        result.append((block.title, links))
    return result


def main_menu() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The header menu (module on): (name, href, [(sub-category name, href)…]) per entry, in its order;
    a category brings its active sub-categories, an outside link goes to the exit page."""
    if not module_state(g.db, "main_menu")[0]:
        return []
    shown = main_menu_entries(g.db, visible_only=True)
    parents = [e.item.target_id for e in shown if e.item.kind == "category"]
    subs: dict[int, list[tuple[str, str]]] = {}
    if parents:
        rows = g.db.scalars(select(Category).where(Category.parent_id.in_(parents), Category.active.is_(True))
                            .order_by(Category.position, Category.id))
        for sub in rows:
            subs.setdefault(sub.parent_id, []).append((sub.name, _category_url(sub)))
    result = []
    for entry in shown:
        if entry.item.kind == "category":
            result.append((entry.name, _category_url(entry.target), subs.get(entry.target.id, [])))
        elif entry.item.kind == "page":
            result.append((entry.name, page_url(entry.target), []))
        else:
            result.append((entry.name, local_link(entry.item.url), []))
    return result


def _category_url(category: Category) -> str:
    return url_for("seat.shop_front.category", category_id=category.id, slug=category.slug)


def share_links(product: Product) -> list[tuple[str, str]]:
    """Sharing buttons of a product page (module on): each goes to the local exit page, never outside."""
    active, config = module_state(g.db, "social_sharing")
    if not active:
        return []
    here = quote(absolute_url(url_for("seat.shop_front.product", product_id=product.id,
                                      slug=product.slug or "produit")), safe="")
    text = quote(product.name, safe="")
    return [(NETWORKS[n], exit_url(SHARE_URLS[n].format(url=here, text=text)))
            for n in config.get("networks", []) if n in SHARE_URLS]


def product_reassurance() -> list[tuple[str, str]]:
    """Reassurance items shown on product pages (module on, option « pages produits » ticked)."""
    active, config = module_state(g.db, "reassurance")
    if not active or not config.get("on_product"):
        return []
    return [(ICON_GLYPHS.get(i.icon, ""), i.text) for i in reassurance_items(g.db)]


@bp.context_processor
def _module_helpers() -> dict:
    """Lazy helpers for the layout and the product page (computed only where a template calls them)."""
    # The header menu and the footer are the same on every page until the seat changes.
    return {"footer_links": lambda: seat_memo("shop_footer", footer_links),
            "main_menu": lambda: seat_memo("shop_main_menu", main_menu), "share_links": share_links,
            "product_reassurance": lambda: seat_memo("shop_product_reassurance", product_reassurance)}
