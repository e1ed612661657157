"""Candidates CSV import: encodings, separators, line-by-line French errors, all or nothing."""

from __future__ import annotations

import pytest

from grading.services.candidates import import_candidates, parse, preview_candidates
from grading.services.sessions import create_session, session_candidates
from grading.services.store import reading
from sandbox.services import ServiceError
from tests.grading.conftest import EXAM_DAY


@pytest.fixture
def session(gdata):
    return create_session(gdata, EXAM_DAY, "Lycée Jean Moulin", "Lyon", "NDRC-12", "admin")


def _count(gdata, session_id) -> int:
    with reading(gdata) as db:
        return len(session_candidates(db, session_id))


def test_a_file_with_errors_creates_nothing_and_says_which_line(gdata, session):
    text = (
        "Numéro;Nom;Prénom\n"
        "0101;Petit;Claire\n"
        "0102;Bernard;Louis\n"
        ";Moreau;Inès\n"
        "0104;Garcia;\n"
        "0101;Roux;Léa\n"
    )
    preview = preview_candidates(gdata, session.id, text)
    assert [r.number for r in preview.rows] == ["0101", "0102"]
    assert preview.errors == [
        "ligne 4 : numéro de candidat manquant",
        "ligne 5 : prénom manquant",
        "ligne 6 : numéro de candidat 0101 déjà présent ligne 2",
    ]
    with pytest.raises(ServiceError) as refused:
        import_candidates(gdata, session.id, text)
    assert "Aucun candidat importé" in refused.value.message
    assert "ligne 4 : numéro de candidat manquant" in refused.value.message
    assert _count(gdata, session.id) == 0


def test_windows_1252_with_commas_and_no_header(gdata, session):
    raw = "0201,Lefèvre,Zoé\r\n0202,Müller,Noël\r\n".encode("cp1252")
    preview = parse(raw)
    assert preview.encoding == "Windows-1252" and preview.separator == ","
    assert import_candidates(gdata, session.id, raw) == 2
    with reading(gdata) as db:
        names = [(c.number, c.last_name, c.first_name) for c in session_candidates(db, session.id)]
    assert names == [("0201", "Lefèvre", "Zoé"), ("0202", "Müller", "Noël")]


def test_utf8_bom_header_in_another_order(gdata, session):
    raw = "\ufeffPrénom;Nom;N° candidat\nÉlise;Da Silva;0301\n".encode()
    preview = parse(raw)
    assert preview.ok and preview.rows[0].number == "0301" and preview.rows[0].first_name == "Élise"


def test_a_number_already_registered_is_an_error_of_its_line(gdata, session):
    import_candidates(gdata, session.id, "0101;Petit;Claire\n")
    preview = preview_candidates(gdata, session.id, "0102;Roux;Léa\n0101;Petit;Claire\n")
    assert preview.errors == ["ligne 2 : le candidat n° 0101 est déjà inscrit dans cette session"]
    with pytest.raises(ServiceError):
        import_candidates(gdata, session.id, "0102;Roux;Léa\n0101;Petit;Claire\n")
    assert _count(gdata, session.id) == 1


def test_an_empty_file_is_refused(gdata, session):
    assert parse("\n\n").errors == ["Le fichier ne contient aucun candidat."]
