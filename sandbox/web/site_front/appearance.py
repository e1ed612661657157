"""Public rendering of the appearance: menus per location, widgets, header banner, pop-ups, sidebar."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from flask import g, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.content import queries
from sandbox.content.links import is_external, local_link, media_url
from sandbox.db.tx_cache import tx_cached
from sandbox.formatting import format_month
from sandbox.models import Comment, Media, Post, PostCategory, Widget, get_setting
from sandbox.services.menus import menu_at, menu_locations, tree
from sandbox.services.popups import popups_for
from sandbox.services.widgets import widgets_in
from sandbox.web.site_front import bp

# Feature ids of this screen (coverage report).
FEATURES = ["S-APP-1", "S-APP-2", "S-APP-3", "S-APP-4", "S-APP-5", "S-APP-6", "S-CON-7", "S-MEN-1", "S-MEN-2"]

POST_ENDPOINTS = {"post", "blog", "category", "tag", "search"}


@dataclass
class NavItem:
    """A menu entry as shown on the public site, with its sub-entries."""

    label: str
    url: str
    current: bool = False
    children: list[NavItem] = field(default_factory=list)


def site_href(url: str) -> str:
    """A link typed in the back office: « /blog » is a page of this site vitrine (whatever the seat it is
    copied into), a full path of the seat stays, an external address goes to the exit page."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith(("//", "/s/")):
        return url_for("seat.site_front.index").rstrip("/") + url
    return local_link(url)


def _item_url(db: Session, item, content_url) -> str | None:
    if item.kind in ("custom", "social"):
        return site_href(item.url)
    if item.kind == "category":
        category = db.get(PostCategory, item.target_id) if item.target_id else None
        return url_for("seat.site_front.category", slug=category.slug) if category else None
    post = db.get(Post, item.target_id) if item.target_id else None
    return content_url(post) if post is not None else None  # a deleted target drops its entry


def nav(db: Session, location: str, content_url) -> list[NavItem] | None:
    """The menu at a location as nested entries; None when the location was never set (theme default)."""
    # The layout asks for the primary menu twice (header and theme slot): built once per request.
    return tx_cached(db, ("site_nav", location, request.path), lambda: _nav(db, location, content_url))


def _preload_targets(db: Session, items) -> list:
    """Read the posts and categories the entries point to in two queries; db.get then finds them in the
    session as long as the caller holds the returned list (the session only keeps weak references)."""
    posts = {i.target_id for i in items if i.kind not in ("custom", "social", "category") and i.target_id}
    categories = {i.target_id for i in items if i.kind == "category" and i.target_id}
    loaded: list = []
    if posts:
        loaded += db.scalars(select(Post).where(Post.id.in_(posts))).all()
    if categories:
        loaded += db.scalars(select(PostCategory).where(PostCategory.id.in_(categories))).all()
    return loaded


def _nav(db: Session, location: str, content_url) -> list[NavItem] | None:
    if location not in menu_locations(db):
        return None
    menu = menu_at(db, location)
    if menu is None:
        return []
    by_id: dict[int, NavItem] = {}
    roots: list[NavItem] = []
    entries = tree(menu)
    targets = _preload_targets(db, [item for item, _ in entries])  # noqa: F841 — held while building
    for item, _depth in entries:
        url = _item_url(db, item, content_url)
        if url is None:
            continue
        entry = NavItem(item.label, url, current=request.path == url)
        by_id[item.id] = entry
        parent = by_id.get(item.parent_id) if item.parent_id else None
        (parent.children if parent is not None else roots).append(entry)
    return roots


@dataclass
class WidgetView:
    """A widget ready for its template: kind, title and the data it lists."""

    kind: str
    title: str
    config: dict
    items: list = field(default_factory=list)
    month: list = field(default_factory=list)
    month_label: str = ""
    feed: dict = field(default_factory=dict)


def _published_dates(db: Session, now) -> list:
    """Publication dates of the public posts, newest first: archives and calendar need nothing else."""
    return tx_cached(db, ("published_dates", now), lambda: list(db.scalars(
        queries.public("post", now).with_only_columns(Post.published_at)
        .order_by(Post.published_at.desc(), Post.id.desc()))))


