"""The block renderer: every block type, and hostile content in every field neutralised."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from sandbox.content.blocks import (
    BLOCK_RENDERERS,
    RenderContext,
    block,
    excerpt,
    plain_text,
    render_block,
    render_blocks,
)
from sandbox.content.links import is_external
from sandbox.content.sanitize import safe_url, sanitize_inline, sanitize_rich

PHOTO = SimpleNamespace(id=7, filename="atelier.jpg", mime="image/jpeg", alt="L'atelier de Roubaix",
                        width=800, height=600)
PDF = SimpleNamespace(id=8, filename="catalogue.pdf", mime="application/pdf", alt="", width=None, height=None)


def context(**overrides) -> RenderContext:
    """A context with two media items and a link rewriter marking external links."""
    library = {7: PHOTO, 8: PDF}
    ctx = RenderContext(
        media=library.get, media_url=lambda m: f"/s/poste-a/media/{m.id}/{m.filename}",
        link=lambda href: f"/sortie?url={href}" if href.startswith(("http:", "https:")) else href,
    )
    for key, value in overrides.items():
        setattr(ctx, key, value)
    return ctx


# -- each block type ---------------------------------------------------------------------------

def test_heading_levels_are_2_to_4():
    assert render_block({"type": "heading", "level": 3, "text": "Engagements"}) == "<h3>Engagements</h3>"
    assert render_block({"type": "heading", "level": 1, "text": "T"}) == "<h2>T</h2>"
    assert render_block({"type": "heading", "level": 6, "text": "T"}) == "<h4>T</h4>"
    assert render_block({"type": "heading", "level": "abc", "text": "T"}) == "<h2>T</h2>"
    assert render_block({"type": "heading", "text": "Lin & coton"}) == "<h2>Lin &amp; coton</h2>"
    assert render_block({"type": "heading", "level": 2, "text": "  "}) == ""


def test_paragraph_keeps_phrasing_markup_and_adds_noopener():
    html = render_block({"type": "paragraph", "html": (
        'Du <strong>lin</strong> <em>lavé</em><br><a href="https://www.ademe.fr" title="ADEME">ADEME</a> '
        '<a href="/s/poste-a/site/">ici</a> <a href="mailto:contact@lin-et-nature.fr">écrire</a>'),
    }, context())
    assert html.startswith("<p>Du <strong>lin</strong> <em>lavé</em><br>")
    assert '<a href="/sortie?url=https://www.ademe.fr" title="ADEME" rel="noopener">ADEME</a>' in html
    assert '<a href="/s/poste-a/site/" rel="noopener">ici</a>' in html
    assert '<a href="mailto:contact@lin-et-nature.fr" rel="noopener">écrire</a>' in html


def test_paragraph_strips_block_tags_and_headings():
    html = render_block({"type": "paragraph", "html": "<h1>Titre</h1><div>bloc</div><p>para</p>"})
    assert html == "<p>Titre bloc para</p>"


def test_list_ordered_and_unordered():
    assert render_block({"type": "list", "items": ["Draps", "<em>Housses</em>"]}) == \
        "<ul><li>Draps</li><li><em>Housses</em></li></ul>"
    assert render_block({"type": "list", "items": ["Un", "", "Deux"], "ordered": True}) == \
        "<ol><li>Un</li><li>Deux</li></ol>"
    assert render_block({"type": "list", "items": "pas une liste"}) == ""


def test_image_with_caption_alignment_and_size():
    html = render_block({"type": "image", "media_id": 7, "alt": "Machine à coudre",
                         "caption": "À <em>Roubaix</em>", "align": "right", "size": "medium"}, context())
    assert html == (
        '<figure class="block-image size-medium align-right">'
        '<img src="/s/poste-a/media/7/atelier.jpg" alt="Machine à coudre" width="800" height="600" '
        'loading="lazy"><figcaption>À <em>Roubaix</em></figcaption></figure>')


def test_image_falls_back_to_media_alt_and_refuses_bad_options():
    html = render_block({"type": "image", "media_id": "7", "align": "top:0;position:fixed", "size": "huge"},
                        context())
    assert 'alt="L&#39;atelier de Roubaix"' in html
    assert 'class="block-image size-large"' in html
    assert "<figcaption>" not in html


def test_image_missing_or_not_an_image_renders_nothing(caplog):
    with caplog.at_level(logging.WARNING):
        assert render_block({"type": "image", "media_id": 99}, context()) == ""
        assert render_block({"type": "image", "media_id": 8}, context()) == ""
        assert render_block({"type": "image"}, context()) == ""
    assert "media" in caplog.text


def test_quote_button_separator():
    assert render_block({"type": "quote", "text": "Faire durer", "cite": "Claire V."}) == (
        '<blockquote class="block-quote"><p>Faire durer</p>'
        '<footer><cite>Claire V.</cite></footer></blockquote>')
    assert render_block({"type": "button", "text": "Voir", "url": "/s/poste-a/boutique/"}) == (
        '<p class="block-button"><a class="btn" href="/s/poste-a/boutique/" rel="noopener">Voir</a></p>')
    assert 'href="/sortie?url=https://example.org/"' in render_block(
        {"type": "button", "text": "Partenaire", "url": "https://example.org/"}, context())
    assert render_block({"type": "separator"}) == '<hr class="block-separator">'


def test_unknown_and_malformed_blocks_render_nothing(caplog):
    with caplog.at_level(logging.WARNING):
        assert render_block({"type": "carousel", "slides": []}) == ""
        assert render_block("<script>alert(1)</script>") == ""
        assert render_block({"text": "no type"}) == ""
    assert "carousel" in caplog.text
    assert render_blocks("not a list") == ""
    assert render_blocks(None) == ""
    assert render_blocks([{"type": "heading", "text": "A"}, {"type": "nope"}, {"type": "separator"}]) == \
        '<h2>A</h2>\n<hr class="block-separator">'


def test_a_failing_renderer_does_not_break_the_page():
    @block("exploding")
    def _explode(data, ctx):
        raise RuntimeError("boom")

    try:
        assert render_blocks([{"type": "exploding"}, {"type": "heading", "text": "Toujours là"}]) == \
            "<h2>Toujours là</h2>"
    finally:
        del BLOCK_RENDERERS["exploding"]


def test_adding_a_block_type_is_one_function():
    @block("spacer")
    def _spacer(data, ctx):
        return '<div class="block-spacer"></div>'

    try:
        assert render_block({"type": "spacer"}) == '<div class="block-spacer"></div>'
    finally:
        del BLOCK_RENDERERS["spacer"]


def test_plain_text_and_excerpt():
    blocks = [{"type": "heading", "text": "Le lin"},
              {"type": "paragraph", "html": "Doux &amp; <b>solide</b><script>x()</script>"},
              {"type": "list", "items": ["un", "deux"]}, {"type": "separator"}, "junk"]
    assert plain_text(blocks) == "Le lin Doux & solide un deux"
    assert excerpt("un deux trois quatre", 2) == "un deux […]"
    assert excerpt("un deux", 2) == "un deux"


def test_safe_url_and_external_links():
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JaVaScRiPt:alert(1)") is None
    assert safe_url("jav\tascript:alert(1)") is None
    assert safe_url("java\nscript:alert(1)") is None
    assert safe_url('/x" onmouseover="alert(1)') is None
    assert safe_url("/mon fichier.pdf") == "/mon%20fichier.pdf"
    assert safe_url("data:text/html,<script>alert(1)</script>") is None
    assert safe_url("vbscript:msgbox") is None
    assert safe_url("") is None
    assert safe_url("/s/poste-a/site/contact") == "/s/poste-a/site/contact"
    assert safe_url("mailto:a@b.fr") == "mailto:a@b.fr"
    assert safe_url("https://a.fr/x?y=1&z=2") == "https://a.fr/x?y=1&z=2"
    assert is_external("https://www.facebook.com/x", "localhost:5000")
    assert is_external("//evil.example/x", "localhost:5000")
    assert is_external("/\\evil.example/x", "localhost:5000")
    assert not is_external("http://localhost:5000/s/poste-a/", "localhost:5000")
    assert not is_external("/s/poste-a/boutique/", "localhost:5000")
    assert not is_external("mailto:a@b.fr", "localhost:5000")


def test_rich_fields_allow_paragraphs_and_lists_only():
    assert sanitize_rich("<p>Un</p><ul><li>deux</li></ul><h2>x</h2><table><tr><td>t</td></tr></table>") == \
        "<p>Un</p><ul><li>deux</li></ul>xt"


# -- hostile content in every field ------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">clic</a>',
    '<a href="JaVaScRiPt:alert(1)">clic</a>',
    '<a href="jav&#x09;ascript:alert(1)">clic</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">clic</a>',
    '<p style="background:url(javascript:alert(1))">stylé</p>',
    '<strong style="position:fixed;top:0;left:0;width:100%;height:100%">voile</strong>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<a href="https://ok.example" onclick="alert(1)" target="_blank">ok</a>',
    '<object data="javascript:alert(1)"></object><embed src="x.swf">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<!--<script>alert(1)</script>-->",
    "javascript:alert(1)",
]

FIELDS = {
    "heading": ["text", "level"],
    "paragraph": ["html"],
    "list": ["items", "ordered"],
    "image": ["alt", "caption", "align", "size"],
    "quote": ["text", "cite"],
    "button": ["text", "url"],
    "separator": ["text"],
}
BASE = {
    "heading": {"level": 2, "text": "Titre"},
    "paragraph": {"html": "Texte"},
    "list": {"items": ["Un"]},
    "image": {"media_id": 7, "alt": "Photo", "caption": "Légende"},
    "quote": {"text": "Citation", "cite": "Auteur"},
    "button": {"text": "Bouton", "url": "/page"},
    "separator": {},
}
SAFE_TAGS = {"h2", "h3", "h4", "p", "strong", "em", "a", "br", "ul", "ol", "li", "figure", "img",
             "figcaption", "blockquote", "footer", "cite", "span", "hr"}
SAFE_ATTRS = {"class", "href", "rel", "title", "src", "alt", "width", "height", "loading"}


class _Audit(HTMLParser):
    """Collects every tag and attribute a browser would see."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in SAFE_ATTRS:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src"):
                # As a browser reads it: control characters and whitespace dropped, then the scheme.
                cleaned = "".join(c for c in value or "" if ord(c) > 32)
                scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
                if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
                    self.problems.append(f"{name}={value!r}")
                if name == "src" and not value.startswith("/s/poste-a/media/"):
                    self.problems.append(f"src={value!r}")

    def handle_comment(self, data):
        self.problems.append("comment")


def _audit(html: str) -> list[str]:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(("kind", "name"), [(k, f) for k, fields in FIELDS.items() for f in fields])
def test_hostile_content_is_neutralised(kind, name, payload):
    data = {"type": kind, **BASE[kind], name: [payload] if name == "items" else payload}
    html = render_block(data, context())
    assert _audit(html) == [], html
    assert "<script" not in html.lower() and "<iframe" not in html.lower() and "<svg" not in html.lower()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_type_and_media_id(payload):
    assert render_block({"type": payload, "text": payload}, context()) == ""
    assert _audit(render_block({"type": "image", "media_id": payload}, context())) == []


def test_inline_sanitising_rewrites_links_and_strips_the_rest():
    html = sanitize_inline('<p><a href="https://x.fr" target="_blank">x</a> <u>y</u></p><p>z</p>',
                           link=lambda h: "/exit")
    assert html == '<a href="/exit" rel="noopener">x</a> y z'
