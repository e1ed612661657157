"""Absurd requests to the console: a French message, nothing saved, no 500."""

from __future__ import annotations

import re
from html import unescape

import pytest

from grading.app import create_app
from grading.models import GridSheet, Slot
from grading.services.sessions import list_sessions
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from tests.grading.conftest import TEMPLATE_A, console_login, csrf_token, make_slot


@pytest.fixture
def client(gdata):
    return create_app(gdata, TESTING=True).test_client()


@pytest.mark.parametrize("body", ["[1, 2, 3]", '"niveau"', "42", "null", "{mal formé"])
def test_a_grid_save_that_is_not_an_object_is_refused(client, gdata, exam, accounts, body):
    slot = make_slot(gdata, exam, accounts, ("0101",), TEMPLATE_A)
    prepare_slot_seats(gdata, slot.id)
    with reading(gdata) as db:
        sheet = db.get(Slot, slot.id).seats[0].sheet
        sheet_id, version = sheet.id, sheet.version
    console_login(client, *accounts["martin"][:2])
    page = client.get(f"/console/creneaux/{slot.id}/").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    for url in (f"/console/grilles/{sheet_id}/saisie", f"/console/grilles/{sheet_id}/signature"):
        headers = {"X-CSRFToken": token}
        response = client.post(url, data=body, content_type="application/json", headers=headers)
        assert response.status_code == 400, url
        assert response.json["ok"] is False and "Saisie incomprise" in response.json["message"]
    with reading(gdata) as db:
        sheet = db.get(GridSheet, sheet_id)
        assert sheet.version == version and sheet.signed_at is None


def test_a_grid_save_without_csrf_token_gets_a_french_json_message(client, gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0101",), TEMPLATE_A)
    prepare_slot_seats(gdata, slot.id)
    with reading(gdata) as db:
        sheet_id = db.get(Slot, slot.id).seats[0].sheet.id
    console_login(client, *accounts["martin"][:2])
    body = {"field": "mark", "value": "12", "version": 0}
    response = client.post(f"/console/grilles/{sheet_id}/saisie", json=body)
    assert response.status_code == 400 and response.json["ok"] is False
    assert "Le formulaire a expiré" in response.json["message"]


def test_a_session_dated_year_one_is_refused(client, gdata, accounts):
    console_login(client, *accounts["admin"][:2])
    url = "/console/admin/sessions"
    token = csrf_token(client.get(url).get_data(as_text=True))
    with reading(gdata) as db:
        before = len(list_sessions(db))
    fields = {"date": "0001-01-01", "centre_name": "Lycée Jean Moulin", "academie": "Lyon", "commissions": ""}
    response = client.post(url, data={"csrf_token": token, **fields})
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 200 and "Indiquez une date entre 1900 et 2100" in page
    assert 'value="0001-01-01"' in page
    with reading(gdata) as db:
        assert len(list_sessions(db)) == before