def _widget(db: Session, widget: Widget) -> WidgetView:
    now = seat_now(db)
    view = WidgetView(widget.kind, widget.title, widget.config or {})
    count = int(view.config.get("count") or 5)
    if widget.kind == "recent_posts":
        words = int(view.config.get("excerpt_words") or 0)
        posts = db.scalars(queries.latest_posts(now, sticky_first=False).limit(count))
        view.items = [(p, queries.excerpt_of(p, words) if words else "") for p in posts]
    elif widget.kind == "recent_comments":
        stmt = (select(Comment, Post).join(Post, Post.id == Comment.post_id)
                .where(Comment.status == "approved", Post.status == "publish")
                .order_by(Comment.created_at.desc(), Comment.id.desc()).limit(count))
        view.items = list(db.execute(stmt))
    elif widget.kind == "categories":
        view.items = list(db.scalars(select(PostCategory).order_by(PostCategory.name)))
    elif widget.kind == "archives":
        months: dict[tuple[int, int], int] = {}
        for published in _published_dates(db, now):
            key = (published.year, published.month)
            months[key] = months.get(key, 0) + 1
        view.items = [(format_month(y, m), n) for (y, m), n in list(months.items())[:12]]  # last year
    elif widget.kind == "gallery":
        ids = [i for i in view.config.get("media_ids", []) if isinstance(i, int)]
        media = [db.get(Media, i) for i in ids] if ids else list(db.scalars(
            select(Media).where(Media.mime.like("image/%")).order_by(Media.id).limit(6)))
        view.items = [(media_url(m), m.alt) for m in media if m is not None and m.mime.startswith("image/")]
    elif widget.kind == "calendar":
        today: date = now.date()
        days = {d.day for d in _published_dates(db, now) if d.year == today.year and d.month == today.month}
        weeks = calendar.monthcalendar(today.year, today.month)
        view.month = [[(d, d in days) for d in week] for week in weeks]
        view.month_label = format_month(today.year, today.month)
    elif widget.kind == "social":  # the site's social addresses, shown even when the theme's icons are off
        from sandbox.web.site_front.chrome import social_links

        view.items = social_links(db)
    elif widget.kind == "rss":
        url = str(view.config.get("url") or "").strip()
        if url and is_external(url, request.host):  # the exam network is closed: an offline card
            view.feed = {"url": local_link(url), "host": url.split("//", 1)[-1].split("/", 1)[0]}
        else:  # empty or this site's address: the site's own feed (/feed)
            posts = db.scalars(queries.latest_posts(now, sticky_first=False).limit(count))
            view.items = [(p, p.published_at) for p in posts]
            view.feed = {"url": url_for("seat.site_front.feed"), "host": ""}
    return view


def widgets(db: Session, area: str) -> list[WidgetView]:
    """The widgets of an area, ready to render."""
    return [_widget(db, w) for w in widgets_in(db, area)]


def sidebar_here(db: Session) -> bool:
    """Whether the current page shows the side column (setting site.sidebar: none/posts/pages/both)."""
    layout = get_setting(db, "site.sidebar", "none")
    endpoint = (request.endpoint or "").rsplit(".", 1)[-1]
    is_page = endpoint == "page" or (endpoint == "index" and g.get("shown_post") is not None)
    if is_page:
        return layout in ("pages", "both")
    return endpoint in POST_ENDPOINTS | {"index"} and layout in ("posts", "both")


def header_banner(db: Session) -> dict | None:
    """Header text and photo/video (settings site.header_text, site.header_media_id)."""
    text = get_setting(db, "site.header_text").strip()
    raw = get_setting(db, "site.header_media_id").strip()
    media = db.get(Media, int(raw)) if raw.isdigit() else None
    if not text and media is None:
        return None
    kind = "video" if media is not None and media.mime.startswith("video/") else "image"
    return {"text": text, "media": media, "kind": kind, "url": media_url(media) if media else ""}


def popups(db: Session) -> list:
    """Active pop-ups and info bars whose rules cover the current page."""
    endpoint = (request.endpoint or "").rsplit(".", 1)[-1]
    page = g.get("shown_post")
    return popups_for(db, seat_now(db).date(), page.id if page is not None else None, endpoint == "index")



@bp.context_processor
def _appearance_context():
    if "db" not in g:
        return {}
    from sandbox.web.site_front.breadcrumb import theme_trail
    from sandbox.web.site_front.chrome import content_url

    def menus(location: str) -> list[NavItem]:
        return nav(g.db, location, content_url) or []

    return {"site_menu": menus, "site_widgets": lambda area: widgets(g.db, area),
            "sidebar_here": lambda: sidebar_here(g.db), "header_banner": lambda: header_banner(g.db),
            "site_popups": lambda: popups(g.db), "site_link": site_href, "breadcrumb_trail": theme_trail}
