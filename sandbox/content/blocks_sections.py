"""Render functions of the section blocks: forms (contact, newsletter), FAQ, testimonials, team, map,
countdown. Same rules as ``sandbox.content.blocks``: text escaped, HTML through nh3, URLs checked."""

from __future__ import annotations

import zlib
from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import escape

from sandbox.content.blocks import RenderContext, block
from sandbox.content.blocks_rich import _img, _items, _media, _t
from sandbox.content.sanitize import safe_url, sanitize_inline


@block("form")
def render_form(data: dict[str, Any], ctx: RenderContext) -> str:
    """A contact or newsletter sign-up form posting to the public site."""
    kind = "newsletter" if _t(data, "kind") == "newsletter" else "contact"
    title = _t(data, "title") or ("Inscription à la lettre d'information" if kind == "newsletter" else
                                  "Nous contacter")
    button = _t(data, "button") or ("S'inscrire" if kind == "newsletter" else "Envoyer")
    uid = f"f{zlib.crc32(f'{kind}{title}'.encode()) % 10**6}"
    fields = [f'<input type="hidden" name="csrf_token" value="{escape(ctx.csrf_token())}">']
    fields.append(f'<p><label for="{uid}-email">Adresse e-mail</label>'
                  f'<input id="{uid}-email" type="email" name="email" required></p>')
    if kind == "contact":
        fields.insert(1, f'<p><label for="{uid}-name">Nom</label>'
                         f'<input id="{uid}-name" name="name" required></p>')
        fields.append(f'<p><label for="{uid}-msg">Message</label>'
                      f'<textarea id="{uid}-msg" name="message" rows="5" required></textarea></p>')
    else:
        fields.insert(1, f'<p><label for="{uid}-name">Prénom</label><input id="{uid}-name" name="name"></p>')
    fields.append(f'<p><button type="submit">{escape(button)}</button></p>')
    action = escape(ctx.form_action(kind))
    return (f'<section class="block-form block-form--{kind}"><h2>{escape(title)}</h2>'
            f'<form method="post" action="{action}">{"".join(fields)}</form></section>')


@block("faq")
def render_faq(data: dict[str, Any], ctx: RenderContext) -> str:
    """Questions and answers, each one opening on demand (details/summary)."""
    items = [(f"<details><summary>{escape(_t(i, 'question'))}</summary>"
              f"<p>{sanitize_inline(i.get('answer'), ctx.link)}</p></details>")
             for i in _items(data, "items") if _t(i, "question")]
    return f'<div class="block-faq">{"".join(items)}</div>' if items else ""


@block("testimonials")
def render_testimonials(data: dict[str, Any], ctx: RenderContext) -> str:
    """Customers' quotes with their names."""
    items = []
    for i in _items(data, "items"):
        if _t(i, "quote"):
            who = escape(_t(i, "name")) + (f", {escape(_t(i, 'role'))}" if _t(i, "role") else "")
            quote = f"<p>{escape(_t(i, 'quote'))}</p><footer>{who}</footer>"
            items.append(f"<li><blockquote>{quote}</blockquote></li>")
    return f'<ul class="block-testimonials">{"".join(items)}</ul>' if items else ""


@block("team")
def render_team(data: dict[str, Any], ctx: RenderContext) -> str:
    """Team members: photo, name, role and a short text."""
    cards = []
    for m in _items(data, "members"):
        if not _t(m, "name"):
            continue
        media = _media(ctx, m.get("media_id"), "image/")
        photo = _img(ctx, media, _t(m, "name")) if media else ""
        role = f"<p class=\"role\">{escape(_t(m, 'role'))}</p>" if _t(m, "role") else ""
        bio = f"<p>{escape(_t(m, 'bio'))}</p>" if _t(m, "bio") else ""
        cards.append(f"<li>{photo}<h3>{escape(_t(m, 'name'))}</h3>{role}{bio}</li>")
    return f'<ul class="block-team">{"".join(cards)}</ul>' if cards else ""


@block("map")
def render_map(data: dict[str, Any], ctx: RenderContext) -> str:
    """A local map picture and the address; « Ouvrir dans une carte » goes through the exit page."""
    address = _t(data, "address")
    if not address:
        return ""
    url = safe_url(f"https://www.openstreetmap.org/search?query={quote(address)}", ctx.link) or ""
    img = f'<img src="{escape(ctx.map_image)}" alt="Plan : {escape(address)}">' if ctx.map_image else ""
    caption = _t(data, "caption")
    return (f'<figure class="block-map">{img}<figcaption><address>{escape(address)}</address>'
            + (f"<p>{escape(caption)}</p>" if caption else "")
            + f'<a href="{escape(url)}" rel="noopener">Ouvrir dans une carte</a></figcaption></figure>')


@block("countdown")
def render_countdown(data: dict[str, Any], ctx: RenderContext) -> str:
    """Days left until a date, as text (the seat clock decides what « today » is)."""
    try:
        target = date.fromisoformat(_t(data, "date"))
    except ValueError:
        return ""
    title = _t(data, "title")
    when = f"{target.day:02d}/{target.month:02d}/{target.year}"
    left = (target - ctx.today).days if ctx.today else None
    if left is None:
        text = f"Rendez-vous le {when}"
    elif left > 1:
        text = f"Plus que {left} jours avant le {when}"
    elif left == 1:
        text = f"Plus qu'un jour avant le {when}"
    else:
        text = f"C'est le {when} !" if left == 0 else f"Terminé depuis le {when}"
    head = f"<h2>{escape(title)}</h2>" if title else ""
    time = f'<time datetime="{target.isoformat()}">{text}</time>'
    return f'<section class="block-countdown">{head}<p>{time}</p></section>'
