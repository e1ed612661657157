"""Editor blocks: schema validation and rendering with hostile input in every field of every block type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser

import pytest

from sandbox.content.block_schema import ITEM_SCHEMAS, SCHEMAS, validate_block, validate_blocks
from sandbox.content.blocks import BLOCK_RENDERERS, RenderContext, render_blocks
from sandbox.services import ServiceError

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    '<a href="javascript:alert(1)" onclick="x()">lien</a>',
    '<span style="background:url(javascript:alert(1))">css</span><style>body{display:none}</style>',
    "<svg onload=alert(1)><iframe src=//evil></iframe>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]
FORBIDDEN_TAGS = {"script", "style", "svg", "iframe", "object", "embed", "math", "base", "meta", "link"}
# The one style content may carry: an image's focal point / crop, built from integers (sandbox.content.focal).
FOCAL_STYLE = re.compile(r"(aspect-ratio: (1 / 1|4 / 3|16 / 9); width: 100%; )?"
                         r"object-fit: cover; object-position: \d{1,3}% \d{1,3}%;")


class _Audit(HTMLParser):
    """Collects what a browser would actually run: dangerous tags, event or style attributes, bad URLs."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            focal = tag == "img" and name == "style" and FOCAL_STYLE.fullmatch(value or "")
            if name.startswith("on") or (name == "style" and not focal):
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "action") and re.match(
                r"\s*(javascript|data|vbscript):", value or "", re.I
            ):
                self.problems.append(f"{tag}[{name}={value}]")


def _problems(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    return audit.problems


@dataclass
class FakeMedia:
    id: int
    mime: str
    filename: str = 'x"><script>alert(1)</script>.png'
    alt: str = '"><script>alert(2)</script>'
    title: str = "<img src=x onerror=alert(3)>"
    caption: str = "<script>alert(4)</script>"
    width: int = 10
    height: int = 10


MEDIA = {
    1: FakeMedia(1, "image/png"),
    2: FakeMedia(2, "audio/mpeg"),
    3: FakeMedia(3, "video/mp4"),
    4: FakeMedia(4, "application/pdf"),
}


def _ctx() -> RenderContext:
    posts = [('<script>alert("t")</script>', "javascript:alert(1)", datetime(2027, 1, 5))]
    return RenderContext(
        media=MEDIA.get,
        media_url=lambda m: f"/media/{m.id}/{m.filename}",
        recent_posts=lambda n: posts,
        form_action=lambda k: '"><script>x</script>',
        csrf_token=lambda: '"><script>y</script>',
        map_image="/static/img/map.svg",
        today=date(2027, 1, 1),
    )


def _value(kind, hostile: str):
    if kind in ("text", "html", "url", "month", "date", "embed_url", "block_html") or isinstance(kind, list):
        return hostile
    if kind == "inner_blocks":
        return [{"type": "paragraph", "html": hostile}, {"type": "button", "text": hostile, "url": hostile},
                {"type": "image", "media_id": 1, "alt": hostile, "caption": hostile, "link": hostile}]
    if kind == "html_list":
        return [hostile, hostile]
    if kind == "rows":
        return [[hostile, hostile], [hostile, "1"]]
    if kind == "media":
        return 1
    if kind == "media_list":
        return [1, 1]
    if kind == "bool":
        return True
    if isinstance(kind, tuple) and kind[0] == "items":
        return [{k: _value(v, hostile) for k, v in ITEM_SCHEMAS[kind[1]].items()}]
    return 2


def _hostile_block(type_name: str, hostile: str) -> dict:
    return {"type": type_name, **{k: _value(v, hostile) for k, v in SCHEMAS[type_name].items()}}


def test_every_schema_type_has_a_renderer():
    assert set(SCHEMAS) <= set(BLOCK_RENDERERS)


@pytest.mark.parametrize("type_name", sorted(SCHEMAS))
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_input_never_reaches_the_page(type_name, hostile):
    raw = _hostile_block(type_name, hostile)
    html = str(render_blocks([raw], _ctx()))  # stored content is never trusted, even unvalidated
    assert not _problems(html), html
    try:
        clean = validate_block(raw)
    except ServiceError:
        return  # refused outright (a bad URL or date): fine
    html = str(render_blocks([clean], _ctx()))
    assert not _problems(html), html


def test_unknown_types_and_attributes_are_refused():
    with pytest.raises(ServiceError, match="Type de bloc inconnu"):
        validate_blocks('[{"type": "script", "html": "<script></script>"}]')
    with pytest.raises(ServiceError, match="attribut inconnu « onclick »"):
        validate_blocks([{"type": "button", "text": "Go", "url": "/", "onclick": "x()"}])
    with pytest.raises(ServiceError, match="n'est pas un lien autorisé"):
        validate_blocks([{"type": "button", "text": "Go", "url": "javascript:alert(1)"}])
    with pytest.raises(ServiceError, match="illisible"):
        validate_blocks("{not json")


def test_paragraph_keeps_bold_italic_and_links_only():
    [block] = validate_blocks(
        [{"type": "paragraph", "html": '<b>gras</b> <i>it</i> <a href="/s/a/site/">ici</a> <u>x</u>'}]
    )
    assert block["html"] == '<strong>gras</strong> <em>it</em> <a href="/s/a/site/" rel="noopener">ici</a> x'


def test_rich_blocks_render_their_content():
    ctx = _ctx()
    html = str(
        render_blocks(
            [
                {"type": "faq", "items": [{"question": "Livrez-vous ?", "answer": "Oui"}]},
                {"type": "countdown", "title": "Salon", "date": "2027-01-11"},
                {"type": "table", "rows": [["Taille", "Prix"], ["S", "10"]], "header": True},
                {"type": "map", "address": "1 rue du Lin, Lille"},
                {"type": "form", "kind": "newsletter"},
            ],
            ctx,
        )
    )
    assert "<details><summary>Livrez-vous ?</summary>" in html
    assert "Plus que 10 jours avant le 11/01/2027" in html
    assert '<th scope="col">Taille</th>' in html and "<td>S</td>" in html
    assert "Ouvrir dans une carte" in html and "S&#39;inscrire" in html
