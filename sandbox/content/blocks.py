"""Render a post's ``blocks`` list to safe HTML: the one renderer of the public site, the editor and previews.

Stored content is never trusted: text fields are escaped, HTML-bearing fields go through the nh3
allow-list of ``sandbox.content.sanitize``, URLs keep only the http, https, mailto and relative forms,
and layout options (heading level, alignment, size) are picked from closed lists, so no ``style``
(except the focal point/crop one built from integers by ``sandbox.content.focal``), event handler or
foreign tag can reach the page. Headings come from heading blocks only. Adding a
block type is one function decorated with ``@block("type")`` (in this module or in a new one).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from sandbox.content.focal import CROPS, focal_style
from sandbox.content.sanitize import as_text as _text
from sandbox.content.sanitize import safe_url, sanitize_inline, strip_tags

log = logging.getLogger(__name__)

ALIGNS = {"left", "center", "right", "wide", "full"}
SIZES = {"thumbnail", "medium", "large", "full"}


def _keep(_href: str) -> str:
    return _href


@dataclass
class RenderContext:
    """What rendering needs from outside: media lookup, media URLs and the rewriting of links."""

    media: Callable[[int], Any] = lambda _media_id: None
    media_url: Callable[[Any], str] = lambda _media: ""
    link: Callable[[str], str] = field(default=_keep)
    # For the richer blocks (sandbox.content.blocks_rich): the seat's own posts (RSS, calendar), the
    # public form endpoint and its CSRF token, the local map image and the seat's date.
    recent_posts: Callable[[int], list] = lambda _count: []
    form_action: Callable[[str], str] = lambda _kind: ""
    csrf_token: Callable[[], str] = lambda: ""
    map_image: str = ""
    today: Any = None
    # For the site blocks (sandbox.content.blocks_site): « breadcrumb », « social » or « contact » data of
    # the seat's site (a Breadcrumb, [(label, abbr, url)], a ContactDetails), None outside a seat.
    site: Callable[[str], Any] = lambda _part: None


Renderer = Callable[[dict[str, Any], RenderContext], str]
BLOCK_RENDERERS: dict[str, Renderer] = {}


def block(type_name: str) -> Callable[[Renderer], Renderer]:
    """Register the render function of a block type."""
    def register(func: Renderer) -> Renderer:
        BLOCK_RENDERERS[type_name] = func
        return func
    return register


# -- block helpers ------------------------------------------------------------------------------

def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _choice(value: Any, allowed: set[str], default: str | None) -> str | None:
    text = _text(value).strip().lower()
    return text if text in allowed else default


# -- block types --------------------------------------------------------------------------------

@block("heading")
def render_heading(data: dict[str, Any], ctx: RenderContext) -> str:
    """<h2>–<h4>; an out-of-range level falls back to the nearest allowed one."""
    level = min(4, max(2, _int(data.get("level"), 2)))
    text = _text(data.get("text")).strip()
    return f"<h{level}>{escape(text)}</h{level}>" if text else ""


@block("paragraph")
def render_paragraph(data: dict[str, Any], ctx: RenderContext) -> str:
    """A paragraph of phrasing HTML."""
    html = sanitize_inline(data.get("html", data.get("text")), ctx.link)
    return f"<p>{html}</p>" if html.strip() else ""


@block("list")
def render_list(data: dict[str, Any], ctx: RenderContext) -> str:
    """A bulleted or numbered list; each item is phrasing HTML."""
    items = data.get("items")
    if not isinstance(items, list):
        return ""
    tag = "ol" if data.get("ordered") is True else "ul"
    lis = "".join(f"<li>{sanitize_inline(item, ctx.link)}</li>" for item in items if _text(item).strip())
    return f"<{tag}>{lis}</{tag}>" if lis else ""


@block("image")
def render_image(data: dict[str, Any], ctx: RenderContext) -> str:
    """A media-library image with alt text, optional caption, alignment and size."""
    media = ctx.media(_int(data.get("media_id"), 0))
    if media is None or not str(getattr(media, "mime", "")).startswith("image/"):
        log.warning("image block: media %r is missing or not an image", data.get("media_id"))
        return ""
    alt = _text(data.get("alt")) or _text(getattr(media, "alt", ""))
    size = _choice(data.get("size"), SIZES, "large")
    classes = ["block-image", f"size-{size}"]
    align = _choice(data.get("align"), ALIGNS, None)
    if align:
        classes.append(f"align-{align}")
    dims = ""
    if getattr(media, "width", None) and getattr(media, "height", None):
        dims = f' width="{int(media.width)}" height="{int(media.height)}"'
    crop = _text(data.get("crop")).strip()
    # The style comes from focal.py only (integers and a closed list of ratios), never from stored text.
    style = f' style="{escape(focal_style(media, crop))}"' if crop in CROPS and crop else ""
    if style:
        classes.append("is-cropped")
    img = f'<img src="{escape(ctx.media_url(media))}" alt="{escape(alt)}"{dims}{style} loading="lazy">'
    caption = sanitize_inline(data.get("caption"), ctx.link)
    figcaption = f"<figcaption>{caption}</figcaption>" if caption.strip() else ""
    href = safe_url(data.get("link"), ctx.link) if data.get("link") else None
    if href:  # an image may link somewhere (S-CON-6); the link goes through the same URL rules
        img = f'<a href="{escape(href)}" rel="noopener">{img}</a>'
    return f'<figure class="{" ".join(classes)}">{img}{figcaption}</figure>'


@block("quote")
def render_quote(data: dict[str, Any], ctx: RenderContext) -> str:
    """A quotation with its source."""
    text = sanitize_inline(data.get("text"), ctx.link)
    if not text.strip():
        return ""
    cite = _text(data.get("cite")).strip()
    footer = f"<footer><cite>{escape(cite)}</cite></footer>" if cite else ""
    return f'<blockquote class="block-quote"><p>{text}</p>{footer}</blockquote>'


@block("button")
def render_button(data: dict[str, Any], ctx: RenderContext) -> str:
    """A call-to-action link styled as a button; a refused URL leaves a plain label."""
    text = _text(data.get("text")).strip()
    if not text:
        return ""
    url = safe_url(data.get("url"), ctx.link)
    if url is None:
        return f'<p class="block-button"><span class="btn btn--disabled">{escape(text)}</span></p>'
    link = f'<a class="btn" href="{escape(url)}" rel="noopener">{escape(text)}</a>'
    return f'<p class="block-button">{link}</p>'


@block("separator")
def render_separator(data: dict[str, Any], ctx: RenderContext) -> str:
    """A horizontal rule between sections."""
    return '<hr class="block-separator">'


from sandbox.content import blocks_rich as _rich, blocks_sections as _sections  # noqa: E402, F401, I001
from sandbox.content import blocks_layout as _layout  # noqa: E402, F401, I001
from sandbox.content import blocks_site as _site  # noqa: E402, F401, I001


# -- whole content ------------------------------------------------------------------------------

def render_block(data: Any, ctx: RenderContext | None = None) -> Markup:
    """One block as safe HTML; unknown or malformed blocks render nothing (and are logged)."""
    if not isinstance(data, dict):
        log.warning("block ignored: not an object (%r)", type(data).__name__)
        return Markup("")
    renderer = BLOCK_RENDERERS.get(_text(data.get("type")))
    if renderer is None:
        log.warning("block ignored: unknown type %r", data.get("type"))
        return Markup("")
    try:
        return Markup(renderer(data, ctx or RenderContext()))  # noqa: S704 — block renderers escape or sanitise (nh3) what they embed
    except Exception:  # one broken block must not take the whole exam page down
        log.exception("block ignored: %r failed to render", data.get("type"))
        return Markup("")


def render_blocks(blocks: Any, ctx: RenderContext | None = None) -> Markup:
    """A post's content as safe HTML."""
    if not isinstance(blocks, list):
        return Markup("")
    ctx = ctx or RenderContext()
    return Markup("\n").join(html for html in (render_block(b, ctx) for b in blocks) if html)


