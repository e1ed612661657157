"""After the test: evidence archived read-only; grids as PDF; marks CSV; session zip; harmonisation."""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from grading.exports.archive import session_archive
from grading.exports.marks_csv import marks_csv
from grading.exports.pdf import grid_pdf
from grading.models import Slot, SlotSeat
from grading.services import grids, timers
from grading.services.evidence import archive_evidence, grid_document, open_evidence
from grading.services.harmonisation import distribution_svg, harmonisation
from grading.services.marks import mark_rows
from grading.services.slots import prepare_slot_seats
from grading.services.store import reading
from sandbox.services import ServiceError
from tests.grading.conftest import TEMPLATE_B, TEMPLATE_C, make_slot, pdf_text, work_on_seat

T0 = datetime(2027, 5, 20, 14, 0)


def _sheet_id(gdata, place_id: int) -> int:
    with reading(gdata) as db:
        return db.get(SlotSeat, place_id).sheet.id


@pytest.fixture
def finished(gdata, exam, accounts):
    """A slot of two candidates whose test is over, one grid filled and signed."""
    slot = make_slot(gdata, exam, accounts, ("0101", "0102"))
    places = prepare_slot_seats(gdata, slot.id)
    work_on_seat(gdata, places[0].seat_name)
    timers.start_slot(gdata, slot.id, "Mme Martin", at=T0)
    for place in places:
        timers.end(gdata, place.id, "Mme Martin", at=T0 + timedelta(minutes=40))
    sheet = _sheet_id(gdata, places[0].id)
    grids.set_level(gdata, sheet, "q1-declinaisons", "TS", 0, "Mme Martin")
    grids.set_level(gdata, sheet, "q2-commande", "I", 0, "Mme Martin")
    grids.set_note(gdata, sheet, "q2-commande", "Message au client oublié", 1, "Mme Martin")
    grids.set_appreciation(gdata, sheet, "Travail soigné, SEO à revoir.", 0, "Mme Martin")
    grids.set_mark(gdata, sheet, "14,5", 1, "Mme Martin")
    grids.sign(gdata, sheet, "Mme Martin", True)
    grids.set_mark(gdata, _sheet_id(gdata, places[1].id), "9,25", 0, "Mme Martin")
    return slot, places


def test_evidence_is_a_read_only_snapshot_with_timeline_and_grid(gdata, finished):
    _slot, places = finished
    evidence = archive_evidence(gdata, places[0].id)
    folder = gdata / evidence.folder
    assert sorted(p.name for p in folder.iterdir()) == ["chronologie.json", "grille.json", "poste.sqlite"]
    for path in folder.iterdir():
        assert not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    timeline = json.loads((folder / "chronologie.json").read_text(encoding="utf-8"))
    assert timeline["candidate"]["number"] == "0101" and len(timeline["events"]) == 1
    assert [t["kind"] for t in timeline["timer"]] == ["start", "end"]
    grid = json.loads((folder / "grille.json").read_text(encoding="utf-8"))
    assert grid["mark"] == "14.50" and grid["signed_by_name"] == "Mme Martin"

    engine = open_evidence(gdata / evidence.seat_db_path)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM activity_event")).scalar() == 1
        with pytest.raises(OperationalError, match="readonly"):
            conn.execute(text("UPDATE site_user SET bio = 'x'"))
    engine.dispose()
    assert sorted(p.name for p in folder.iterdir()) == ["chronologie.json", "grille.json", "poste.sqlite"]
    # Once every started test is archived, the seats can be prepared again for another use.
    with pytest.raises(ServiceError, match="BERNARD Louis a commencé"):
        prepare_slot_seats(gdata, _slot.id)
    archive_evidence(gdata, places[1].id)
    prepare_slot_seats(gdata, _slot.id)


