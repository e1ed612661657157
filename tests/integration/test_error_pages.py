"""Error pages are French everywhere: the seats' look under /s/, the console's look elsewhere."""

from __future__ import annotations

from html import unescape

import pytest
from flask import abort

from grading.app import create_app

SEAT_LOOK = 'class="narrow"'
CONSOLE_LOOK = "console-bar"
ENGLISH = ("Not Found", "Method Not Allowed", "Bad Request", "Internal Server Error", "Forbidden",
           "The CSRF token", "Too Many Requests", "Request Entity Too Large", "Traceback")


def _page(response) -> str:
    body = unescape(response.get_data(as_text=True))
    assert not any(word in body for word in ENGLISH), body
    return body


@pytest.fixture
def server(data, seat):
    """The whole application as it runs (exceptions become 500 pages), a small upload limit."""
    app = create_app(data, TESTING=True, PROPAGATE_EXCEPTIONS=False, MAX_CONTENT_LENGTH=2048)

    def boom():
        raise RuntimeError("a bug")

    def limited():
        abort(429)

    for prefix in (f"/s/{seat.name}", "/console"):
        app.add_url_rule(f"{prefix}/panne", f"{prefix}-panne", boom)
        app.add_url_rule(f"{prefix}/limite", f"{prefix}-limite", limited)
        app.add_url_rule(f"{prefix}/interdit", f"{prefix}-interdit", lambda: abort(403))
    return app.test_client()


@pytest.mark.parametrize("audience", ["", "boutique/", "boutique/admin/", "site/", "site/admin/", "sujet/",
                                      "media/1", "entrainement"])
def test_unknown_seat_is_a_french_404_in_every_audience(server, audience):
    response = server.get(f"/s/poste-inconnu/{audience}", follow_redirects=True)
    assert response.status_code == 404
    page = _page(response)
    assert "Le poste « poste-inconnu » n'existe pas." in page and SEAT_LOOK in page


def test_seat_error_pages(server, seat):
    base = f"/s/{seat.name}"
    cases = {
        f"{base}/boutique/page-qui-n-existe-pas": (404, "Page introuvable"),
        f"{base}/interdit": (403, "Accès refusé"),
        f"{base}/limite": (429, "Trop de requêtes"),
        f"{base}/panne": (500, "Erreur du serveur"),
    }
    for url, (code, title) in cases.items():
        response = server.get(url, follow_redirects=True)
        page = _page(response)
        assert response.status_code == code and title in page and SEAT_LOOK in page, url
    wrong = server.delete(f"{base}/boutique/deconnexion")  # GET would reach the back-office doors
    page = _page(wrong)
    assert wrong.status_code == 405 and "Méthode non autorisée" in page and SEAT_LOOK in page


def test_seat_form_without_csrf_token_and_too_big_a_body(server, seat):
    refused = server.post(f"/s/{seat.name}/boutique/connexion", data={"email": "a@b.fr", "password": "x"})
    page = _page(refused)
    assert refused.status_code == 400 and "Le formulaire a expiré" in page and SEAT_LOOK in page
    big = server.post(f"/s/{seat.name}/boutique/connexion", data={"email": "a" * 4096})
    page = _page(big)
    assert big.status_code == 413 and "Fichier trop volumineux" in page and SEAT_LOOK in page


def test_console_error_pages(server):
    cases = {
        "/console/page-qui-n-existe-pas": (404, "Page introuvable"),
        "/console/deconnexion": (405, "Méthode non autorisée"),
        "/console/interdit": (403, "Accès refusé"),
        "/console/limite": (429, "Trop de requêtes"),
        "/console/panne": (500, "Erreur du serveur"),
        "/nulle-part": (404, "Page introuvable"),
    }
    for url, (code, title) in cases.items():
        response = server.get(url, follow_redirects=True)
        page = _page(response)
        assert response.status_code == code and title in page and CONSOLE_LOOK in page, url
    refused = server.post("/console/connexion", data={"username": "admin", "password": "x"})
    page = _page(refused)
    assert refused.status_code == 400 and "Le formulaire a expiré" in page and CONSOLE_LOOK in page
    big = server.post("/console/connexion", data={"username": "a" * 4096})
    assert big.status_code == 413 and CONSOLE_LOOK in _page(big)
