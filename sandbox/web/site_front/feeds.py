"""RSS feeds of the site vitrine (« Flux des publications », « Flux des commentaires »), as in WordPress."""

from __future__ import annotations

from email.utils import format_datetime as rfc822
from xml.etree.ElementTree import Element, SubElement, tostring

from flask import Response, g, url_for
from sqlalchemy import select

from sandbox.clock import seat_now
from sandbox.content import queries
from sandbox.models import Comment, Post, get_setting
from sandbox.web.address import absolute_url
from sandbox.web.site_front import bp
from sandbox.web.site_front.chrome import content_url

FEATURES = ["S-APP-5"]  # feature ids of this screen (coverage report): the Méta widget's feeds
ITEMS = 10


def _feed(title: str, items: list[tuple[str, str, str, object]]) -> Response:
    """An RSS 2.0 document: (title, link, description, published_at) per item."""
    rss = Element("rss", version="2.0")
    channel = SubElement(rss, "channel")
    SubElement(channel, "title").text = title
    SubElement(channel, "link").text = absolute_url(url_for("seat.site_front.index"))
    SubElement(channel, "description").text = get_setting(g.db, "site.tagline")
    SubElement(channel, "language").text = "fr-FR"
    for item_title, link, text, at in items:
        item = SubElement(channel, "item")
        SubElement(item, "title").text = item_title
        SubElement(item, "link").text = absolute_url(link)
        SubElement(item, "guid").text = absolute_url(link)
        SubElement(item, "description").text = text
        SubElement(item, "pubDate").text = rfc822(at)
    body = b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(rss, encoding="utf-8")
    return Response(body, mimetype="application/rss+xml")


def _site_title() -> str:
    return get_setting(g.db, "site.title") or get_setting(g.db, "company.name") or "Site vitrine"


@bp.get("/feed/")
def feed():
    """« Flux des publications »: the latest published posts."""
    posts = g.db.scalars(queries.latest_posts(seat_now(g.db), sticky_first=False).limit(ITEMS))
    items = [(p.title, content_url(p), queries.excerpt_of(p), p.published_at) for p in posts]
    return _feed(_site_title(), items)


@bp.get("/comments/feed/")
def comments_feed():
    """« Flux des commentaires »: the latest approved comments on published content."""
    rows = g.db.execute(select(Comment, Post).join(Post, Post.id == Comment.post_id)
                        .where(Comment.status == "approved", Post.status == "publish")
                        .order_by(Comment.created_at.desc(), Comment.id.desc()).limit(ITEMS))
    items = [(f"Commentaire sur {post.title} par {comment.author_name}",
              f"{content_url(post)}#commentaire-{comment.id}", comment.body, comment.created_at)
             for comment, post in rows]
    return _feed(f"Commentaires pour {_site_title()}", items)
