"""Issue 11, console and practice side: console logins and class codes are throttled; a console session
ends server-side at logout and after a day idle; a practice name, once picked, stays with its browser until
the teacher releases it, and the timer starts at the student's first login in the seat."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from grading.accounts import create_user
from grading.app import create_app
from grading.services.practice import create_practice_session
from grading.services.practice_seats import prepare_practice_seats
from sandbox import throttle
from sandbox.login_store import logins_db
from sandbox.seats import get_seat
from tests.grading.conftest import TEMPLATE_A, console_login, csrf_token

PASSWORD = "prof-motdepasse"


@pytest.fixture
def client(gdata):
    return create_app(gdata, TESTING=True).test_client()


@pytest.fixture
def delays(monkeypatch) -> list[float]:
    """The progressive delays the throttle asked for (recorded instead of waited)."""
    asked: list[float] = []
    monkeypatch.setattr(throttle, "sleep", asked.append)
    return asked


@pytest.fixture
def prof(gdata) -> dict:
    create_user(gdata, "prof", PASSWORD, "teacher", "M. Prof")
    return {"id": 1, "role": "teacher"}


def _inside(client) -> bool:
    return client.get("/console/entrainement/").status_code == 200


def _copy(gdata, client):
    other = create_app(gdata, TESTING=True).test_client()
    other.set_cookie("e5_session", client.get_cookie("e5_session").value)
    return other


def test_console_passwords_are_throttled_then_locked(client, prof, delays):
    for _ in range(throttle.ACCOUNT_LOCK_AFTER):
        assert "Identifiant ou mot de passe incorrect." in console_login(client, "prof", "devine").get_data(
            as_text=True)
    assert delays[throttle.FREE_FAILURES] > 0
    locked = console_login(client, "prof", PASSWORD)
    assert locked.status_code == 429 and locked.headers["Retry-After"]
    assert "Trop de tentatives de connexion échouées : réessayez dans 15 minutes." in locked.get_data(
        as_text=True)
    assert not _inside(client)


def test_class_code_guesses_are_throttled(gdata, client, prof, delays):
    session = create_practice_session(gdata, prof, "TP", [TEMPLATE_A], "Léa Roux")
    for n in range(throttle.ADDRESS_LOCK_AFTER):
        page = client.get("/entrainement/").get_data(as_text=True)
        client.post("/entrainement/", data={"csrf_token": csrf_token(page), "code": f"ZZZ{n:03d}"})
    page = client.get("/entrainement/").get_data(as_text=True)
    locked = client.post("/entrainement/", data={"csrf_token": csrf_token(page), "code": session.code})
    assert locked.status_code == 429 and "Trop de tentatives" in locked.get_data(as_text=True)
    assert client.get(f"/entrainement/{session.code}").status_code == 302  # nor by the address bar


def test_console_logout_ends_the_session_for_a_copied_cookie(gdata, client, prof):
    console_login(client, "prof", PASSWORD)
    copy = _copy(gdata, client)
    assert _inside(copy)
    page = client.get("/console/entrainement/").get_data(as_text=True)
    client.post("/console/deconnexion", data={"csrf_token": csrf_token(page)})
    assert not _inside(client)
    refused = copy.get("/console/entrainement/")
    assert refused.status_code == 302 and "/console/connexion" in refused.headers["Location"]
    token = csrf_token(copy.get("/console/connexion").get_data(as_text=True))
    saved = copy.post("/console/grilles/1/saisie", headers={"X-CSRFToken": token},
                      json={"field": "mark", "value": "20", "version": 1})
    assert saved.status_code == 302 and "/console/connexion" in saved.headers["Location"]  # nothing saved


def test_console_session_expires_after_a_day_idle_and_is_renewed_at_login(gdata, client, prof):
    console_login(client, "prof", PASSWORD)
    first = _copy(gdata, client)
    console_login(client, "prof", PASSWORD)  # a new login: the earlier session (and its copies) ends
    assert _inside(client) and not _inside(first)
    with logins_db(gdata) as conn:
        conn.execute("UPDATE login_session SET seen_at = seen_at - 25 * 3600")
    assert not _inside(client)
    assert create_app(gdata, TESTING=True).config["CONSOLE_IDLE_SECONDS"] == 24 * 3600


def _pick(client, code: str, student: str = "1"):
    page = client.get(f"/entrainement/{code}").get_data(as_text=True)
    return client.post(f"/entrainement/{code}", data={"csrf_token": csrf_token(page), "student": student})


def test_a_picked_name_stays_with_its_browser_until_the_teacher_releases_it(gdata, client, prof):
    session = create_practice_session(gdata, prof, "TP", [TEMPLATE_A],
                                      "Léa Roux\nHugo Garcia", duration_minutes=30)
    prepare_practice_seats(gdata, session.id)
    seat = get_seat(gdata, "e-1-1")
    assert seat.password in _pick(client, session.code).get_data(as_text=True)
    assert seat.password in _pick(client, session.code).get_data(as_text=True)  # the same browser again
    other = create_app(gdata, TESTING=True).test_client()
    taken = _pick(other, session.code).get_data(as_text=True)
    assert seat.password not in taken and "Ce nom a déjà été choisi depuis un autre navigateur" in taken
    assert get_seat(gdata, "e-1-1").deadline == ""  # picking a name does not start the timer

    teacher = create_app(gdata, TESTING=True).test_client()
    console_login(teacher, "prof", PASSWORD)
    view = teacher.get(f"/console/entrainement/{session.id}/classe").get_data(as_text=True)
    assert "Libérer<span class=\"visually-hidden\"> le nom de Léa Roux</span>" in view
    assert "le nom de Hugo Garcia" not in view  # not picked: nothing to release
    released = teacher.post(f"/console/entrainement/{session.id}/eleves/1/liberer",
                            data={"csrf_token": csrf_token(view)}, follow_redirects=True)
    assert "Le nom de Léa Roux est libéré" in released.get_data(as_text=True)
    assert seat.password in _pick(other, session.code).get_data(as_text=True)
    assert seat.password not in _pick(client, session.code).get_data(as_text=True)


def test_the_practice_timer_starts_at_the_first_login_in_the_seat(gdata, client, prof):
    session = create_practice_session(gdata, prof, "TP", [TEMPLATE_A],
                                      "Léa Roux", duration_minutes=30)
    prepare_practice_seats(gdata, session.id)
    seat = get_seat(gdata, "e-1-1")
    _pick(client, session.code)
    assert get_seat(gdata, seat.name).deadline == ""
    url = f"/s/{seat.name}/boutique/admin/login"
    page = client.get(url).get_data(as_text=True)
    before = datetime.now().replace(microsecond=0)
    client.post(url, data={"csrf_token": csrf_token(page), "email": seat.login, "password": seat.password})
    deadline = datetime.fromisoformat(get_seat(gdata, seat.name).deadline)
    assert before + timedelta(minutes=30) <= deadline <= datetime.now() + timedelta(minutes=30)


def test_the_practice_restart_password_is_throttled_too(gdata, client, prof, delays):
    session = create_practice_session(gdata, prof, "TP", [TEMPLATE_A], "Léa Roux")
    prepare_practice_seats(gdata, session.id)
    url = "/s/e-1-1/entrainement/recommencer"
    for _ in range(throttle.ACCOUNT_LOCK_AFTER):
        page = client.get(url).get_data(as_text=True)
        client.post(url, data={"csrf_token": csrf_token(page), "password": "faux", "confirm": "y"})
    page, right = client.get(url).get_data(as_text=True), get_seat(gdata, "e-1-1").password
    locked = client.post(url, data={"csrf_token": csrf_token(page), "password": right, "confirm": "y"})
    assert locked.status_code == 429 and "Trop de tentatives" in locked.get_data(as_text=True)
    assert not get_seat(gdata, "e-1-1").reset_at
