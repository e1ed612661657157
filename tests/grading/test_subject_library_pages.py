"""The subject library page: administrator and teachers only, CSRF on, upload errors next to the field."""

from __future__ import annotations

import io

import pytest

from grading.accounts import create_user
from grading.app import create_app
from tests.grading.conftest import console_login, csrf_token


@pytest.fixture
def client(gdata):
    return create_app(gdata, TESTING=True).test_client()


def test_library_is_for_the_administrator_and_teachers(client, gdata, accounts):
    assert client.get("/console/sujets/").status_code == 302
    console_login(client, *accounts["martin"][:2])
    assert client.get("/console/sujets/").status_code == 403
    assert "Bibliothèque des sujets" not in client.get("/console/").get_data(as_text=True)
    create_user(gdata, "dupont", "dupont-motdepasse", "teacher", "M. Dupont")
    teacher = create_app(gdata, TESTING=True).test_client()
    console_login(teacher, "dupont", "dupont-motdepasse")
    page = teacher.get("/console/sujets/").get_data(as_text=True)
    assert "Sujets disponibles" in page and "ln-boutique-a" in page and "Fourni avec E5 Sandbox" in page


def test_upload_refuses_a_non_archive_and_a_missing_token(client, accounts):
    console_login(client, *accounts["admin"][:2])
    page = client.get("/console/sujets/").get_data(as_text=True)
    assert 'for="archive"' in page and 'for="subject"' in page and 'for="day"' in page
    no_token = client.post("/console/sujets/deposer", data={"archive": (io.BytesIO(b"x"), "s.zip")})
    assert no_token.status_code == 400
    response = client.post(
        "/console/sujets/deposer",
        data={"csrf_token": csrf_token(page), "archive": (io.BytesIO(b"bonjour"), "sujet.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "« sujet.docx » n&#39;est pas une archive .zip ou .tar.gz" in response.get_data(as_text=True)


def test_an_archive_over_the_upload_limit_gets_a_french_error(gdata, accounts):
    client = create_app(gdata, TESTING=True, MAX_CONTENT_LENGTH=1024 * 1024).test_client()
    console_login(client, *accounts["admin"][:2])
    page = client.get("/console/sujets/").get_data(as_text=True)
    response = client.post(
        "/console/sujets/deposer",
        data={"csrf_token": csrf_token(page), "archive": (io.BytesIO(b"0" * (2 * 1024 * 1024)), "gros.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "Archive trop volumineuse : 1 Mo au plus." in response.get_data(as_text=True)


def test_the_date_to_prepare_for_is_the_next_session_day(client, gdata, accounts):
    import re
    from datetime import date, timedelta

    from grading.services.sessions import create_session

    console_login(client, *accounts["admin"][:2])
    empty = client.get("/console/sujets/").get_data(as_text=True)
    assert re.search(r'<input[^>]*id="day"[^>]*>', empty) and 'value="20' not in empty  # no session: blank
    today = date.today()
    create_session(gdata, today - timedelta(days=30), "Lycée Jean Moulin", "Lyon", "", "admin")  # past
    create_session(gdata, today + timedelta(days=90), "Lycée Jean Moulin", "Lyon", "", "admin")
    create_session(gdata, today + timedelta(days=10), "Lycée Jean Moulin", "Lyon", "", "admin")  # the next
    page = client.get("/console/sujets/").get_data(as_text=True)
    field = re.search(r'<input[^>]*id="day"[^>]*>', page).group(0)
    assert f'value="{today + timedelta(days=10):%Y-%m-%d}"' in field
