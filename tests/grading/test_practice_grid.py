"""The teacher's formative grid on a practice student's page: the exam grid services and save endpoint,
written by the session's teacher only, never signed, and exam sheets untouched."""

from __future__ import annotations

import re

import pytest

from grading.accounts import create_user
from grading.app import create_app
from grading.models import GridSheet
from grading.services.practice import create_practice_session, get_practice_session
from grading.services.practice_results import teacher_grid
from grading.services.practice_seats import prepare_practice_seats
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from tests.grading.conftest import TEMPLATE_A, console_login, csrf_token, make_slot

PAGE = "/console/entrainement/{session}/eleves/1/"


@pytest.fixture
def client(gdata):
    return create_app(gdata, TESTING=True).test_client()


@pytest.fixture
def practice(gdata):
    create_user(gdata, "prof", "prof-motdepasse", "teacher", "M. Prof")
    create_user(gdata, "autre", "autre-motdepasse", "teacher", "Mme Autre")
    with reading(gdata) as db:
        from grading.accounts import find_user
        teacher = find_user(db, "prof")
    session = create_practice_session(gdata, {"id": teacher.id, "role": "teacher"}, "TP", [TEMPLATE_A],
                                      "Léa Roux")
    prepare_practice_seats(gdata, session.id)
    return session


def _grid(page: str) -> tuple[str, str, str, str]:
    """The page's save URL, CSRF token, first line id and its version."""
    save = re.search(r'data-save="([^"]+)"', page).group(1)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    line = re.search(r'data-line="([^"]+)" data-version="(\d+)"', page)
    return save, token, line.group(1), line.group(2)


def _save(client, save, token, **payload):
    return client.post(save, json=payload, headers={"X-CSRFToken": token, "Accept": "application/json"})


def test_teacher_fills_the_grid_others_are_refused_exam_untouched(gdata, client, practice, exam, accounts):
    slot = make_slot(gdata, exam, accounts)
    prepare_slot_seats(gdata, slot.id)
    console_login(client, "prof", "prof-motdepasse")
    page = client.get(PAGE.format(session=practice.id)).get_data(as_text=True)
    assert "Grille d'évaluation" in page and "Signer la grille" not in page
    assert "Chronomètre" not in page
    save, token, line, version = _grid(page)
    level = _save(client, save, token, field="level", line=line, value="S", version=int(version))
    assert level.status_code == 200 and level.get_json()["ok"]
    note = _save(client, save, token, field="note", line=line, value="Fiche produit soignée",
                 version=level.get_json()["version"])
    assert note.status_code == 200
    sheet_id = int(re.search(r"/grilles/(\d+)/", save).group(1))
    signed = client.post(save.replace("saisie", "signature"), json={"name": "M. Prof", "confirmation": True},
                         headers={"X-CSRFToken": token, "Accept": "application/json"})
    assert signed.status_code == 422
    again = client.get(PAGE.format(session=practice.id)).get_data(as_text=True)
    assert re.search(rf'name="level-{sheet_id}-{line}" value="S" checked', again)
    assert "Fiche produit soignée</textarea>" in again
    assert client.get(PAGE.format(session=practice.id) + "retour.pdf").get_data().startswith(b"%PDF")
    with reading(gdata) as db:
        found = get_practice_session(db, practice.id)
        assert teacher_grid(gdata, found.students[0])["lines"][line] == ("S", "Fiche produit soignée")
    # Another teacher, and the examiner, are refused the practice grid.
    client.post("/console/deconnexion", data={"csrf_token": token})
    console_login(client, "autre", "autre-motdepasse")
    token = _token(client, "/console/entrainement/nouvelle")
    assert _save(client, save, token, field="level", line=line, value="TI", version=2).status_code == 403
    client.post("/console/deconnexion", data={"csrf_token": token})
    console_login(client, *accounts["martin"][:2])
    token = _token(client, "/console/creneaux/")
    assert _save(client, save, token, field="level", line=line, value="TI", version=2).status_code == 403
    # The exam sheets are untouched and the examiner still writes them.
    with reading(gdata) as db:
        exam_sheets = [s for s in db.query(GridSheet).all() if s.slot_seat_id is not None]
        assert len(exam_sheets) == 2
        assert all(e.level == "" and e.note == "" for s in exam_sheets for e in s.entries)
        assert all(s.practice_seat_id is None for s in exam_sheets)
        practice_sheet = db.get(GridSheet, sheet_id)
        assert practice_sheet.slot_seat_id is None and practice_sheet.entries[0].level in ("S", "")
    console = client.get(f"/console/creneaux/{slot.id}/").get_data(as_text=True)
    exam_save, exam_token, exam_line, exam_version = _grid(console)
    assert _save(client, exam_save, exam_token, field="level", line=exam_line, value="TS",
                 version=int(exam_version)).status_code == 200


def _token(client, url: str) -> str:
    """A CSRF token of the logged-in console session, read from a page with a form."""
    return csrf_token(client.get(url).get_data(as_text=True))
