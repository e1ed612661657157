"""Render functions of the layout and outside-content blocks: « Colonnes », « Contenu embarqué »,
« HTML personnalisé ». Same rules as ``sandbox.content.blocks``: text escaped, HTML through nh3.

The exam network is closed: an embed never loads a player, it shows an offline card whose link goes
through ``ctx.link`` (the exit page, where the attempt is recorded like any external link).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape

from sandbox.content import blocks as _blocks
from sandbox.content.block_schema import INNER_TYPES
from sandbox.content.blocks import RenderContext, block
from sandbox.content.blocks_rich import _items, _t
from sandbox.content.sanitize import as_text, safe_url, sanitize_block_html

# Host (without « www. ») -> the service's name, as Gutenberg's embed variations name them.
PROVIDERS = {
    "youtube.com": "YouTube", "youtu.be": "YouTube", "vimeo.com": "Vimeo", "dailymotion.com": "Dailymotion",
    "facebook.com": "Facebook", "instagram.com": "Instagram", "twitter.com": "X (Twitter)",
    "x.com": "X (Twitter)", "tiktok.com": "TikTok", "linkedin.com": "LinkedIn", "pinterest.com": "Pinterest",
    "pinterest.fr": "Pinterest", "soundcloud.com": "SoundCloud", "spotify.com": "Spotify",
}


def embed_host(url: str) -> str:
    """The host of an embedded URL without « www. » (« youtube.com »), or "" when it has none."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def embed_provider(url: str) -> str:
    """The service an embedded URL belongs to (« YouTube »), or its host for any other site."""
    host = embed_host(url)
    for known, name in PROVIDERS.items():
        if host == known or host.endswith("." + known):
            return name
    return host


@block("columns")
def render_columns(data: dict[str, Any], ctx: RenderContext) -> str:
    """Columns side by side, each holding paragraphs, headings, lists, images and buttons."""
    columns = []
    for column in _items(data, "columns")[:4]:
        inner = column.get("blocks") if isinstance(column.get("blocks"), list) else []
        # Only the simple types render inside a column: no columns in columns, so no deep recursion.
        parts = [_blocks.render_block(b, ctx) for b in inner
                 if isinstance(b, dict) and as_text(b.get("type")) in INNER_TYPES]
        columns.append(f'<div class="block-column">{"".join(str(p) for p in parts)}</div>')
    if not columns:
        return ""
    return f'<div class="block-columns columns-{len(columns)}">{"".join(columns)}</div>'


@block("embed")
def render_embed(data: dict[str, Any], ctx: RenderContext) -> str:
    """An offline card standing for a video or a social post; its link leaves through the exit page."""
    url = _t(data, "url")
    href = safe_url(url, ctx.link) if url.lower().startswith(("http://", "https://")) else None
    if not href:
        return ""
    provider, host = embed_provider(url), embed_host(url)
    css = "".join(c for c in provider.lower() if c.isalnum()) or "lien"
    caption = _t(data, "caption")
    tail = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    card = (f'<div class="block-embed__card"><p class="block-embed__provider">{escape(provider)}</p>'
            f"<p>Contenu hors ligne : le réseau de l'examen est fermé, ce contenu de {escape(host)} "
            "ne peut pas s'afficher ici.</p>"
            f'<p><a class="btn" href="{escape(href)}" rel="noopener">Voir sur {escape(provider)}</a></p>'
            "</div>")
    return f'<figure class="block-embed block-embed--{css}">{card}{tail}</figure>'


@block("html")
def render_html(data: dict[str, Any], ctx: RenderContext) -> str:
    """Custom HTML, sanitised again on output (no script, style, frame or outside image)."""
    html = sanitize_block_html(data.get("html"), ctx.link)
    return f'<div class="block-html">{html}</div>' if html.strip() else ""
