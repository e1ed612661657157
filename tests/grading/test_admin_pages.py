"""Administration pages: admin only, CSRF on, French forms with errors next to fields, printable sheets."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from grading.app import create_app
from grading.services import grids
from grading.services.accommodations import set_accommodation
from grading.services.sessions import session_candidates
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from sandbox.base_url import save_base_url
from sandbox.seats import get_seat
from tests.grading.conftest import (
    GRIDS,
    TEMPLATE_A,
    _pack,
    _template,
    candidate_ids,
    console_login,
    csrf_token,
    make_slot,
)


@pytest.fixture
def client(gdata):
    return create_app(gdata, TESTING=True).test_client()


@pytest.fixture
def admin(client, accounts):
    console_login(client, *accounts["admin"][:2])
    return client


def _post(client, url: str, fields: dict, page: str | None = None):
    page = page if page is not None else client.get(url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_token(page), **fields})


def test_admin_pages_need_an_admin_account(client, accounts, exam):
    assert client.get("/console/admin/").status_code == 302
    console_login(client, *accounts["martin"][:2])
    response = client.get("/console/admin/sessions")
    assert response.status_code == 403
    assert "réservée à l&#39;administrateur du centre" in response.get_data(as_text=True)


def test_seat_credentials_never_open_admin_pages(client, gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0101",))
    seat = get_seat(gdata, prepare_slot_seats(gdata, slot.id)[0].seat_name)
    page = console_login(client, seat.login, seat.password).get_data(as_text=True)
    assert "Identifiant ou mot de passe incorrect." in page
    login_url = f"/s/{seat.name}/boutique/admin/login"
    response = _post(client, login_url, {"email": seat.login, "password": seat.password})
    assert response.status_code == 302  # logged into the seat's back office…
    response = client.get("/console/admin/")
    assert response.status_code == 302 and "/console/connexion" in response.location  # …not into the centre


def test_a_post_without_csrf_token_is_refused(admin, gdata):
    response = admin.post(
        "/console/admin/sessions", data={"date": "2027-05-20", "centre_name": "Lycée", "academie": "Lyon"}
    )
    assert response.status_code == 400
    with reading(gdata) as db:
        from grading.services.sessions import list_sessions

        assert list_sessions(db) == []


def test_create_an_examiner_and_a_session(admin, gdata):
    response = _post(
        admin,
        "/console/admin/examinateurs",
        {"display_name": "Mme Leroy", "username": "Leroy !", "password": "court"},
    )
    page = response.get_data(as_text=True)
    assert "Identifiant invalide" in page and 'value="Mme Leroy"' in page
    response = _post(
        admin,
        "/console/admin/examinateurs",
        {"display_name": "Mme Leroy", "username": "leroy", "password": "examen-2027"},
    )
    assert response.status_code == 302
    assert "Mme Leroy" in admin.get("/console/admin/examinateurs").get_data(as_text=True)

    response = _post(
        admin,
        "/console/admin/sessions",
        {"date": "2027-05-20", "centre_name": "", "academie": "Lyon", "commissions": "NDRC-1"},
    )
    page = response.get_data(as_text=True)
    assert "Indiquez le nom du centre." in page and 'value="NDRC-1"' in page
    response = _post(
        admin,
        "/console/admin/sessions",
        {
            "date": "2027-05-20",
            "centre_name": "Lycée Jean Moulin",
            "academie": "Lyon",
            "commissions": "NDRC-1",
        },
    )
    assert response.status_code == 302
    assert "Session du 20/05/2027" in admin.get(response.location).get_data(as_text=True)


def test_candidates_import_preview_then_confirm(admin, gdata, exam):
    url = f"/console/admin/sessions/{exam.id}/candidats"
    bad = "numéro;nom;prénom\n0201;Lefèvre;Zoé\n;Martin;Paul\n".encode("cp1252")
    page = admin.get(url).get_data(as_text=True)
    response = admin.post(
        url,
        data={"csrf_token": csrf_token(page), "file": (io.BytesIO(bad), "candidats.csv")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert "ligne 3 : numéro de candidat manquant" in page and "Lefèvre" in page
    assert "Importer ces" not in page  # no confirm button while there are errors
    response = _post(admin, url, {"content": "0201;Lefèvre;Zoé\n0202;Martin;Paul\n"})
    page = response.get_data(as_text=True)
    assert "Importer ces 2 candidats" in page
    content = re.search(r'id="content" name="content" type="hidden" value="([^"]*)"', page).group(1)
    response = admin.post(
        f"/console/admin/sessions/{exam.id}/candidats/confirmer",
        data={"csrf_token": csrf_token(page), "content": content.replace("&#10;", "\n")},
    )
    assert response.status_code == 302
    with reading(gdata) as db:
        assert {c.number for c in session_candidates(db, exam.id)} >= {"0201", "0202"}


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)), "classeur Excel"),
        (b"\x00\x01\x02binary\x00data\xff\xfe" * 20, ""),
    ],
)
def test_a_candidates_file_that_is_not_text_gets_a_french_error(admin, gdata, exam, body, kind):
    url = f"/console/admin/sessions/{exam.id}/candidats"
    page = admin.get(url).get_data(as_text=True)
    response = admin.post(
        url,
        data={"csrf_token": csrf_token(page), "file": (io.BytesIO(body), "candidats.xlsx")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="file-err"' in page and "n&#39;est pas un fichier texte CSV" in page and kind in page
    assert "CSV (séparateur : point-virgule)" in page
    with reading(gdata) as db:
        assert len(session_candidates(db, exam.id)) == 5  # nothing imported


def test_slot_form_refuses_a_fourth_candidate_next_to_the_field(admin, gdata, exam, accounts):
    ids = candidate_ids(gdata, exam.id)
    set_accommodation(gdata, ids["0102"], "+20")
    url = f"/console/admin/sessions/{exam.id}/creneaux/nouveau"
    page = admin.get(url).get_data(as_text=True)
    assert "(n° 0102) — aménagement : +20</label>" in page  # who needs more time, when composing the slot
    assert "Sujet A — Lancement de la gamme Été (A) — E5B-2027-LN-A — 20/05/2027" in page
    fields = {
        "time": "14:00",
        "examiner": str(accounts["martin"][2].id),
        "template": TEMPLATE_A,
        "duration": "40",
        "commission": "NDRC-12",
        "candidates": [str(ids[n]) for n in ("0101", "0102", "0103", "0104")],
    }
    response = _post(admin, url, fields, page)
    page = response.get_data(as_text=True)
    assert re.search(r'id="candidates-err" role="alert">Un examinateur évalue au plus 3 candidats', page)
    assert 'value="14:00"' in page and f'<option selected value="{TEMPLATE_A}">' in page
    assert '<input checked id="candidates-3" name="candidates" type="checkbox"' in page
    fields["candidates"] = fields["candidates"][:3]
    response = _post(admin, url, fields, page)
    assert response.status_code == 302
    slot_page = admin.get(response.location).get_data(as_text=True)
    assert "Préparer les postes" in slot_page and "PETIT Claire" in slot_page


def _text(html: str) -> str:
    """The page as read: tags removed."""
    return re.sub(r"<[^>]+>", "", html)


def test_prepare_print_cards_and_examiner_sheet(admin, gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0101", "0102"))
    set_accommodation(gdata, candidate_ids(gdata, exam.id)["0101"], "tiers-temps")
    page = admin.get(f"/console/admin/creneaux/{slot.id}/").get_data(as_text=True)
    response = _post(admin, f"/console/admin/creneaux/{slot.id}/preparer", {}, page)
    assert response.status_code == 302
    seat = get_seat(gdata, f"s{slot.id}-1")
    # No address configured yet: the default one, a loopback address, with the warning (never the Host).
    cards = admin.get(f"/console/admin/creneaux/{slot.id}/fiches-postes").get_data(as_text=True)
    # Addresses are printed in unbreakable pieces (spans): read them as text.
    assert f"http://127.0.0.1:8000/s/s{slot.id}-1/" in _text(cards) and "Adresse à vérifier" in cards
    assert "http://localhost" not in cards
    save_base_url(gdata, "http://192.168.1.10:8000/")
    cards = admin.get(f"/console/admin/creneaux/{slot.id}/fiches-postes").get_data(as_text=True)
    assert cards.count('class="seat-card-print"') == 2 and "Adresse à vérifier" not in cards
    assert f"http://192.168.1.10:8000/s/s{slot.id}-1/" in _text(cards)
    assert seat.password in cards and seat.login in cards
    assert cards.count("aménagement : tiers-temps (+13 min 20 s)") == 1  # the candidate knows their time
    sheet = admin.get(f"/console/admin/creneaux/{slot.id}/fiche-examinateur").get_data(as_text=True)
    assert "Mme Martin" in sheet and "E5B-2027-LN-A" in sheet and f"s{slot.id}-2" in sheet
    console = f"http://192.168.1.10:8000/console/creneaux/{slot.id}/ — identifiant : martin"
    assert f"Console du créneau{console}" in _text(sheet)
    assert "http" not in re.sub(r"http://192.168.1.10:8000/(s|console)/", "", _text(sheet))


def test_an_examiner_sees_only_their_own_slot(client, gdata, exam, accounts):
    mine = make_slot(gdata, exam, accounts, ("0101",), examiner="martin")
    other = make_slot(gdata, exam, accounts, ("0102",), examiner="durand")
    console_login(client, *accounts["martin"][:2])
    assert client.get(f"/console/admin/creneaux/{mine.id}/").status_code == 200
    assert client.get(f"/console/admin/creneaux/{mine.id}/fiche-examinateur").status_code == 200
    for url in (
        f"/console/admin/creneaux/{other.id}/",
        f"/console/admin/creneaux/{other.id}/fiche-examinateur",
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "un autre examinateur" in response.get_data(as_text=True)
    with reading(gdata) as db:
        from grading.models import Slot

        other_sheet = db.get(Slot, other.id).seats[0].sheet.id
        my_sheet = db.get(Slot, mine.id).seats[0].sheet.id
    assert client.get(f"/console/admin/grilles/{other_sheet}.pdf").status_code == 403
    assert client.get(f"/console/admin/grilles/{my_sheet}.pdf").data.startswith(b"%PDF")
    assert client.get(f"/console/admin/creneaux/{mine.id}/fiches-postes").status_code == 403  # admin only


def test_harmonisation_page_and_downloads(admin, gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0101", "0102"))
    with reading(gdata) as db:
        from grading.models import Slot

        sheets = [p.sheet.id for p in db.get(Slot, slot.id).seats]
    grids.set_mark(gdata, sheets[0], "14,5", 0, "Mme Martin")
    grids.set_mark(gdata, sheets[1], "8", 0, "Mme Martin")
    page = admin.get(f"/console/admin/sessions/{exam.id}/harmonisation").get_data(as_text=True)
    assert "Mme Martin" in page and "11,25" in page and page.count("<svg") == 3
    assert "<script" not in page
    csv = admin.get(f"/console/admin/sessions/{exam.id}/notes.csv")
    assert csv.data.startswith(b"\xef\xbb\xbf") and b"14,5" in csv.data
    assert 'filename="notes-e5-2027-05-20.csv"' in csv.headers["Content-Disposition"]
    archive = admin.get(f"/console/admin/sessions/{exam.id}/archive.zip")
    names = zipfile.ZipFile(io.BytesIO(archive.data)).namelist()
    assert "notes.csv" in names and len([n for n in names if n.startswith("grilles/")]) == 2


def test_two_subjects_that_read_the_same_are_told_apart_by_their_id(admin, gdata, exam, tmp_path):
    pack = tmp_path / "centre-a"
    _pack(pack, "A", GRIDS[TEMPLATE_A][2])
    toml = pack / "subject.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('id = "ln-a"', 'id = "centre-a"'), encoding="utf-8")
    _template(gdata, "subject-centre-a-2027-05-20", pack)  # the centre's own subject A, same title and code
    page = admin.get(f"/console/admin/sessions/{exam.id}/creneaux/nouveau").get_data(as_text=True)
    same = "Sujet A — Lancement de la gamme Été (A) — E5B-2027-LN-A — 20/05/2027"
    assert f"{same} (ln-a)</option>" in page and f"{same} (centre-a)</option>" in page
    assert "Sujet B — Lancement de la gamme Été (B) — E5B-2027-LN-B — 20/05/2027</option>" in page


def test_slot_form_preselects_the_sessions_only_commission(admin, gdata, exam, accounts):
    from grading.services.sessions import create_session
    from tests.grading.conftest import EXAM_DAY

    two = admin.get(f"/console/admin/sessions/{exam.id}/creneaux/nouveau").get_data(as_text=True)
    assert not re.search(r"<option selected[^>]*>NDRC-1[23]<", two)  # two commissions: the admin picks
    single = create_session(gdata, EXAM_DAY, "Lycée Jean Moulin", "Lyon", "NDRC-14", "admin")
    page = admin.get(f"/console/admin/sessions/{single.id}/creneaux/nouveau").get_data(as_text=True)
    assert re.search(r'<option selected value="NDRC-14">NDRC-14</option>', page)


def test_a_new_account_with_two_wrong_fields_is_told_both_at_once(admin, gdata):
    url = "/console/admin/examinateurs"
    response = _post(admin, url, {"display_name": "M. Durand", "username": "M. Durand", "password": "court"})
    page = _text(response.get_data(as_text=True))
    assert response.status_code in (200, 422)
    assert "Identifiant invalide : 2 à 60 caractères" in page
    assert "Le mot de passe doit compter au moins 8 caractères." in page  # not only after fixing the name
    assert 'value="M. Durand"' in response.get_data(as_text=True)  # what was typed is kept
