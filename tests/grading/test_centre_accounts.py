"""Centre accounts managed from the console, and the seats page's single stream (service level)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.orm import Session

from grading.accounts import DISABLED, create_user, login, reset_password, set_active
from grading.app import create_app
from grading.console.seats import parse_seat_cursors, seats_event_stream
from sandbox.activity.actor import Actor, act_as
from sandbox.db.storage import storage_for
from sandbox.models import SiteUser
from sandbox.seats import create_seat, reset_seat
from sandbox.services import ServiceError
from tests.grading.conftest import TEMPLATE_A, console_login, work_on_seat


def test_disable_enable_and_reset(gdata, accounts):
    martin = accounts["martin"][2]
    set_active(gdata, martin.id, False)
    with pytest.raises(ServiceError, match=DISABLED):
        login(gdata, "martin", "martin-motdepasse")
    assert login(gdata, "martin", "faux-mot-de-passe") is None  # a wrong password never says « disabled »
    set_active(gdata, martin.id, True)
    with pytest.raises(ServiceError, match="8 caractères"):
        reset_password(gdata, martin.id, "court")
    reset_password(gdata, martin.id, "nouveau-2027")
    assert login(gdata, "martin", "martin-motdepasse") is None and login(gdata, "martin", "nouveau-2027")
    with pytest.raises(ServiceError):
        set_active(gdata, accounts["admin"][2].id, False)  # the administrator is not managed here


def test_a_disabled_examiner_is_logged_out_at_the_next_page(gdata, accounts):
    client = create_app(gdata, TESTING=True).test_client()
    console_login(client, *accounts["martin"][:2])
    assert client.get("/console/creneaux/").status_code == 200
    set_active(gdata, accounts["martin"][2].id, False)
    answer = client.get("/console/creneaux/")
    assert answer.status_code == 302 and answer.location.endswith("/console/connexion")
    assert DISABLED.replace("'", "&#39;") in client.get("/console/connexion").get_data(as_text=True)


def test_one_stream_carries_the_events_of_every_seat_with_a_cursor_each(gdata):
    for name in ("p-1", "p-2"):
        create_seat(gdata, name, TEMPLATE_A)
        work_on_seat(gdata, name)
    messages = [m for m in "".join(seats_event_stream(gdata, ["p-1", "p-2"], {}, 0.3)).split("\n\n")
                if "event: activity" in m]
    seats = [json.loads(m.split("data: ", 1)[1])["seat"] for m in messages]
    assert seats == ["p-1", "p-2"]
    cursors = parse_seat_cursors(messages[-1].split("\n")[0].removeprefix("id: "))
    assert set(cursors) == {"p-1", "p-2"} and all(cursors.values())
    with Session(storage_for(gdata).engine("seats", "p-2")) as db:  # one more change, on p-2 only
        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        db.get(SiteUser, 1).bio = "Stagiaire, deuxième semaine"
        db.commit()
    resumed = "".join(seats_event_stream(gdata, ["p-1", "p-2"], cursors, 0.3))
    assert resumed.count("event: activity") == 1 and '"seat": "p-2"' in resumed
    # p-1 reset: its next event is numbered from the start again; the stream says so, then sends it.
    with Session(storage_for(gdata).engine("seats", "p-1")) as db:
        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        db.get(SiteUser, 1).bio = "Stagiaire, troisième semaine"
        db.commit()
    last = [m for m in "".join(seats_event_stream(gdata, ["p-1", "p-2"], cursors, 0.3)).split("\n\n")
            if "event: activity" in m][-1]
    reset_seat(gdata, "p-1")
    work_on_seat(gdata, "p-1")
    cursors = parse_seat_cursors(last.split("\n")[0].removeprefix("id: "))
    after_reset = "".join(seats_event_stream(gdata, ["p-1", "p-2"], cursors, 0.3))
    assert 'event: reset\ndata: {"seat": "p-1"}' in after_reset
    assert after_reset.index("event: reset") < after_reset.index("event: activity")


def test_the_seats_stream_needs_seats_the_user_follows(gdata, accounts):
    create_seat(gdata, "p-9", TEMPLATE_A)
    client = create_app(gdata, TESTING=True).test_client()
    console_login(client, *accounts["martin"][:2])
    assert client.get("/console/postes/flux").status_code == 404
    assert client.get("/console/postes/flux?postes=p-9").status_code == 403  # not a seat of martin's slots
    assert client.get("/console/postes/flux?postes=inconnu").status_code == 404


def test_a_fresh_centre_is_told_how_to_create_its_administrator(gdata):
    client = create_app(gdata, TESTING=True).test_client()
    page = client.get("/console/connexion").get_data(as_text=True)
    assert "Aucun compte administrateur n'existe encore" in page and "e5 admin create admin" in page
    create_user(gdata, "martin", "martin-motdepasse", "examiner", "Mme Martin")
    assert "Aucun compte administrateur" in client.get("/console/connexion").get_data(as_text=True)
    create_user(gdata, "admin", "admin-motdepasse", "admin", "Administrateur")
    assert "Aucun compte administrateur" not in client.get("/console/connexion").get_data(as_text=True)
