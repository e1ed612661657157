"""The slot console: access, the page rendered from the databases, JSON saves with versions, signing,
timers, evidence links (Flask test client, CSRF on)."""

from __future__ import annotations

import re
from itertools import islice

import pytest

from grading.app import create_app
from grading.models import Slot
from grading.services import timers
from grading.services.evidence import archive_evidence
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from tests.grading.conftest import TEMPLATE_A, TEMPLATE_B, TEMPLATE_C, console_login, csrf_token, make_slot


@pytest.fixture
def client(gdata):
    return create_app(gdata, TESTING=True).test_client()


@pytest.fixture
def slot(gdata, exam, accounts):
    made = make_slot(gdata, exam, accounts, ("0101", "0102", "0103"), TEMPLATE_A)
    prepare_slot_seats(gdata, made.id)
    return made


def _ids(gdata, slot_id):
    with reading(gdata) as db:
        return [(p.id, p.sheet.id) for p in db.get(Slot, slot_id).seats]


def _token(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def _open(client, slot_id) -> str:
    response = client.get(f"/console/creneaux/{slot_id}/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _sign(client, token, sheet_id, **body):
    return client.post(f"/console/grilles/{sheet_id}/signature", json=body, headers={"X-CSRFToken": token})


def _save(client, token, sheet_id, **body):
    return client.post(f"/console/grilles/{sheet_id}/saisie", json=body, headers={"X-CSRFToken": token})


def test_only_the_slots_examiner_or_the_admin_opens_it(client, accounts, slot):
    assert client.get(f"/console/creneaux/{slot.id}/").status_code == 302
    console_login(client, *accounts["durand"][:2])
    response = client.get(f"/console/creneaux/{slot.id}/")
    assert response.status_code == 403
    assert "autre examinateur" in response.get_data(as_text=True)
    assert "Aucun créneau" in client.get("/console/creneaux/").get_data(as_text=True)
    token = csrf_token(client.get("/console/creneaux/").text)
    client.post("/console/deconnexion", data={"csrf_token": token})
    console_login(client, *accounts["admin"][:2])
    assert "Administration du créneau" in _open(client, slot.id)


def test_the_page_shows_three_candidates_with_timers_and_labelled_grids(client, accounts, slot):
    console_login(client, *accounts["martin"][:2])
    assert f"/console/creneaux/{slot.id}/" in client.get("/console/creneaux/").get_data(as_text=True)
    page = _open(client, slot.id)
    for name in ("PETIT Claire", "BERNARD Louis", "MOREAU Inès"):
        assert f">{name}</h2>" in page
        assert f"Raison de la pause — {name}" in page
    assert page.count("Temps restant — ") == 3 and page.count(">40:00<") == 3
    line = "Créer les déclinaisons du produit en adaptant les attributs et les valeurs"
    assert f"<legend>{line}</legend>" in page
    assert page.count('value="TS"') == 9  # three lines × three candidates
    assert 'Note<span class="visually-hidden"> — Renseigner le prix HT et vérifier le prix TTC' in page
    for label in ("Appréciation générale", "Note sur 20", "Nom de l'examinateur", "Je certifie", "Signer"):
        assert page.count(label) >= 3, label
    assert "Autres actions" in page and "Question 1 — Compléter la fiche" in page
    assert page.count("(PDF)") == 3


def test_levels_notes_and_mark_are_saved_with_their_versions(client, gdata, accounts, slot):
    console_login(client, *accounts["martin"][:2])
    token = _token(_open(client, slot.id))
    _, sheet = _ids(gdata, slot.id)[0]
    ok = _save(client, token, sheet, field="level", line="q1-prix", value="TS", version=0)
    assert ok.status_code == 200
    assert ok.json == {"ok": True, "value": "TS", "version": 1, "updated_by": "Mme Martin"}
    note = _save(client, token, sheet, field="note", line="q1-prix", value="Prix TTC juste", version=1)
    assert note.json["version"] == 2
    mark = _save(client, token, sheet, field="mark", value="14,50", version=0)
    assert mark.json["value"] == "14,5"
    bad = _save(client, token, sheet, field="mark", value="21", version=1)
    assert bad.status_code == 422 and "entre 0 et 20" in bad.json["message"]
    # The page rendered again (a reload, a second tab) shows what was saved.
    page = _open(client, slot.id)
    assert re.search(r'value="TS" checked', page)
    assert "Prix TTC juste</textarea>" in page and 'value="14,5"' in page


def test_a_stale_version_is_refused_with_the_saved_value(client, gdata, accounts, slot):
    console_login(client, *accounts["martin"][:2])
    token = _token(_open(client, slot.id))
    _, sheet = _ids(gdata, slot.id)[1]
    first = _save(client, token, sheet, field="level", line="q2-commande", value="S", version=0)
    assert first.status_code == 200
    stale = _save(client, token, sheet, field="level", line="q2-commande", value="TI", version=0)
    assert stale.status_code == 409
    assert stale.json["stale"] and stale.json["value"] == "S" and stale.json["version"] == 1
    assert stale.json["message"] == "Modifié dans un autre onglet : valeur actuelle rechargée"
    stale_mark = _save(client, token, sheet, field="appreciation", value="Bien", version=3)
    assert stale_mark.status_code == 409 and stale_mark.json["value"] == ""


def test_saves_need_the_csrf_token_and_the_slots_examiner(client, gdata, accounts, slot):
    _, sheet = _ids(gdata, slot.id)[0]
    console_login(client, *accounts["martin"][:2])
    token = _token(_open(client, slot.id))
    body = {"field": "mark", "value": "12", "version": 0}
    no_token = client.post(f"/console/grilles/{sheet}/saisie", json=body)
    assert no_token.status_code == 400
    client.post("/console/deconnexion", data={"csrf_token": token})
    console_login(client, *accounts["durand"][:2])
    token = csrf_token(client.get("/console/creneaux/").text)
    refused = _save(client, token, sheet, field="mark", value="12", version=0)
    assert refused.status_code == 403 and "autre examinateur" in refused.json["message"]


def test_signing_locks_the_grid_and_later_changes_need_a_reason(client, gdata, accounts, slot):
    console_login(client, *accounts["martin"][:2])
    token = _token(_open(client, slot.id))
    _, sheet = _ids(gdata, slot.id)[0]
    sign = _sign(client, token, sheet, name="Mme Martin", confirmation=True)
    assert sign.status_code == 422 and sign.json["field"] == "mark"
    _save(client, token, sheet, field="mark", value="12", version=0)
    unconfirmed = _sign(client, token, sheet, name="Mme Martin")
    assert unconfirmed.json["field"] == "confirmation"
    sign = _sign(client, token, sheet, name="Mme Martin", confirmation=True)
    assert sign.status_code == 200 and sign.json["grid"]["signed"]
    version = sign.json["grid"]["version"]
    refused = _save(client, token, sheet, field="mark", value="13", version=version)
    assert refused.status_code == 422 and refused.json["field"] == "reason"
    ok = _save(client, token, sheet, field="mark", value="13", version=version, reason="Erreur de report")
    assert ok.status_code == 200
    page = _open(client, slot.id)
    assert "Grille signée par Mme Martin" in page
    assert "Note sur 20 : « 12 » → « 13 » (raison : Erreur de report)" in page
    assert re.search(r'data-grid-body\s+disabled', page)


def test_timers_start_pause_with_a_reason_and_resume(client, gdata, accounts, slot):
    console_login(client, *accounts["martin"][:2])
    token = _token(_open(client, slot.id))
    headers = {"Accept": "application/json"}
    started = client.post(
        f"/console/creneaux/{slot.id}/chronometres", data={"csrf_token": token}, headers=headers
    )
    assert started.status_code == 200 and [t["state"] for t in started.json["timers"]] == ["running"] * 3
    place, _ = _ids(gdata, slot.id)[0]
    pause = f"/console/places/{place}/chronometre/pause"
    no_reason = client.post(pause, data={"csrf_token": token}, headers=headers)
    assert no_reason.status_code == 422 and no_reason.json["field"] == "reason"
    paused = client.post(pause, data={"csrf_token": token, "reason": "Panne du poste"}, headers=headers)
    assert paused.json["timers"][0]["state"] == "paused"
    page = _open(client, slot.id)
    assert "En pause — poste en lecture seule jusqu&#39;à la reprise. Raison : Panne du poste" in page
    resumed = client.post(f"/console/places/{place}/chronometre/reprendre", data={"csrf_token": token})
    assert resumed.status_code == 302  # without script: back to the console with a message
    assert "Chronomètre de PETIT Claire relancé." in client.get(resumed.location).get_data(as_text=True)


def test_evidence_is_linked_once_archived(client, gdata, accounts, slot):
    place, _ = _ids(gdata, slot.id)[0]
    timers.start(gdata, place, "Mme Martin")
    timers.end(gdata, place, "Mme Martin")
    evidence = archive_evidence(gdata, place)
    console_login(client, *accounts["martin"][:2])
    page = _open(client, slot.id)
    url = f"/console/preuves/{evidence.id}/grille.json"
    assert url in page
    assert client.get(url).status_code == 200
    assert client.get(f"/console/preuves/{evidence.id}/autre.txt").status_code == 404


def test_a_levels_grid_shows_its_descriptors(client, gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0104",), TEMPLATE_B, at="15:00")
    console_login(client, *accounts["martin"][:2])
    page = _open(client, slot.id)
    assert "Niveau 1 — Non réalisée" in page and "Niveau 4 — Commentaires traités avec réponse" in page
    assert "ne sont pas encore préparés" in page


def test_an_evaluation_sheet_has_only_the_appreciation_and_the_mark(client, gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0105",), TEMPLATE_C, at="16:00")
    console_login(client, *accounts["martin"][:2])
    page = _open(client, slot.id)
    assert 'type="radio"' not in page
    assert "Appréciation générale" in page and "Note sur 20" in page and "Signer la grille" in page


def test_the_stream_says_when_a_seat_has_no_observables(gdata, slot):
    from grading.console.slot_stream import slot_stream

    with reading(gdata) as db:
        places = [(p.id, p.seat_name) for p in db.get(Slot, slot.id).seats]
    with create_app(gdata, TESTING=True).test_request_context():
        # The first nine messages (a state per seat), however long the first pass takes on a loaded machine.
        events = (t for t in slot_stream(gdata, slot.id, places, {}, stop_after=30) if t.startswith("event"))
        texts = list(islice(events, 9))
    kinds = [t.split("\n", 1)[0] for t in texts]
    assert sorted(kinds) == ["event: grid"] * 3 + ["event: observations"] * 3 + ["event: timer"] * 3
    assert all('"none": true' in t for t in texts if t.startswith("event: observations"))
