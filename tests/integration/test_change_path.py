"""The back-office change path (a customer's private note saved, then the page it redirects to): what
one change costs in SQL, and that what is kept across requests to save it (the settings, the logged-in
employee) still follows writes made elsewhere (another session, as another server process would)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, event, update

from grading.app import create_app
from sandbox.db.storage import storage_for
from sandbox.models import Employee, Setting
from sandbox.seats import create_seat, remove_seat
from tests.conftest import copy_data, drop_data
from tests.integration.shop_admin_helpers import csrf_token, login, seat_db

CUSTOMER = 1


@pytest.fixture(scope="module")
def shop(installed_data, tmp_path_factory):
    """A seat, the app and a client logged into the seat's shop back office."""
    data = copy_data(installed_data, tmp_path_factory.mktemp("change-path") / "data")
    seat = create_seat(data, "poste-a")
    client = create_app(data, TESTING=True).test_client()
    assert login(client, seat).status_code == 302
    yield data, seat, client
    drop_data(data)


def _page(client, seat):
    return f"/s/{seat.name}/boutique/admin/clients/{CUSTOMER}"


def _save_note(client, seat, note: str):
    """Save the note as the form does; the page the browser is sent to."""
    token = csrf_token(client.get(_page(client, seat)).get_data(as_text=True))
    answer = client.post(f"{_page(client, seat)}/note", data={"csrf_token": token, "note": note})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
    return client.get(answer.headers["Location"])


def test_a_change_and_its_page_cost_few_queries(shop):
    data, seat, client = shop
    _save_note(client, seat, "Préfère être appelée le matin.")  # warm: templates, memo
    token = csrf_token(client.get(_page(client, seat)).get_data(as_text=True))
    statements: list[str] = []

    def sent(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", sent)
    try:
        answer = client.post(f"{_page(client, seat)}/note",
                             data={"csrf_token": token, "note": "Rappeler jeudi."})
        page = client.get(answer.headers["Location"])
    finally:
        event.remove(Engine, "before_cursor_execute", sent)
    assert "Rappeler jeudi." in page.get_data(as_text=True)
    if storage_for(data).written_marks("seats", seat.name) is not None:
        # PostgreSQL says which tables a commit wrote: the settings and the employee, unwritten, are
        # not read again (customer ×2, UPDATE, activity INSERT, NOTIFY, orders).
        assert not [s for s in statements if "FROM setting" in s or "FROM employee" in s], statements
        assert len(statements) <= 6, statements
    else:  # SQLite: any commit changes the data version, the settings and the employee are read again
        assert len(statements) <= 8, statements


def test_a_setting_changed_elsewhere_shows_on_the_next_page(shop):
    data, seat, client = shop
    client.get(_page(client, seat))  # the settings kept
    with seat_db(data, seat.name) as db:
        db.execute(update(Setting).where(Setting.key == "shop.name").values(value="Lin & Nature Outlet"))
        db.commit()
    html = _save_note(client, seat, "Note après le changement de nom.").get_data(as_text=True)
    assert 'class="admin-top__brand"' in html and "Lin &amp; Nature Outlet</a>" in html


def test_an_employee_renamed_then_deactivated_elsewhere_is_followed(shop):
    data, seat, client = shop
    client.get(_page(client, seat))  # the employee kept
    with seat_db(data, seat.name) as db:
        db.execute(update(Employee).values(first_name="Camille-Renommée"))
        db.commit()
    assert 'Camille-Renommée' in client.get(_page(client, seat)).get_data(as_text=True)
    with seat_db(data, seat.name) as db:
        db.execute(update(Employee).values(active=False))
        db.commit()
    answer = client.get(_page(client, seat))
    assert answer.status_code == 302 and "/boutique/admin/login" in answer.headers["Location"]


def test_a_seat_deleted_then_made_again_shows_its_own_settings(shop):
    data, _seat, _client = shop
    seat = create_seat(data, "poste-z")
    with seat_db(data, seat.name) as db:
        db.execute(update(Setting).where(Setting.key == "shop.name").values(value="Boutique d'avant"))
        db.commit()
    client = create_app(data, TESTING=True).test_client()
    assert login(client, seat).status_code == 302
    assert "Boutique d&#39;avant</a>" in client.get(_page(client, seat)).get_data(as_text=True)
    remove_seat(data, seat.name)
    seat = create_seat(data, "poste-z")  # the context's settings again, under the same name
    assert login(client, seat).status_code == 302
    html = client.get(_page(client, seat)).get_data(as_text=True)
    assert 'class="admin-top__brand"' in html and "Boutique d&#39;avant" not in html
