"""The usual WordPress and PrestaShop back-office addresses lead to the login pages; the Méta widget."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.integration.shop_admin_helpers import login as shop_login

SITE_LOGIN, SHOP_LOGIN = "/site/admin/login", "/boutique/admin/login"


@pytest.mark.parametrize(("typed", "lands"), [
    ("/wp-admin/", SITE_LOGIN), ("/wp-admin", SITE_LOGIN), ("/site/wp-admin/", SITE_LOGIN),
    ("/site/wp-admin/edit.php", SITE_LOGIN), ("/wp-login.php", SITE_LOGIN),
    ("/site/wp-login.php", SITE_LOGIN),
    ("/admin-dev/", SHOP_LOGIN), ("/boutique/admin-dev/", SHOP_LOGIN), ("/boutique/admin123abc/", SHOP_LOGIN),
    ("/boutique/admin-dev/index.php?controller=AdminLogin", SHOP_LOGIN),
    ("/boutique/index.php?controller=AdminLogin", SHOP_LOGIN),
    ("/index.php?controller=AdminOrders", SHOP_LOGIN),
])
def test_usual_addresses_lead_to_the_login_page(client, seat, typed, lands):
    response = client.get(f"/s/{seat.name}{typed}", follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == f"/s/{seat.name}{lands}"
    assert len(response.history) <= 2  # straight to the back office, which sends to its login page


def test_other_addresses_stay_unknown(client, seat):
    assert client.get(f"/s/{seat.name}/boutique/nimporte-quoi/").status_code == 404
    assert client.get(f"/s/{seat.name}/boutique/index.php?controller=product").request.path  # shop home
    assert client.get(f"/s/{seat.name}/autre/").status_code == 404  # no detour through another address


def test_logged_in_employee_reaches_the_dashboard(client, seat):
    shop_login(client, seat)
    response = client.get(f"/s/{seat.name}/admin-dev/", follow_redirects=True)
    assert response.request.path == f"/s/{seat.name}/boutique/admin/"


def test_meta_widget_and_feeds(client, seat):
    home = client.get(f"/s/{seat.name}/site/").get_data(as_text=True)
    assert ">Connexion</a>" in home and "Flux des publications" in home and "Flux des commentaires" in home
    posts = ET.fromstring(client.get(f"/s/{seat.name}/site/feed/").data)
    items = posts.findall("channel/item")
    assert items and all(i.findtext("link").startswith("http://localhost/s/poste-a/site/") for i in items)
    comments = ET.fromstring(client.get(f"/s/{seat.name}/site/comments/feed/").data)
    assert comments.findtext("channel/title").startswith("Commentaires pour ")
    assert comments.findall("channel/item")
