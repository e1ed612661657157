"""« Nouvelle séance d'entraînement »: every refusal at once, each beside its field, typed values kept."""

from __future__ import annotations

import re

from grading.accounts import create_user
from grading.app import create_app
from tests.grading.conftest import TEMPLATE_A, console_login, csrf_token


def test_no_subject_and_a_negative_duration_show_both_errors(gdata):
    teacher = create_app(gdata, TESTING=True).test_client()
    create_user(gdata, "prof", "prof-motdepasse", "teacher", "M. Prof")
    console_login(teacher, "prof", "prof-motdepasse")
    page = teacher.get("/console/entrainement/nouvelle").get_data(as_text=True)
    assert TEMPLATE_A in page
    answer = teacher.post("/console/entrainement/nouvelle", data={
        "csrf_token": csrf_token(page), "title": "TP déclinaisons", "students": "Léa Roux\nléa roux",
        "duration": "-5", "stuck": "5"})
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert re.search(r'<fieldset class="field field--error">.*?Choisissez au moins un sujet\.', html, re.S)
    duration = '<p class="error" id="duration-err" role="alert">La durée doit être comprise entre 1 et 240'
    assert duration in html
    assert re.search(r'id="students-err" role="alert">[^<]*« léa roux » figure déjà dans la liste', html)
    assert 'value="TP déclinaisons"' in html and 'value="-5"' in html  # what was typed is kept
