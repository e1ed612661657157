"""Seat back-office logins go back only to a page of the same seat (never another seat or site), and say
that a logout happened — for both back offices (found by mutation testing: scripts/mutation.sh logins)."""

from __future__ import annotations

import re

import pytest

from grading.app import create_app
from sandbox.seats import create_seat
from tests.conftest import copy_data, drop_data
from tests.integration.shop_admin_helpers import csrf_token, text

# door: (back office base, name field, the seat's name for it, index after login, a page behind the login)
DOORS = {
    "boutique": ("/s/{seat}/boutique/admin", "email", "login", "/", "/produits"),
    "site": ("/s/{seat}/site/admin", "login", "site_login", "/", "/articles"),
}


@pytest.fixture(scope="module")
def shared(installed_data, tmp_path_factory):
    """One seat and app for the whole file: every test logs in with the right password from its own client
    (nothing throttled, nothing kept between tests but the seat), and a mutation run of the login view pays
    one seat instead of eight."""
    data = copy_data(installed_data, tmp_path_factory.mktemp("login-redirects") / "data")
    yield create_seat(data, "poste-a"), create_app(data, TESTING=True)
    drop_data(data)


@pytest.fixture
def seat(shared):
    return shared[0]


@pytest.fixture
def client(shared):
    """A client of its own (no cookie, no login) on the shared app."""
    return shared[1].test_client()


def _login(client, seat, door: str, next_page: str):
    base, field, name, _index, _page = DOORS[door]
    base = base.format(seat=seat.name)
    page = client.get(f"{base}/login").get_data(as_text=True)
    return client.post(f"{base}/login", data={"csrf_token": csrf_token(page), field: getattr(seat, name),
                                              "password": seat.password, "next": next_page})


@pytest.mark.parametrize("door", DOORS)
def test_the_login_goes_back_to_a_page_of_this_seat_only(client, seat, door):
    base = DOORS[door][0].format(seat=seat.name)
    wanted = f"{base}{DOORS[door][4]}"
    assert _login(client, seat, door, wanted).headers["Location"] == wanted
    # Already logged in: the login page sends a safe « next » straight on, an unsafe one to the index.
    assert client.get(f"{base}/login?next={wanted}").headers["Location"] == wanted
    for unsafe in ("https://exemple.fr/piege", f"/s/autre-poste{DOORS[door][4]}",
                   f"/s/{seat.name}//exemple.fr/piege", f"/s/{seat.name}/\\exemple.fr"):
        assert client.get(f"{base}/login", query_string={"next": unsafe}).headers["Location"] == f"{base}/"


@pytest.mark.parametrize("door", DOORS)
def test_an_unsafe_next_after_the_login_form_lands_on_the_index(client, seat, door):
    base = DOORS[door][0].format(seat=seat.name)
    assert _login(client, seat, door, "//exemple.fr/piege").headers["Location"] == f"{base}/"


@pytest.mark.parametrize("door", DOORS)
def test_logout_lands_on_the_login_page_saying_so(client, seat, door):
    base = DOORS[door][0].format(seat=seat.name)
    _login(client, seat, door, "")
    page = client.get(f"{base}{DOORS[door][4]}").get_data(as_text=True)
    response = client.post(f"{base}/logout", data={"csrf_token": csrf_token(page)}, follow_redirects=True)
    assert response.request.path == f"{base}/login"
    assert "Vous êtes déconnecté(e)." in text(response.get_data(as_text=True))
    # The whole message, shown as information (not as an error) to assistive technologies too.
    assert re.search(r'<div class="alert alert--info" role="status">\s*Vous êtes déconnecté\(e\)\.\s*</div>',
                     response.get_data(as_text=True))


@pytest.mark.parametrize("door", DOORS)
def test_the_login_page_keeps_the_page_asked_for_and_goes_there_after_login(client, seat, door):
    base, field, name, _index, page_behind = DOORS[door]
    base = base.format(seat=seat.name)
    page = client.get(f"{base}/login", query_string={"next": f"{base}{page_behind}"}).get_data(as_text=True)
    kept = re.search(r'name="next"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="next"', page)
    kept = kept and (kept.group(1) or kept.group(2))
    assert kept == f"{base}{page_behind}"  # the form's hidden « next », posted back as typed
    answer = client.post(f"{base}/login", data={"csrf_token": csrf_token(page), field: getattr(seat, name),
                                                "password": seat.password, "next": kept})
    assert answer.headers["Location"] == f"{base}{page_behind}"


@pytest.mark.parametrize(("door", "refusal"), [("boutique", "Adresse e-mail ou mot de passe incorrect."),
                                                ("site", "Identifiant ou mot de passe incorrect.")])
def test_a_wrong_password_stays_on_the_login_page_saying_so(client, seat, door, refusal):
    base, field, name, _index, _page = DOORS[door]
    base = base.format(seat=seat.name)
    page = client.get(f"{base}/login").get_data(as_text=True)
    kept = re.search(r'name="next"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="next"', page)
    assert kept and not (kept.group(1) or kept.group(2))  # no page asked for: none kept
    answer = client.post(f"{base}/login", data={"csrf_token": csrf_token(page), field: getattr(seat, name),
                                                "password": "pas-le-bon", "next": ""})
    assert answer.status_code == 200 and refusal in text(answer.get_data(as_text=True))
    assert f'value="{getattr(seat, name)}"' in answer.get_data(as_text=True)  # the name typed, kept
