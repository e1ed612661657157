"""Exports tell the truth: tiers-temps in timers, PDF and CSV; a mark changed after signing is flagged;
the PDF has French audit labels, the grid's generation, a handwritten-signature box and no orphan heading."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from grading.exports.marks_csv import marks_csv
from grading.exports.pdf import grid_pdf
from grading.models import SlotSeat
from grading.services import grids, timers
from grading.services.accommodations import parse_accommodation, set_accommodation
from grading.services.candidates import parse
from grading.services.evidence import grid_document
from grading.services.marks import mark_rows
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from sandbox.seats import get_seat
from sandbox.services import ServiceError
from tests.grading.conftest import candidate_ids, make_slot, pdf_text

T0 = datetime(2027, 5, 20, 14, 0)
SIGNED_BLOCK = ("Note proposée", "Examinateur :", "Signature manuscrite de l'examinateur")


def _csv_rows(gdata, exam) -> dict[str, list[str]]:
    with reading(gdata) as db:
        lines = marks_csv(mark_rows(db, exam.id)).decode("utf-8-sig").split("\r\n")
    header = lines[0].split(";")
    return {line.split(";")[0]: dict(zip(header, line.split(";"), strict=True)) for line in lines[1:] if line}


def test_accommodations_are_read_from_the_file_or_typed():
    assert parse_accommodation("Tiers-temps") == ("tiers-temps", 0)
    assert parse_accommodation("+20") == ("minutes", 20) and parse_accommodation("15 min") == ("minutes", 15)
    assert parse_accommodation("") is None and parse_accommodation("aucun") is None
    with pytest.raises(ServiceError, match="Aménagement « double » non reconnu"):
        parse_accommodation("double")
    preview = parse(
        "numéro;nom;prénom;aménagement\n0201;Petit;Claire;tiers-temps\n0202;Roux;Léa;+20\n0203;Moreau;Inès;\n"
    )
    assert [r.accommodation for r in preview.rows] == ["tiers-temps", "+20", ""] and not preview.errors
    bad = parse("numéro;nom;prénom;amenagement\n0201;Petit;Claire;double\n")
    assert bad.errors == [
        "ligne 2 : aménagement « double » non reconnu (écrivez « tiers-temps », un nombre "
        "de minutes comme « +20 », ou laissez vide)"
    ]


def test_tiers_temps_gives_53_min_20_s_and_the_seat_closes_then(gdata, exam, accounts):
    ids = candidate_ids(gdata, exam.id)
    set_accommodation(gdata, ids["0101"], "tiers-temps")
    slot = make_slot(gdata, exam, accounts, ("0101", "0102"))
    petit, bernard = prepare_slot_seats(gdata, slot.id)  # positions in the order chosen
    timers.start_slot(gdata, slot.id, "Mme Martin", at=T0)
    with reading(gdata) as db:
        p, b = db.get(SlotSeat, petit.id), db.get(SlotSeat, bernard.id)
        assert timers.remaining_seconds(p, T0) == 3200 and timers.remaining_seconds(b, T0) == 2400
        assert timers.deadline(p) == T0 + timedelta(minutes=53, seconds=20)
    seat_p, seat_b = get_seat(gdata, petit.seat_name), get_seat(gdata, bernard.seat_name)
    assert seat_b.read_only(T0 + timedelta(minutes=40)) and not seat_p.read_only(T0 + timedelta(minutes=40))
    assert not seat_p.read_only(T0 + timedelta(minutes=53, seconds=19))
    assert seat_p.read_only(T0 + timedelta(minutes=53, seconds=20))
    with pytest.raises(ServiceError, match="a commencé : son aménagement ne peut plus changer"):
        set_accommodation(gdata, ids["0101"], "")
    rows = _csv_rows(gdata, exam)
    assert rows["0101"]["Aménagement"] == "tiers-temps (+13 min 20 s)" and rows["0102"]["Aménagement"] == ""


def test_a_mark_changed_after_signing_is_flagged_and_the_pdf_says_it_in_french(
    gdata, exam, accounts, tmp_path
):
    set_accommodation(gdata, candidate_ids(gdata, exam.id)["0101"], "tiers-temps")
    slot = make_slot(gdata, exam, accounts, ("0101", "0102"))
    with reading(gdata) as db:
        places = sorted(db.get(type(slot), slot.id).seats, key=lambda p: p.candidate.number)
        sheets = [p.sheet.id for p in places]
    grids.set_level(gdata, sheets[0], "q1-declinaisons", "S", 0, "Mme Martin")
    grids.set_mark(gdata, sheets[0], "12", 0, "Mme Martin")
    grids.sign(gdata, sheets[0], "Mme Martin", True)
    grids.set_mark(gdata, sheets[1], "9", 0, "Mme Martin")
    grids.sign(gdata, sheets[1], "Mme Martin", True)
    assert _csv_rows(gdata, exam)["0101"]["Modification après signature"] == ""
    grids.set_mark(gdata, sheets[0], "14", 2, "Mme Martin", reason="Erreur de saisie")
    grids.set_level(gdata, sheets[0], "q1-declinaisons", "TS", 1, "Mme Martin", reason="Relecture")
    grids.set_appreciation(gdata, sheets[1], "Bien.", 2, "Mme Martin", reason="Oubli")  # not a mark or level
    with reading(gdata) as db:
        moment = db.get(SlotSeat, places[0].id).sheet.audit[-1].at
        page = pdf_text(grid_pdf(grid_document(db.get(SlotSeat, places[0].id))), tmp_path)
    rows = _csv_rows(gdata, exam)
    assert rows["0101"]["Modification après signature"] == (
        f"modifiée après signature le {moment:%d/%m/%Y} à {moment:%H:%M}"
    )
    assert rows["0101"]["Note sur 20"] == "14" and rows["0102"]["Modification après signature"] == ""
    for expected in [
        "Modifications après signature",
        "Élément modifié",
        "Note sur 20",
        "Erreur de saisie",
        "Niveau — Créer les déclinaisons",
        "Satisfaisant",
        "Modèle de grille : Grille 2023–2025 (TI/I/S/TS)",
        "Session",
        "Signature manuscrite de l'examinateur",
        "Aménagement : tiers-temps (+13 min 20 s) — durée pour ce candidat : 53 min 20 s",
    ]:
        assert expected in page, expected
    assert "level:" not in page and "mark" not in page


def test_no_heading_is_left_alone_at_the_bottom_of_a_page(gdata, exam, accounts, tmp_path):
    slot = make_slot(gdata, exam, accounts, ("0101",))
    with reading(gdata) as db:
        place_id = db.get(type(slot), slot.id).seats[0].id
        sheet = db.get(SlotSeat, place_id).sheet.id
    headings = ("Question 1", "Question 2", "Critère de performance", "Compétence opérationnelle",
                "Appréciation globale", "Modifications après signature")
    grids.set_appreciation(gdata, sheet, "Travail soigné. " * 40, 0, "Mme Martin")
    for version, words in enumerate(range(0, 240, 12)):  # a growing note moves every later heading down
        grids.set_note(gdata, sheet, "q1-prix", "Prix vérifié. " * (words + 1), version, "Mme Martin")
        with reading(gdata) as db:
            text = pdf_text(grid_pdf(grid_document(db.get(SlotSeat, place_id))), tmp_path)
        for page in text.split("\f"):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            body = [line for line in lines if " — page " not in line]
            if body:
                assert not body[-1].startswith(headings), (words, body[-1])
            together = [any(line.startswith(piece) for line in body) for piece in SIGNED_BLOCK]
            assert all(together) or not any(together), (words, body[-3:])  # mark and signature box together
