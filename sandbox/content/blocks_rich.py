"""Render functions of the richer editor blocks (cover, gallery, table, RSS, calendar, media, forms…).

Same rules as ``sandbox.content.blocks``: every text is escaped, phrasing HTML goes through nh3, URLs
through ``safe_url`` and options come from closed lists. Nothing here fetches the internet: the RSS
block lists the seat's own posts and the map is a local picture with a link through the exit page.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from markupsafe import escape

from sandbox.content.blocks import RenderContext, _int, block
from sandbox.content.focal import focal_style
from sandbox.content.sanitize import as_text as _text
from sandbox.content.sanitize import safe_url
from sandbox.formatting import format_month


def _media(ctx: RenderContext, value: Any, prefix: str) -> Any:
    media = ctx.media(_int(value, 0))
    return media if media is not None and str(getattr(media, "mime", "")).startswith(prefix) else None


def _img(ctx: RenderContext, media: Any, alt: str | None = None) -> str:
    text = getattr(media, "alt", "") if alt is None else alt
    return f'<img src="{escape(ctx.media_url(media))}" alt="{escape(text)}" loading="lazy">'


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _t(data: dict[str, Any], key: str) -> str:
    return _text(data.get(key)).strip()


@block("cover")
def render_cover(data: dict[str, Any], ctx: RenderContext) -> str:
    """A banner: optional background image, title, text and an optional button."""
    media = _media(ctx, data.get("media_id"), "image/")
    title, text = _t(data, "title"), _t(data, "text")
    if not (title or text or media):
        return ""
    parts = []
    if media is not None:
        # The banner crops its image: keep the media's focal point in view (style built from integers only).
        parts.append(_img(ctx, media, "").replace("<img ", f'<img style="{escape(focal_style(media))}" ', 1))
    inner = f"<h2>{escape(title)}</h2>" if title else ""
    inner += f"<p>{escape(text)}</p>" if text else ""
    url, label = safe_url(data.get("url"), ctx.link), _t(data, "button_text")
    if url and label:
        inner += f'<p><a class="btn" href="{escape(url)}" rel="noopener">{escape(label)}</a></p>'
    parts.append(f'<div class="block-cover__inner">{inner}</div>')
    modifier = "" if media is not None else " block-cover--plain"
    return f'<section class="block-cover{modifier}">{"".join(parts)}</section>'


@block("gallery")
def render_gallery(data: dict[str, Any], ctx: RenderContext) -> str:
    """A grid of media-library images with their alt texts and captions."""
    ids = data.get("media_ids") if isinstance(data.get("media_ids"), list) else []
    images = [m for m in (_media(ctx, i, "image/") for i in ids) if m is not None]
    if not images:
        return ""
    columns = min(4, max(2, _int(data.get("columns"), 3)))
    figures = "".join(
        f"<li><figure>{_img(ctx, m)}"
        + (f"<figcaption>{escape(m.caption)}</figcaption>" if getattr(m, "caption", "") else "")
        + "</figure></li>" for m in images)
    caption = _t(data, "caption")
    tail = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="block-gallery columns-{columns}"><ul>{figures}</ul>{tail}</figure>'


@block("table")
def render_table(data: dict[str, Any], ctx: RenderContext) -> str:
    """A table of plain-text cells; the first row may be the header."""
    raw = data.get("rows") if isinstance(data.get("rows"), list) else []
    rows = [r for r in raw if isinstance(r, list)]
    if not rows:
        return ""
    html, body = [], rows
    caption = _t(data, "caption")
    if caption:
        html.append(f"<caption>{escape(caption)}</caption>")
    if data.get("header") is True:
        cells = "".join(f'<th scope="col">{escape(_text(c))}</th>' for c in rows[0])
        html.append(f"<thead><tr>{cells}</tr></thead>")
        body = rows[1:]
    trs = "".join("<tr>" + "".join(f"<td>{escape(_text(c))}</td>" for c in r) + "</tr>" for r in body)
    html.append(f"<tbody>{trs}</tbody>")
    return f'<table class="block-table">{"".join(html)}</table>'


def _is_own_feed(url: str, ctx: RenderContext) -> bool:
    # An address the site's link rule keeps as it is stays on this site (its own /feed); anything the
    # rule rewrites leaves the exam site.
    return not url or ctx.link(url) == url


def offline_feed(url: str, ctx: RenderContext) -> str:
    """The card standing for an outside RSS feed (the exam network is closed)."""
    href = safe_url(url, ctx.link) or "#"
    host = escape(url.split("//", 1)[-1].split("/", 1)[0])
    return (f'<div class="feed-offline"><p>Flux RSS externe ({host}) : le réseau de l\'examen est fermé, '
            "ses articles ne peuvent pas être chargés ici.</p>"
            f'<p><a href="{escape(href)}" rel="noopener">Ouvrir le flux</a></p></div>')


@block("rss")
def render_rss(data: dict[str, Any], ctx: RenderContext) -> str:
    """The latest posts of the site's own feed; an outside feed shows an offline card."""
    title, url = _t(data, "title"), _t(data, "url")
    head = f"<h2>{escape(title)}</h2>" if title else ""
    if not _is_own_feed(url, ctx):
        return f'<section class="block-rss">{head}{offline_feed(url, ctx)}</section>'
    posts = ctx.recent_posts(min(10, max(1, _int(data.get("count"), 5))))
    items = "".join(f'<li><a href="{escape(safe_url(url) or "#")}">{escape(label)}</a></li>'
                    for label, url, _when in posts)
    return f'<section class="block-rss">{head}<ul>{items or "<li>Aucun article.</li>"}</ul></section>'


