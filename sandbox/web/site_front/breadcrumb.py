"""The SEO extension's breadcrumb (« Fil d'Ariane ») on posts, pages, categories, tags and the blog.

Shown by the theme when the SEO extension is active and « Activer le fil d'Ariane » is ticked in
« SEO › Réglages › Fil d'Ariane »; the « Fil d'Ariane » block shows the same trail wherever it is placed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, url_for
from sqlalchemy.orm import Session

from sandbox.content import queries
from sandbox.models import Post, PostCategory
from sandbox.services.seo_settings import breadcrumb_options, breadcrumb_shown


@dataclass
class Breadcrumb:
    """A trail ready to render: (label, URL or None for the current page), the separator, a prefix."""

    items: list[tuple[str, str | None]]
    separator: str
    prefix: str


def _category_chain(db: Session, category: PostCategory) -> list[PostCategory]:
    chain, seen = [category], {category.id}
    while chain[0].parent_id and chain[0].parent_id not in seen:
        parent = db.get(PostCategory, chain[0].parent_id)
        if parent is None:
            break
        seen.add(parent.id)
        chain.insert(0, parent)
    return chain


def _category_items(db: Session, category: PostCategory) -> list[tuple[str, str | None]]:
    return [(c.name, url_for("seat.site_front.category", slug=c.slug)) for c in _category_chain(db, category)]


def trail(db: Session, kind: str, obj=None) -> Breadcrumb:
    """The trail of a page of the site: kind is post, page, category, tag or blog."""
    from sandbox.web.site_front.chrome import content_url

    options = breadcrumb_options(db)
    items: list[tuple[str, str | None]] = [(options.home_label, url_for("seat.site_front.index"))]
    blog = ("Blog", url_for("seat.site_front.blog"))
    if kind == "post" and isinstance(obj, Post):
        items.append(blog)
        if obj.categories:
            items += _category_items(db, obj.categories[0])
        items.append((obj.title, None))
    elif kind == "page" and isinstance(obj, Post):
        items += [(p.title, content_url(p)) for p in queries.ancestors(db, obj)]
        items.append((obj.title, None))
    elif kind == "category" and obj is not None:
        items.append(blog)
        items += _category_items(db, obj)
    elif kind == "tag" and obj is not None:
        items += [blog, (f"Étiquette : {obj.name}", None)]
    elif kind == "blog":
        items.append(("Blog", None))
    if items[-1][1] is not None:  # the current page is never a link
        items[-1] = (items[-1][0], None)
    return Breadcrumb(items, options.separator, options.prefix)


def theme_trail(kind: str, obj=None) -> Breadcrumb | None:
    """The trail the theme shows at the top of the content, or None when the breadcrumb is off."""
    if not breadcrumb_shown(g.db):
        return None
    return trail(g.db, kind, obj)


def current_trail() -> Breadcrumb:
    """The trail of the content being rendered (for the « Fil d'Ariane » block)."""
    shown = g.get("shown_post")
    if shown is None:
        return trail(g.db, "blog")
    return trail(g.db, "page" if shown.kind == "page" else "post", shown)
