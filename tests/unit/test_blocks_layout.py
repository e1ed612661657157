"""The Gutenberg-like blocks: columns with nested content, offline embeds, sanitised custom HTML, slides with
a button, and the RSS block reading the site's own feed or showing an outside feed offline."""

from __future__ import annotations

import pytest

from sandbox.content.block_schema import validate_block, validate_blocks
from sandbox.content.blocks import render_blocks
from sandbox.content.blocks_layout import embed_provider
from sandbox.services import ServiceError
from tests.unit.test_blocks_required import _ctx


def test_columns_hold_paragraphs_headings_images_and_buttons():
    [block] = validate_blocks([{"type": "columns", "columns": [
        {"blocks": [{"type": "heading", "text": "Nos ateliers", "level": 3},
                    {"type": "paragraph", "html": "Du <b>lin</b> lavé"}]},
        {"blocks": [{"type": "image", "media_id": 1},
                    {"type": "button", "text": "Réserver", "url": "/site/"}]},
    ]}])
    html = str(render_blocks([block], _ctx()))
    assert html.startswith('<div class="block-columns columns-2"><div class="block-column">'
                           "<h3>Nos ateliers</h3>")
    assert "<p>Du <strong>lin</strong> lavé</p>" in html
    assert '<img src="/media/1/lin.jpg"' in html and '<a class="btn" href="/site/"' in html


def test_columns_refuse_blocks_that_do_not_fit_in_a_column():
    with pytest.raises(ServiceError, match="« Colonnes » ne peut pas être placé dans une colonne"):
        validate_block({"type": "columns", "columns": [{"blocks": [{"type": "columns", "columns": []}]}]})
    # Stored content is not trusted either: a nested column is skipped on output.
    html = str(render_blocks([{"type": "columns", "columns": [{"blocks": [
        {"type": "columns", "columns": [{"blocks": [{"type": "paragraph", "html": "deep"}]}]}]}]}], _ctx()))
    assert "deep" not in html


@pytest.mark.parametrize(("url", "provider"), [
    ("https://www.youtube.com/watch?v=x", "YouTube"), ("https://youtu.be/x", "YouTube"),
    ("https://vimeo.com/12", "Vimeo"), ("https://www.instagram.com/p/x/", "Instagram"),
    ("https://x.com/linetnature/status/1", "X (Twitter)"), ("https://exemple.fr/video", "exemple.fr"),
])
def test_embed_names_the_service(url, provider):
    assert embed_provider(url) == provider


def test_embed_is_an_offline_card_whose_link_leaves_through_the_exit_page():
    url = "https://www.youtube.com/watch?v=abc"
    block = validate_block({"type": "embed", "url": url, "caption": "Visite"})
    html = str(render_blocks([block], _ctx()))
    assert "<iframe" not in html and "le réseau de l'examen est fermé" in html
    assert 'href="/sortie?url=https://www.youtube.com/watch?v=abc"' in html and ">Voir sur YouTube<" in html
    assert "<figcaption>Visite</figcaption>" in html
    with pytest.raises(ServiceError, match="adresse complète"):
        validate_block({"type": "embed", "url": "youtube"})


def test_custom_html_keeps_structure_and_drops_scripts_and_outside_images():
    raw = ('<h3 onclick="x()">Horaires</h3><script>alert(1)</script><table><tr><td>Lundi</td></tr></table>'
           '<img src="https://cdn.exemple.fr/a.png" alt="dehors"><img src="/site/logo.png" alt="ici">'
           '<iframe src="https://exemple.fr"></iframe><a href="https://exemple.fr">site</a>')
    block = validate_block({"type": "html", "html": raw})
    html = str(render_blocks([block], _ctx()))
    assert "<h3>Horaires</h3>" in html and "<td>Lundi</td>" in html and "alert" not in html
    assert "cdn.exemple.fr" not in html and 'src="/site/logo.png"' in html and "<iframe" not in html
    assert 'href="/sortie?url=https://exemple.fr"' in html


def test_slides_have_a_button_with_its_link():
    block = validate_block({"type": "slider", "slides": [
        {"media_id": 1, "caption": "Été", "button_text": "Voir la collection", "url": "/site/collection"},
        {"caption": "Sans image", "button_text": "Boutique", "url": "https://boutique.exemple.fr"}]})
    html = str(render_blocks([block], _ctx()))
    assert '<a class="btn" href="/site/collection" rel="noopener">Voir la collection</a>' in html
    assert 'href="/sortie?url=https://boutique.exemple.fr"' in html and "Sans image" in html


def test_rss_block_lists_the_own_feed_and_shows_an_outside_feed_offline():
    own = str(render_blocks([{"type": "rss", "title": "Actualités", "url": ""}], _ctx()))
    assert '<a href="/site/blog/un-article">Un article</a>' in own
    outside = str(render_blocks([{"type": "rss", "url": "https://presse.exemple.fr/feed"}], _ctx()))
    assert "Flux RSS externe (presse.exemple.fr)" in outside and "Un article" not in outside
    assert 'href="/sortie?url=https://presse.exemple.fr/feed"' in outside


def test_words_links_and_images_inside_columns_count():
    from sandbox.content.blocks import flat_blocks, plain_text
    from sandbox.services.seo_analysis import _links

    blocks = [{"type": "paragraph", "html": "Avant"}, {"type": "columns", "columns": [
        {"blocks": [{"type": "paragraph", "html": 'Lin <a href="https://exemple.fr">lavé</a>'}]},
        {"blocks": [{"type": "button", "text": "Blog", "url": "/site/blog"},
                    {"type": "image", "media_id": 1}]}]}]
    assert plain_text(blocks) == "Avant Lin lavé Blog"
    types = [b["type"] for b in flat_blocks(blocks)]
    assert types == ["paragraph", "columns", "paragraph", "button", "image"]
    assert _links(blocks) == (1, 1)
