"""Every block type renders with only its required fields (the schema registry drives the list, so a new
block type is covered as soon as it is registered), and never with an exception swallowed by render_block."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from sandbox.content.block_schema import ITEM_SCHEMAS, REQUIRED, SCHEMAS, validate_block
from sandbox.content.blocks import BLOCK_RENDERERS, RenderContext, render_block

PHOTO = SimpleNamespace(id=1, filename="lin.jpg", mime="image/jpeg", alt="Lin", title="Lin", caption="",
                        width=40, height=30, focal_x=None, focal_y=None)
SOUND = SimpleNamespace(id=2, filename="son.wav", mime="audio/wav", alt="", title="Son", caption="",
                        width=None, height=None)
FILM = SimpleNamespace(id=3, filename="film.webm", mime="video/webm", alt="", title="Film", caption="",
                       width=None, height=None)
PDF = SimpleNamespace(id=4, filename="doc.pdf", mime="application/pdf", alt="", title="Doc", caption="",
                      width=None, height=None)
LIBRARY = {1: PHOTO, 2: SOUND, 3: FILM, 4: PDF}
MEDIA_FOR = {"audio": 2, "video": 3, "file": 4}
# What the site blocks read from the seat's site (breadcrumb trail, social links, contact details).
SITE = {
    "breadcrumb": SimpleNamespace(items=[("Accueil", "/site/"), ("Blog", None)], separator="›", prefix=""),
    "social": [("Facebook", "f", "/site/sortie?url=https://facebook.com/linetnature")],
    "contact": SimpleNamespace(lines=lambda: ["1 rue du Lin, 59100 Roubaix"], email="contact@exemple.fr"),
}


def _ctx() -> RenderContext:
    """A web-like context: media_url fails on a missing media, as url_for does on the real site."""
    return RenderContext(
        media=LIBRARY.get, media_url=lambda m: f"/media/{m.id}/{m.filename}",
        link=lambda href: f"/sortie?url={href}" if href.startswith("http") else href,
        recent_posts=lambda n: [("Un article", "/site/blog/un-article", datetime(2027, 5, 3))],
        form_action=lambda kind: f"/site/formulaire/{kind}", csrf_token=lambda: "jeton",
        map_image="/static/img/map.svg", today=date(2027, 5, 20), site=SITE.get,
    )


def _sample(type_name: str, name: str, kind) -> object:
    """A plausible value for a required field of a given kind."""
    if kind == "media":
        return MEDIA_FOR.get(type_name, 1)
    if kind == "media_list":
        return [1]
    if kind == "html_list":
        return ["Un élément"]
    if kind == "rows":
        return [["Jour", "Horaires"], ["Lundi", "9 h – 18 h"]]
    if kind == "date":
        return "2027-06-01"
    if kind == "embed_url":
        return "https://www.youtube.com/watch?v=abc"
    if isinstance(kind, tuple) and kind[0] == "items":
        schema = ITEM_SCHEMAS[kind[1]]
        if kind[1] == "columns":
            return [{"blocks": [{"type": "paragraph", "html": "Dans la colonne"}]}]
        item_required = {"slides": ("media_id",), "faq": ("question",), "testimonials": ("quote",),
                         "members": ("name",)}[kind[1]]
        return [{k: _sample(type_name, k, schema[k]) for k in item_required}]
    return "Texte"


@pytest.mark.parametrize("type_name", sorted(SCHEMAS))
def test_every_block_renders_with_only_its_required_fields(type_name):
    assert type_name in REQUIRED, f"déclarez les champs obligatoires du bloc « {type_name} » dans REQUIRED"
    schema = SCHEMAS[type_name]
    data = {"type": type_name, **{n: _sample(type_name, n, schema[n]) for n in REQUIRED[type_name]}}
    # The renderer itself, not render_block: an exception must fail the test, not be logged away.
    html = BLOCK_RENDERERS[type_name](data, _ctx())
    assert html.strip(), f"le bloc « {type_name} » ne rend rien avec ses seuls champs obligatoires"
    # What the editor saves (every optional field present but empty) renders the same way.
    clean = validate_block(data)
    assert BLOCK_RENDERERS[type_name](clean, _ctx()).strip()
    assert str(render_block(clean, _ctx())).strip()


def test_banner_without_background_image_renders_its_title_and_button():
    data = validate_block({"type": "cover", "title": "Soldes d'été", "button_text": "Voir", "url": "/site/"})
    html = BLOCK_RENDERERS["cover"](data, _ctx())
    assert "<h2>Soldes d&#39;été</h2>" in html and 'href="/site/"' in html and "<img" not in html
