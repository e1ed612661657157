"""Security headers on every page of both back offices, the public sites and the console; cookie flags."""

from __future__ import annotations

import pytest

from grading.accounts import create_user
from sandbox.base_url import save_base_url
from tests.grading.conftest import console_login
from tests.integration.shop_admin_helpers import login as shop_login
from tests.integration.site_helpers import site_login

ACCOUNT = ("responsable", "examen-2027")


def _pages(app, seat_name: str, logins: bool = False) -> list[str]:
    """Every GET address needing no id: the seat's pages (both fronts and back offices), the console."""
    pages = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        if set(rule.arguments) - {"seat"}:
            continue
        if rule.endpoint.endswith(("stream", "events", "feed")) or "logout" in rule.endpoint:
            continue  # endless event streams; logging out would end the walk
        if ("login" in rule.endpoint) is not logins:
            continue  # a login page opens a new session: walked apart, before logging in
        pages.append(rule.build({"seat": seat_name}, append_unknown=False)[1])
    return sorted(set(pages))


def _assert_headers(response, page: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    script_src = csp.split("script-src")[1].split(";")[0]
    assert script_src.strip() == "'self'", page  # no 'unsafe-inline', no 'unsafe-eval', nothing outside
    assert "object-src 'none'" in csp and "base-uri 'self'" in csp, page
    assert "frame-ancestors 'none'" in csp and response.headers["X-Frame-Options"] == "DENY", page
    assert response.headers["X-Content-Type-Options"] == "nosniff", page
    assert response.headers["Referrer-Policy"] == "same-origin", page


def test_every_page_carries_the_security_headers(app, data, seat, client):
    logins = _pages(app, seat.name, logins=True)
    assert len(logins) >= 3
    for page in logins:
        _assert_headers(client.get(page), page)
    create_user(data, *ACCOUNT, "admin", "M. Responsable")
    assert site_login(client, seat).status_code == 302
    assert shop_login(client, seat).status_code == 302
    assert console_login(client, *ACCOUNT).status_code == 302
    pages = _pages(app, seat.name)
    # The busiest pages, which carry an id: product sheet, post editor, product editor.
    busiest = [f"/s/{seat.name}/boutique/produit/1", f"/s/{seat.name}/boutique/admin/produits/1",
               f"/s/{seat.name}/site/admin/articles/1"]
    statuses = {}
    for page in pages:
        response = client.get(page)
        statuses[page] = response.status_code
        _assert_headers(response, page)
    assert any(p.startswith("/console") for p in pages) and len(pages) > 60
    assert statuses[f"/s/{seat.name}/site/"] == 200 and statuses[f"/s/{seat.name}/boutique/"] == 200
    assert statuses[f"/s/{seat.name}/boutique/admin/"] == 200
    assert statuses[f"/s/{seat.name}/site/admin/"] == 200
    assert statuses["/console/admin/"] == 200 and statuses["/console/creneaux/"] == 200
    for page in busiest:
        response = client.get(page, follow_redirects=True)
        assert response.status_code == 200, page
        _assert_headers(response, page)
    assert 500 not in statuses.values(), [p for p, s in statuses.items() if s == 500]


def test_error_pages_and_media_carry_them_too(client, seat):
    response = client.get(f"/s/{seat.name}/nulle-part/")
    assert response.status_code == 404
    _assert_headers(response, "404")


def _session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("e5_session=")]
    assert cookies, "no session cookie set"
    return cookies[-1]


@pytest.mark.parametrize(("address", "secure"), [(None, False), ("http://192.168.1.10:8000", False),
                                                 ("https://examen.lycee-exemple.fr", True)])
def test_session_cookie_is_httponly_lax_and_secure_on_https(client, data, seat, address, secure):
    if address:
        save_base_url(data, address)
    cookie = _session_cookie(shop_login(client, seat)).lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert ("; secure" in cookie) is secure
