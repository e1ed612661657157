"""The site blocks (« Fil d'Ariane », « Icônes de réseaux sociaux », « Coordonnées ») render the seat's own
data from RenderContext.site, escaped, and validate like every block."""

from __future__ import annotations

from sandbox.content.block_schema import validate_block
from sandbox.content.blocks import RenderContext, render_block
from sandbox.services.site_general import ContactDetails
from sandbox.web.site_front.breadcrumb import Breadcrumb

CRUMBS = Breadcrumb([("Accueil", "/s/p/site/"), ("Blog", "/s/p/site/blog"), ("<Lin> & co", None)], "»", "")
SOCIAL = [("Facebook", "f", "/s/p/site/sortie?url=https://www.facebook.com/x")]
CONTACT = ContactDetails("27 rue de l'Épeule", "59100 Roubaix", "03 20 45 67 89", "contact@lin.fr",
                         "Mardi–samedi")


def _site(part: str):
    return {"breadcrumb": CRUMBS, "social": SOCIAL, "contact": CONTACT}[part]


def _render(data: dict) -> str:
    return str(render_block(validate_block(data), RenderContext(site=_site)))


def test_breadcrumb_block_shows_the_trail_with_the_current_page_unlinked():
    html = _render({"type": "breadcrumb"})
    assert '<nav class="breadcrumb block-breadcrumb" aria-label="Fil d\'Ariane">' in html
    assert '<a href="/s/p/site/blog">Blog</a>' in html
    assert '<span aria-current="page">&lt;Lin&gt; &amp; co</span>' in html
    assert html.count('<span class="sep" aria-hidden="true">»</span>') == 2


def test_social_icons_block_links_to_the_exit_page_and_contact_block_shows_the_details():
    html = _render({"type": "social_icons", "title": "Suivez-nous"})
    assert 'aria-label="Suivez-nous"' in html
    assert 'href="/s/p/site/sortie?url=https://www.facebook.com/x"' in html
    html = _render({"type": "contact_details"})
    assert "<h2>Nos coordonnées</h2>" in html and "Tél. 03 20 45 67 89" in html
    assert '<a href="mailto:contact@lin.fr">contact@lin.fr</a>' in html and "l&#39;Épeule" in html