def test_evidence_waits_for_the_end_of_the_test(gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0103",), at="16:00")
    place = prepare_slot_seats(gdata, slot.id)[0]
    timers.start(gdata, place.id)
    with pytest.raises(ServiceError, match="en cours"):
        archive_evidence(gdata, place.id)
    with pytest.raises(ServiceError, match="archivez ses preuves"):
        prepare_slot_seats(gdata, slot.id)


def test_marks_csv_opens_in_a_french_spreadsheet(gdata, exam, finished):
    with reading(gdata) as db:
        content = marks_csv(mark_rows(db, exam.id))
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith(
        "Numéro de candidat;Nom;Prénom;Commission;Date;Heure;Examinateur;Sujet;Note sur 20"
    )
    rows = {line.split(";")[0]: line.split(";") for line in lines[1:] if line}
    assert rows["0101"][8] == "14,5" and rows["0101"][9] == "oui" and rows["0101"][4] == "20/05/2027"
    assert rows["0102"][8] == "9,25" and rows["0102"][9] == "non"
    assert rows["0101"][7] == "Sujet A (E5B-2027-LN-A)"


def test_the_grid_pdf_shows_identity_levels_notes_and_mark(gdata, finished, tmp_path):
    _slot, places = finished
    with reading(gdata) as db:
        document = grid_document(db.get(SlotSeat, places[0].id))
    content = grid_pdf(document)
    assert content.startswith(b"%PDF")
    page = pdf_text(content, tmp_path)
    for expected in [
        "PETIT Claire",
        "0101",
        "NDRC-12",
        "20/05/2027",
        "E5B-2027-LN-A",
        "Lycée Jean Moulin",
        "Créer les déclinaisons du produit",
        "Critère de performance",
        "TI",
        "TS",
        "Message au client oublié",
        "Travail soigné, SEO à revoir.",
        "Note proposée : 14,5 / 20",
        "Examinateur : Mme Martin — signée le",
    ]:
        assert expected in page, expected
    lines = page.splitlines()
    heading = next(line for line in lines if "Compétence opérationnelle" in line)
    start = next(i for i, line in enumerate(lines) if "Créer les déclinaisons" in line)
    stop = next(i for i, line in enumerate(lines) if "Renseigner le prix" in line)
    crosses = [line.index("X") for line in lines[start:stop] if "X" in line]
    assert len(crosses) == 1 and abs(crosses[0] - heading.index("TS")) <= 3  # TS crossed
    assert "X" not in lines[stop]  # a line not positioned stays empty


def test_every_grid_type_renders(gdata, exam, accounts, tmp_path):
    for template, at, number in [(TEMPLATE_B, "15:00", "0103"), (TEMPLATE_C, "16:00", "0104")]:
        slot = make_slot(gdata, exam, accounts, (number,), template, at=at)
        with reading(gdata) as db:
            place = db.get(Slot, slot.id).seats[0]
            sheet_id = place.sheet.id
        if template == TEMPLATE_B:
            grids.set_level(gdata, sheet_id, "q1", "3", 0, "Mme Martin")
        grids.set_mark(gdata, sheet_id, "11", 0, "Mme Martin")
        with reading(gdata) as db:
            page = pdf_text(grid_pdf(grid_document(db.get(SlotSeat, place.id))), tmp_path)
        assert "Note proposée : 11 / 20" in page
        if template == TEMPLATE_B:
            assert "Non réalisée" in page and "X Article complet" in page


def test_the_session_archive_holds_marks_grids_and_evidence(gdata, exam, finished):
    _slot, places = finished
    archive_evidence(gdata, places[0].id)
    with reading(gdata) as db:
        content = session_archive(gdata, db, exam.id)
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert "notes.csv" in names
    assert "grilles/grille-0101-PETIT.pdf" in names and "grilles/grille-0102-BERNARD.pdf" in names
    assert sum(n.startswith("preuves/") and n.endswith("/poste.sqlite") for n in names) == 1


def test_harmonisation_by_examiner_and_subject(gdata, exam, accounts, finished):
    slot = make_slot(gdata, exam, accounts, ("0103", "0104"), TEMPLATE_B, at="15:00", examiner="durand")
    with reading(gdata) as db:
        sheets = [p.sheet.id for p in db.get(Slot, slot.id).seats]
    grids.set_mark(gdata, sheets[0], "16", 0, "M. Durand")
    with reading(gdata) as db:
        result = harmonisation(mark_rows(db, exam.id))
    session = result["session"][0]
    assert (session.count, session.missing) == (3, 1)
    assert session.mean == Decimal("13.25") and session.median == Decimal("14.50")
    assert (session.minimum, session.maximum) == (Decimal("9.25"), Decimal("16.00"))
    martin = next(g for g in result["examiners"] if g.name == "Mme Martin")
    assert (martin.count, martin.unsigned, martin.bins[7], martin.bins[4]) == (2, 1, 1, 1)
    assert [g.name for g in result["subjects"]] == ["Sujet A (E5B-2027-LN-A)", "Sujet B (E5B-2027-LN-B)"]
    svg = str(martin.chart())
    assert (
        svg.startswith("<svg")
        and "<script" not in svg
        and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    assert 'aria-label="Répartition des notes — Mme Martin.' in svg
    assert "&lt;b&gt;" in str(distribution_svg("<b>", [0] * 10))


def test_without_a_unicode_font_the_pdf_falls_back_to_a_core_font(gdata, finished, tmp_path, monkeypatch):
    from grading.exports import pdf

    monkeypatch.setattr(pdf, "FONT_CANDIDATES", [])
    _slot, places = finished
    with reading(gdata) as db:
        page = pdf_text(grid_pdf(grid_document(db.get(SlotSeat, places[0].id))), tmp_path)
    assert "Créer les déclinaisons du produit" in page and "Note proposée : 14,5 / 20" in page
    assert "Épreuve E5" in page and "« Plaid Ardoise »" in page
