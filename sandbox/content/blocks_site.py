"""Render functions of the blocks that show the site's own data: « Fil d'Ariane » (the SEO extension's
breadcrumb), « Icônes de réseaux sociaux » and « Coordonnées ». The data comes from ``RenderContext.site``;
every text is escaped and every link was built by the site (external addresses lead to the exit page)."""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from sandbox.content.blocks import RenderContext, block
from sandbox.content.blocks_rich import _t


@block("breadcrumb")
def render_breadcrumb(data: dict[str, Any], ctx: RenderContext) -> str:
    """The trail of the content being shown (Accueil › Blog › … › this page)."""
    crumbs = ctx.site("breadcrumb")
    if crumbs is None or not crumbs.items:  # outside a seat (a preview): say what will be shown
        return '<p class="block-breadcrumb block-breadcrumb--empty">Fil d\'Ariane de la page affichée.</p>'
    items = []
    for index, (label, url) in enumerate(crumbs.items):
        sep = f'<span class="sep" aria-hidden="true">{escape(crumbs.separator)}</span> ' if index else ""
        inner = f'<a href="{escape(url)}">{escape(label)}</a>' if url else \
            f'<span aria-current="page">{escape(label)}</span>'
        items.append(f"<li>{sep}{inner}</li>")
    prefix = f'<span class="breadcrumb__prefix">{escape(crumbs.prefix)}</span>' if crumbs.prefix else ""
    return (f'<nav class="breadcrumb block-breadcrumb" aria-label="Fil d\'Ariane">{prefix}'
            f'<ol>{"".join(items)}</ol></nav>')


@block("social_icons")
def render_social_icons(data: dict[str, Any], ctx: RenderContext) -> str:
    """The site's social networks as icons (the addresses of « Personnaliser › Réseaux sociaux »)."""
    links = ctx.site("social") or []
    title = _t(data, "title")
    if not links:
        return ('<p class="block-social block-social--empty">Aucun réseau social renseigné '
                "(Apparence › Personnaliser › Réseaux sociaux).</p>")
    head = f"<p class=\"block-social__title\">{escape(title)}</p>" if title else ""
    items = "".join(f'<li><a href="{escape(url)}" aria-label="{escape(label)}" title="{escape(label)}">'
                    f'<span aria-hidden="true">{escape(abbr)}</span></a></li>' for label, abbr, url in links)
    return (f'<div class="block-social">{head}<nav class="social-links social-links--block" '
            f'aria-label="{escape(title or "Réseaux sociaux")}"><ul>{items}</ul></nav></div>')


@block("contact_details")
def render_contact_details(data: dict[str, Any], ctx: RenderContext) -> str:
    """The contact details of « Réglages › Général » (address, phone, e-mail, opening hours)."""
    details = ctx.site("contact")
    title = _t(data, "title") or "Nos coordonnées"
    lines = [escape(line) for line in details.lines()] if details is not None else []
    if details is not None and details.email:
        lines.append(f'<a href="mailto:{escape(details.email)}">{escape(details.email)}</a>')
    body = "<br>".join(str(line) for line in lines) or "Coordonnées non renseignées."
    return (f'<section class="block-contact"><h2>{escape(title)}</h2>'
            f'<address class="contact-details">{body}</address></section>')