def plain_text(blocks: Any) -> str:
    """The readable text of a post's blocks (excerpts, search, word counts)."""
    parts: list[str] = []
    for data in blocks if isinstance(blocks, list) else []:
        if not isinstance(data, dict):
            continue
        fields: Iterable[Any] = [data.get(k) for k in ("text", "html", "caption", "cite")]
        if isinstance(data.get("items"), list):
            fields = [*fields, *data["items"]]
        parts.extend(strip_tags(v) for v in fields if _text(v).strip())
        for column in data.get("columns") if isinstance(data.get("columns"), list) else []:
            if isinstance(column, dict):  # the text inside « Colonnes » counts too (one level only)
                inner = column.get("blocks") if isinstance(column.get("blocks"), list) else []
                flat = [b for b in inner if isinstance(b, dict) and b.get("type") != "columns"]
                parts.append(plain_text(flat))
    return " ".join(" ".join(parts).split())


def flat_blocks(blocks: Any) -> list[dict[str, Any]]:
    """The blocks of a content with those inside « Colonnes » after their columns block (links, images)."""
    flat: list[dict[str, Any]] = []
    for data in blocks if isinstance(blocks, list) else []:
        if not isinstance(data, dict):
            continue
        flat.append(data)
        for column in data.get("columns") if isinstance(data.get("columns"), list) else []:
            inner = column.get("blocks") if isinstance(column, dict) else None
            flat.extend(b for b in inner or [] if isinstance(b, dict) and b.get("type") != "columns")
    return flat


def excerpt(text: str, words: int = 55) -> str:
    """The first words of a text followed by an ellipsis when cut."""
    split = text.split()
    return " ".join(split[:words]) + (" […]" if len(split) > words else "")
