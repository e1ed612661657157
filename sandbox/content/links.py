"""Links and media URLs for rendered content inside a seat request: external links go to the exit page."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlsplit

from flask import request, url_for
from sqlalchemy.orm import Session

from sandbox.content.blocks import RenderContext
from sandbox.models import Media

PATH_SAFE = "!$&'()*+,/:;=@"  # what Werkzeug's path converter leaves unquoted in a URL


def is_external(href: str, host: str) -> bool:
    """Whether a link leaves the exam site (absolute or protocol-relative URL to another host)."""
    text = href.strip().replace("\\", "/")
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https") or text.startswith("//"):
        return parts.netloc.lower() != host.lower()
    return False


def exit_url(href: str) -> str:
    """The local page standing for an external URL (the visit attempt is recorded there)."""
    return url_for("seat.site_front.external", url=href.strip())


def local_link(href: str) -> str:
    """An href safe to put on an exam page: external targets become the exit page."""
    return exit_url(href) if is_external(href, request.host) else href


def media_url(media: Media) -> str:
    """Public URL of a media item of the current seat."""
    return url_for("seat.media.file", media_id=media.id, filename=media.filename)


def media_url_builder() -> Callable[[int, str], str]:
    """(id, filename) → public URL, for a whole media library at once: url_for's routing once, not per
    item (the editor lists every media). Quoted as Werkzeug's path converter does, so the same URL."""
    prefix = url_for("seat.media.file", media_id=0, filename="f")[: -len("/0/f")]
    return lambda media_id, filename: f"{prefix}/{media_id}/{quote(str(filename), safe=PATH_SAFE)}"


def web_render_context(db: Session) -> RenderContext:
    """A RenderContext for the current seat request (media from its database, links kept local)."""
    cache: dict[int, Media | None] = {}

    def media(media_id: int) -> Media | None:
        if media_id not in cache:
            cache[media_id] = db.get(Media, media_id) if media_id > 0 else None
        return cache[media_id]

    from flask_wtf.csrf import generate_csrf

    from sandbox.clock import seat_now
    from sandbox.content.queries import latest_posts

    def recent_posts(count: int) -> list:
        now = seat_now(db)
        posts = db.scalars(latest_posts(now, sticky_first=False).limit(count)).all()
        return [(p.title, url_for("seat.site_front.post", slug=p.slug), p.published_at) for p in posts]

    def site(part: str):
        # The public site's helpers live in the web layer; imported here, at render time, not at import.
        from sandbox.services.site_general import contact_details
        from sandbox.web.site_front.breadcrumb import current_trail
        from sandbox.web.site_front.chrome import social_links

        if part == "breadcrumb":
            return current_trail()
        if part == "social":
            return social_links(db)
        return contact_details(db) if part == "contact" else None

    return RenderContext(
        site=site, media=media, media_url=media_url, link=local_link, recent_posts=recent_posts,
        form_action=lambda kind: url_for("seat.site_front.block_form", kind=kind), csrf_token=generate_csrf,
        map_image=url_for("static", filename="img/map.svg"), today=seat_now(db).date(),
    )
