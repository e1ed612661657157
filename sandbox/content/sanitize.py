"""Sanitising of stored HTML and URLs with nh3: the strict allow-list every piece of content goes through.

Phrasing fields keep strong, em, br and a[href, title] (rel="noopener" added); rich fields also keep
p, ul, ol and li. Hrefs keep only http, https, mailto and relative URLs, and a ``link`` function may
rewrite what remains (the public site sends external links to its exit page). Scripts, styles, event
handlers, iframes, SVG and every other tag or attribute are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from typing import Any

import nh3
from markupsafe import Markup, escape

INLINE_TAGS = {"strong", "em", "a", "br"}
RICH_TAGS = INLINE_TAGS | {"p", "ul", "ol", "li"}
URL_SCHEMES = {"http", "https", "mailto"}
DROPPED_WITH_CONTENT = {"script", "style", "template", "textarea", "title", "noscript"}
BLOCK_NAMES = "p|div|h[1-6]|li|ul|ol|blockquote|section|article|header|footer|table|tr|td|th"
BLOCK_TAGS = re.compile(rf"(?:\s*</?(?:{BLOCK_NAMES})\b[^>]*>\s*)+", re.IGNORECASE)

Link = Callable[[str], str]


def as_text(value: Any) -> str:
    """A stored field as text; anything that is not a string or a number counts as empty."""
    if isinstance(value, bool) or value is None:
        return ""
    return str(value) if isinstance(value, (str, int, float)) else ""


def _cleaner(tags: set[str], link: Link | None) -> nh3.Cleaner:
    def rewrite(tag: str, attr: str, value: str) -> str | None:
        # nh3 has already refused foreign schemes; what remains may still leave the site.
        return link(value) if link and tag == "a" and attr == "href" else value

    return nh3.Cleaner(
        tags=tags, clean_content_tags=DROPPED_WITH_CONTENT, attributes={"a": {"href", "title"}},
        url_schemes=URL_SCHEMES, link_rel="noopener", attribute_filter=rewrite, strip_comments=True,
    )


def _unblock(html: str) -> str:
    """Block-level tags become spaces before stripping, so that « <p>un</p><p>deux</p> » keeps two words."""
    return BLOCK_TAGS.sub(" ", html)


def sanitize_inline(html: Any, link: Link | None = None) -> Markup:
    """Phrasing HTML (strong, em, br, links) with everything else stripped."""
    return Markup(_cleaner(INLINE_TAGS, link).clean(_unblock(as_text(html))).strip())  # noqa: S704 — the output of nh3


def sanitize_rich(html: Any, link: Link | None = None) -> Markup:
    """Paragraphs and lists of phrasing HTML (category descriptions, future rich fields)."""
    return Markup(_cleaner(RICH_TAGS, link).clean(as_text(html)))  # noqa: S704 — the output of nh3


def strip_tags(html: Any) -> str:
    """The readable text of an HTML fragment (scripts and styles dropped with their content)."""
    return unescape(nh3.clean(_unblock(as_text(html)), tags=set(), clean_content_tags=DROPPED_WITH_CONTENT))


def safe_url(url: Any, link: Link | None = None) -> str | None:
    """A URL allowed in an href (http, https, mailto or relative), rewritten by ``link``; else None."""
    text = as_text(url).strip()
    # Quotes, angle brackets and control characters never belong in a URL someone typed; refuse them
    # rather than guess (browsers silently drop tabs and newlines, which hides schemes).
    if not text or any(c in '<>"\'`' or ord(c) < 32 or ord(c) == 127 for c in text):
        return None
    text = text.replace(" ", "%20")
    # Let nh3 judge the scheme exactly as it does inside HTML fields (entities, case tricks).
    probe = nh3.clean(f'<a href="{escape(text)}">x</a>', tags={"a"}, attributes={"a": {"href"}},
                      url_schemes=URL_SCHEMES, link_rel=None)
    if 'href="' not in probe:
        return None
    return link(text) if link else text


BLOCK_HTML_TAGS = RICH_TAGS | {"h2", "h3", "h4", "blockquote", "hr", "div", "span", "img", "table", "thead",
                               "tbody", "tr", "th", "td", "caption", "figure", "figcaption", "b", "i", "u",
                               "small", "sub", "sup", "abbr", "code", "pre"}


def sanitize_block_html(html: Any, link: Link | None = None) -> Markup:
    """The « HTML personnalisé » block: structural tags kept, scripts, styles, frames and handlers
    dropped; images only from this site (the exam network is closed, nothing may load from outside)."""
    def rewrite(tag: str, attr: str, value: str) -> str | None:
        if tag == "img" and attr == "src":
            local = value.startswith("/") and not value.startswith("//")
            return value if local else None
        return link(value) if link and tag == "a" and attr == "href" else value

    cleaner = nh3.Cleaner(
        tags=BLOCK_HTML_TAGS, clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "abbr": {"title"},
                    "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}},
        url_schemes=URL_SCHEMES, link_rel="noopener", attribute_filter=rewrite, strip_comments=True,
    )
    return Markup(cleaner.clean(as_text(html)))  # noqa: S704 — the output of nh3
