"""Modules › Bloc de texte personnalisé, Réassurance, Boutons de partage social: configured through their
forms in the shop back office, then seen on the public home and product pages (B-MOD-4, B-MOD-5, B-MOD-6)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from sandbox.models import Product
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


@pytest.fixture
def product_url(data, seat) -> str:
    """Public address of an online product."""
    with seat_db(data, seat.name) as db:
        product = db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id)).first()
        return f"/s/{seat.name}/boutique/produit/{product.id}-{product.slug}"


def _configure(client, admin: str, code: str, **changes) -> None:
    """Post a module's « Configurer » form as a browser would, with some fields changed."""
    url = f"{admin}/modules/{code}/configurer"
    values = form_values(client.get(url).get_data(as_text=True), "module-form")
    values.update(changes)
    for name in [n for n, v in changes.items() if v is None]:  # an unticked box is not posted
        del values[name]
    response = client.post(url, data=values)
    assert response.status_code == 302, text(response.get_data(as_text=True))


def _public(client, path: str) -> str:
    return unescape(client.get(path).get_data(as_text=True))


@pytest.mark.feature("B-MOD-4")
def test_text_block_title_and_content_reach_the_home_then_disappear_when_disabled(client, admin, seat):
    _configure(client, admin, "text_block", title="Tissé en Normandie",
               content="<p>Nos draps sont <strong>tissés à Caen</strong>.</p>")
    home = _public(client, f"/s/{seat.name}/boutique/")
    block = home.split('data-block="text_block"', 1)[1].split("</section>", 1)[0]
    assert "Tissé en Normandie" in block and "<strong>tissés à Caen</strong>" in block
    page = client.get(f"{admin}/modules/text_block/configurer").get_data(as_text=True)
    assert "Désactiver le module" in page
    client.post(f"{admin}/modules/text_block/activer", data={"csrf_token": csrf_token(page), "active": "0"})
    assert "Tissé en Normandie" not in _public(client, f"/s/{seat.name}/boutique/")


@pytest.mark.feature("B-MOD-5")
def test_reassurance_item_added_shows_on_home_and_product_pages_unless_unticked(client, admin, seat,
                                                                                product_url):
    url = f"{admin}/modules/reassurance/configurer"
    values = form_values(client.get(url).get_data(as_text=True), "reassurance-form")
    values.update(icon="leaf", text="Lin cultivé en France")
    assert client.post(f"{admin}/modules/reassurance/elements", data=values).status_code == 302
    home = _public(client, f"/s/{seat.name}/boutique/")
    assert "Lin cultivé en France" in home.split('data-block="reassurance"', 1)[1].split("</section>", 1)[0]
    assert "Lin cultivé en France" in _public(client, product_url)
    _configure(client, admin, "reassurance", on_product=None)
    assert "Lin cultivé en France" not in _public(client, product_url)
    assert "Lin cultivé en France" in _public(client, f"/s/{seat.name}/boutique/")


@pytest.mark.feature("B-MOD-6")
def test_social_sharing_networks_chosen_are_the_buttons_of_the_product_page(client, admin, product_url):
    assert "Partager sur" not in _public(client, product_url)  # the module is off at the start
    page = client.get(f"{admin}/modules/social_sharing/configurer").get_data(as_text=True)
    assert "Activer le module" in page
    client.post(f"{admin}/modules/social_sharing/activer",
                data={"csrf_token": csrf_token(page), "active": "1"})
    shown = re.findall(r"Partager sur ([^<]+)<", _public(client, product_url))
    assert shown == ["Facebook", "X (Twitter)", "Pinterest"]
    _configure(client, admin, "social_sharing", networks=["linkedin", "whatsapp"])
    assert re.findall(r"Partager sur ([^<]+)<", _public(client, product_url)) == ["LinkedIn", "WhatsApp"]
