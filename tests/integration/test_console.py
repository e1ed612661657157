"""The first console: centre login only, live feeds read from the seat databases, JSON read API."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from grading.accounts import create_user
from grading.console.live import event_stream
from sandbox.activity.actor import Actor, act_as
from sandbox.db.storage import storage_for
from sandbox.models import Product
from sandbox.seats import create_seat, reset_seat


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _login(client, username: str, password: str):
    page = client.get("/console/connexion").get_data(as_text=True)
    return client.post("/console/connexion", data={"csrf_token": _token(page), "username": username,
                                                   "password": password})


@pytest.fixture
def examiner(data):
    """The centre administrator: follows every exam seat (an examiner, only those of their slots)."""
    create_user(data, "responsable", "examen-2027", "admin", "M. Responsable")
    return ("responsable", "examen-2027")


def _change_a_price(data, seat_name: str) -> None:
    with Session(storage_for(data).engine("seats", seat_name)) as db:
        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        product = db.get(Product, 1)
        product.price_ht = product.price_ht + Decimal("1")
        db.commit()


def test_the_console_asks_for_a_centre_account(client):
    response = client.get("/console/")
    assert response.status_code == 302 and "/console/connexion" in response.location


def test_a_seat_password_does_not_open_the_console(client, seat):
    response = _login(client, seat.login, seat.password)
    assert "Identifiant ou mot de passe incorrect." in response.get_data(as_text=True)
    assert client.get("/console/").status_code == 302


def test_a_console_login_without_csrf_token_is_refused(client, examiner):
    response = client.post("/console/connexion", data={"username": examiner[0], "password": examiner[1]})
    assert response.status_code == 400


def test_the_console_lists_seats_with_a_live_feed(client, examiner, seat):
    _login(client, *examiner)
    assert client.get("/console/").location.endswith("/console/admin/")
    page = client.get("/console/postes/").get_data(as_text=True)
    assert "Poste poste-a" in page
    assert 'data-stream="/console/postes/flux?postes=poste-a"' in page


def test_the_stream_sends_each_change_of_its_seat_only(data, seat):
    create_seat(data, "poste-b")
    _change_a_price(data, "poste-a")
    messages = "".join(event_stream(data, "poste-a", 0, stop_after=0.3))
    assert messages.count("event: activity") == 1
    assert "Produit" in messages
    assert "".join(event_stream(data, "poste-b", 0, stop_after=0.3)).count("event: activity") == 0


def test_the_stream_of_a_reset_seat_starts_over(data, seat):
    """After a reset the seat numbers its events from the start again: a stream (or a reconnection) whose
    cursor is past them says « reset », then sends them, instead of taking them for already seen."""
    for _ in range(3):
        _change_a_price(data, "poste-a")
    cursor = int(re.findall(r"id: (\d+)", "".join(event_stream(data, "poste-a", 0, stop_after=0.3)))[-1])
    reset_seat(data, "poste-a")
    _change_a_price(data, "poste-a")
    messages = "".join(event_stream(data, "poste-a", cursor, stop_after=0.3))
    assert messages.index("event: reset") < messages.index("event: activity")
    assert messages.count("event: activity") == 1
    assert "event: reset" not in "".join(event_stream(data, "poste-a", 1, stop_after=0.3))


def test_the_json_read_api_returns_events_after_an_id(client, examiner, data, seat):
    _login(client, *examiner)
    _change_a_price(data, "poste-a")
    _change_a_price(data, "poste-a")
    events = client.get("/console/postes/poste-a/evenements").get_json()
    assert len(events) == 2 and events[0]["actor_name"] == "Candidat Stagiaire"
    later = client.get(f"/console/postes/poste-a/evenements?apres={events[0]['id']}").get_json()
    assert [e["id"] for e in later] == [events[1]["id"]]
