"""Autosaves of a customer-service reply and of a newsletter campaign: stored with CSRF only, offered on
reopening with the typed text, forgotten by « Ignorer » or by the real save."""

from __future__ import annotations

from html import unescape

from sqlalchemy import select

from sandbox.models import ActivityEvent, Autosave, CustomerThread
from tests.integration import shop_admin_helpers as shop
from tests.integration.site_helpers import seat_db
from tests.integration.test_site_appearance import login as site_login

REPLY = "Bonjour Madame, votre parure sera livrée jeudi prochain."


def test_a_reply_is_autosaved_offered_and_forgotten_once_sent(client, seat, data):
    shop.login(client, seat)
    with seat_db(data, seat) as db:
        thread = db.scalars(select(CustomerThread).order_by(CustomerThread.id)).first()
    url = f"{shop.ADMIN.format(seat=seat.name)}/service-client/{thread.id}"
    page = client.get(url).get_data(as_text=True)
    assert client.post(f"{url}/sauvegarde-auto", data={"body": REPLY}).status_code == 400  # no CSRF token
    token = shop.csrf_token(page)
    assert client.post(f"{url}/sauvegarde-auto", data={"csrf_token": token, "body": REPLY}).status_code == 200
    page = unescape(client.get(url).get_data(as_text=True))
    assert "Une sauvegarde automatique plus récente que cette version existe" in page
    assert "votre parure sera livr" in page  # in the offer's JSON (accents escaped), for « Restaurer »
    with seat_db(data, seat) as db:
        line = db.scalar(select(ActivityEvent.summary).where(ActivityEvent.action == "autosave"))
    assert line == f"Réponse au fil n° {thread.id} ({thread.email}) : brouillon, 8 mots"
    client.post(f"{url}/repondre", data={"csrf_token": token, "body": REPLY, "private": "y"})
    assert "Une sauvegarde automatique" not in client.get(url).get_data(as_text=True)
    with seat_db(data, seat) as db:
        assert db.scalars(select(Autosave)).all() == []


def test_a_campaign_autosave_is_ignored(client, seat, data):
    base = site_login(client, seat)
    page = client.get(f"{base}/newsletter/campagne")
    assert page.status_code == 200
    token = shop.csrf_token(page.get_data(as_text=True))
    saved = client.post(f"{base}/newsletter/campagne/sauvegarde-auto/nouveau",
                        data={"csrf_token": token, "subject": "Soldes d'été", "body": "Tout le lin à -20 %"})
    assert saved.status_code == 200
    page = unescape(client.get(f"{base}/newsletter/campagne").get_data(as_text=True))
    assert "Une sauvegarde automatique plus récente" in page and "Soldes d" in page
    client.post(f"{base}/newsletter/campagne/sauvegarde-auto/nouveau/ignorer", data={"csrf_token": token})
    page = client.get(f"{base}/newsletter/campagne").get_data(as_text=True)
    assert "Une sauvegarde automatique" not in page
