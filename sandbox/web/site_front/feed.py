"""« /feed »: the RSS 2.0 feed of the site's latest posts, as WordPress publishes it (S-APP-5, S-CON-2)."""

from __future__ import annotations

from email.utils import format_datetime

from flask import current_app, g, render_template, url_for

from sandbox.clock import seat_now
from sandbox.content import queries
from sandbox.content.links import absolute_url as absolute
from sandbox.web.site_front import bp

FEED_SIZE = 10  # WordPress's default « Les flux de syndication affichent les derniers » 10 éléments


@bp.get("/feed")
def feed():
    """The latest public posts as RSS 2.0 (title, link, date, excerpt, categories)."""
    from sandbox.web.site_front.chrome import content_url

    posts = g.db.scalars(queries.latest_posts(seat_now(g.db), sticky_first=False).limit(FEED_SIZE)).all()
    items = [{"title": p.title, "link": absolute(content_url(p)), "date": format_datetime(p.published_at),
              "summary": queries.excerpt_of(p, 55), "categories": [c.name for c in p.categories]}
             for p in posts]
    xml = render_template("site_front/feed.xml", items=items, home=absolute(url_for(".index")),
                          self_url=absolute(url_for(".feed")))
    return current_app.response_class(xml, mimetype="application/rss+xml")