@block("calendar")
def render_calendar(data: dict[str, Any], ctx: RenderContext) -> str:
    """A month grid; days with a published post link to it."""
    text = _t(data, "month")
    today = ctx.today or date(2027, 1, 1)
    try:
        year, month = (int(text[:4]), int(text[5:7])) if text else (today.year, today.month)
        date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    links: dict[int, str] = {}
    for _label, url, when in ctx.recent_posts(50):
        if when is not None and when.year == year and when.month == month:
            links.setdefault(when.day, safe_url(url) or "#")
    head = "".join(f'<th scope="col">{d}</th>' for d in ("L", "M", "M", "J", "V", "S", "D"))
    rows = []
    for week in calendar.Calendar().monthdayscalendar(year, month):
        cells = []
        for day in week:
            content = f'<a href="{escape(links[day])}">{day}</a>' if day in links else str(day or "")
            cells.append(f"<td>{content}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = f"<caption>{format_month(year, month)}</caption>"
    body = f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
    return f'<table class="block-calendar">{caption}{body}</table>'


def _player(tag: str, prefix: str, data: dict[str, Any], ctx: RenderContext) -> str:
    media = _media(ctx, data.get("media_id"), prefix)
    if media is None:
        return ""
    caption = _t(data, "caption")
    tail = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    src = escape(ctx.media_url(media))
    return f'<figure class="block-{tag}"><{tag} controls preload="none" src="{src}"></{tag}>{tail}</figure>'


@block("audio")
def render_audio(data: dict[str, Any], ctx: RenderContext) -> str:
    """An audio player for a media-library sound."""
    return _player("audio", "audio/", data, ctx)


@block("video")
def render_video(data: dict[str, Any], ctx: RenderContext) -> str:
    """A video player for a media-library video."""
    return _player("video", "video/", data, ctx)


@block("file")
def render_file(data: dict[str, Any], ctx: RenderContext) -> str:
    """A download link to a media-library file (PDF…)."""
    media = _media(ctx, data.get("media_id"), "")
    if media is None:
        return ""
    label = _t(data, "text") or getattr(media, "title", "") or media.filename
    url = escape(ctx.media_url(media))
    return f'<p class="block-file"><a href="{url}" download>{escape(label)}</a></p>'


@block("slider")
def render_slider(data: dict[str, Any], ctx: RenderContext) -> str:
    """Slides (image, caption, button with its link) in a scrollable strip; no script needed."""
    slides = []
    for item in _items(data, "slides"):
        media = _media(ctx, item.get("media_id"), "image/")
        caption, label = _t(item, "caption"), _t(item, "button_text")
        url = safe_url(item.get("url"), ctx.link) if _t(item, "url") else None
        button = f'<p><a class="btn" href="{escape(url)}" rel="noopener">{escape(label)}</a></p>' \
            if url and label else ""
        if media is None and not (caption or button):
            continue
        tail = f"<figcaption>{escape(caption)}{button}</figcaption>" if caption or button else ""
        slides.append(f"<li><figure>{_img(ctx, media) if media is not None else ''}{tail}</figure></li>")
    if not slides:
        return ""
    return f'<div class="block-slider" role="region" aria-label="Diaporama"><ul>{"".join(slides)}</ul></div>'
