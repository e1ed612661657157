"""Practice pages over HTTP: a teacher creates and prepares a session, the class view, exports; students
join by class code and reset their own seat; examiners, other teachers and seat credentials stay out."""

from __future__ import annotations

import re

import pytest

from grading.accounts import create_user
from grading.app import create_app
from grading.services.practice import create_practice_session
from grading.services.practice_seats import prepare_practice_seats
from grading.services.slots import prepare_slot_seats
from sandbox.seats import get_seat
from tests.grading.conftest import TEMPLATE_A, console_login, csrf_token, make_slot, work_on_seat


@pytest.fixture
def client(gdata):
    return create_app(gdata, TESTING=True).test_client()


@pytest.fixture
def teacher(gdata, client):
    create_user(gdata, "prof", "prof-motdepasse", "teacher", "M. Prof")
    console_login(client, "prof", "prof-motdepasse")
    return client


def _post(client, url: str, fields: dict, page_url: str | None = None):
    page = client.get(page_url or url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_token(page), **fields})


def test_teacher_creates_prepares_follows_and_exports(teacher, gdata):
    bad = _post(teacher, "/console/entrainement/nouvelle",
                {"title": "TP", "subjects": [TEMPLATE_A], "students": "Léa Roux\nléa roux", "stuck": "5"})
    assert "Ligne 2 : « léa roux » figure déjà dans la liste." in bad.get_data(as_text=True)
    assert "léa roux</textarea>" in bad.get_data(as_text=True)  # what was typed is kept
    made = _post(teacher, "/console/entrainement/nouvelle",
                 {"title": "TP déclinaisons", "subjects": [TEMPLATE_A], "students": "Léa Roux\nHugo Garcia",
                  "stuck": "5", "show_observables": "y"})
    assert made.status_code == 302
    url = made.headers["Location"]
    page = teacher.get(url).get_data(as_text=True)
    code = re.search(r"data-class-code>([A-Z0-9]{6})<", page).group(1)
    assert _post(teacher, url.rstrip("/") + "/postes", {}, url).status_code == 302
    cards = teacher.get(url + "fiches-postes").get_data(as_text=True)
    assert "Léa Roux" in cards and get_seat(gdata, "e-1-1").password in cards and code in cards
    work_on_seat(gdata, "e-1-1")
    matrix = teacher.get(url + "classe").get_data(as_text=True)
    assert "Léa Roux" in matrix and "Hugo Garcia" in matrix and "Aucune activité" in matrix
    # Columns are named as the subject words them, accents included, never by internal ids.
    assert "Question 1 — Compléter la fiche du produit « Plaid Ardoise »" in matrix
    assert ">Renseigner le prix HT et vérifier le prix TTC<" in matrix and ">q1-prix<" not in matrix
    # Every practice page keeps the teacher's name and « Déconnexion » (no template variable hides it).
    for page_url in (url, url + "classe", url + "eleves/1/", "/console/entrainement/"):
        shown = teacher.get(page_url).get_data(as_text=True)
        assert "M. Prof" in shown and "Déconnexion" in shown, page_url
    student = teacher.get(url + "eleves/1/").get_data(as_text=True)
    assert "Chronologie complète (1 actions)" in student
    csv_body = teacher.get(url + "resultats.csv").get_data()
    assert csv_body.startswith("\ufeffÉlève;".encode()) and "Léa Roux".encode() in csv_body
    assert teacher.get(url + "eleves/1/retour.pdf").get_data().startswith(b"%PDF")
    assert teacher.get(url + "eleves/1/preuves/poste.sqlite").status_code == 200


def test_student_joins_by_code_and_resets_own_seat(gdata, client):
    create_user(gdata, "prof", "prof-motdepasse", "teacher", "M. Prof")
    teacher = {"id": 1, "role": "teacher"}
    session = create_practice_session(gdata, teacher, "TP", [TEMPLATE_A], "Léa Roux", show_observables=True)
    prepare_practice_seats(gdata, session.id)
    wrong = _post(client, "/entrainement/", {"code": "ZZZZZZ"})
    assert "Code inconnu" in wrong.get_data(as_text=True)
    assert _post(client, "/entrainement/", {"code": session.code.lower()}).headers["Location"].endswith(
        f"/entrainement/{session.code}")
    shown = _post(client, f"/entrainement/{session.code}", {"student": "1"}).get_data(as_text=True)
    seat = get_seat(gdata, "e-1-1")
    assert seat.password in shown and "/s/e-1-1/" in shown
    work_on_seat(gdata, "e-1-1")
    bad = _post(client, "/s/e-1-1/entrainement/recommencer", {"password": "faux", "confirm": "y"})
    assert "Mot de passe incorrect" in bad.get_data(as_text=True)
    done = _post(client, "/s/e-1-1/entrainement/recommencer", {"password": seat.password, "confirm": "y"})
    assert done.status_code == 302 and get_seat(gdata, "e-1-1").password == seat.password
    reset_at = get_seat(gdata, "e-1-1").reset_moment
    assert reset_at
    # The teacher's page for the student says when, in French (07/12/2026 04:16, not 2026-12-07 04:16).
    console_login(client, "prof", "prof-motdepasse")
    student = client.get(f"/console/entrainement/{session.id}/eleves/1/").get_data(as_text=True)
    assert f"(remis à zéro le {reset_at:%d/%m/%Y %H:%M})" in student


def test_access_teachers_examiners_and_seats_never_mix(gdata, client, exam, accounts):
    create_user(gdata, "prof", "prof-motdepasse", "teacher", "M. Prof")
    create_user(gdata, "autre", "autre-motdepasse", "teacher", "Mme Autre")
    session = create_practice_session(gdata, {"id": 4, "role": "teacher"}, "TP", [TEMPLATE_A], "Léa Roux")
    prepare_practice_seats(gdata, session.id)
    slot = make_slot(gdata, exam, accounts)
    prepare_slot_seats(gdata, slot.id)
    # An examiner opens no practice page; the practice seat is not in their seat list.
    console_login(client, *accounts["martin"][:2])
    assert client.get(f"/console/entrainement/{session.id}/classe").status_code == 403
    assert "e-1-1" not in client.get("/console/").get_data(as_text=True)
    assert client.get("/console/postes/e-1-1/flux").status_code == 403
    assert client.get(f"/console/postes/s{slot.id}-1/").status_code == 200
    # Another teacher does not open this session, nor an exam slot.
    client.post("/console/deconnexion", data={"csrf_token": csrf_token(client.get("/console/creneaux/")
                                                                      .get_data(as_text=True))})
    console_login(client, "autre", "autre-motdepasse")
    assert client.get(f"/console/entrainement/{session.id}/").status_code == 403
    assert client.get(f"/console/creneaux/{slot.id}/").status_code == 403
    assert client.get(f"/console/postes/s{slot.id}-1/").status_code == 403
    # An exam seat never offers « Recommencer ».
    assert client.get(f"/s/s{slot.id}-1/entrainement/recommencer").status_code == 404
    assert client.get("/s/e-1-1/entrainement/recommencer").status_code == 200
