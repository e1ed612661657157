"""The whole exam day on the real default context: a subject prepared by sandbox.subjects, a slot, seats,
timers, the grid, evidence and exports."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from grading.accounts import create_user
from grading.db import find_user
from grading.models import Slot
from grading.services import grids, timers
from grading.services.candidates import import_candidates
from grading.services.evidence import archive_evidence
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from grading.services.subjects import available_subjects
from sandbox.activity.actor import Actor, act_as
from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models import Product
from sandbox.seats import get_seat

EXAM_DAY = date(2027, 5, 20)


def _pack(folder: Path) -> Path:
    """A small valid subject pack on the default context (five questions, one grid line each)."""
    (folder / "questions").mkdir(parents=True)
    questions = "".join(
        f'\n[[questions]]\nid = "q{i}"\ntitle = "Question {i}"\nfile = "questions/q{i}.md"\n'
        f'features = ["B-CAT-1"]\n'
        for i in range(1, 6)
    )
    (folder / "subject.toml").write_text(
        '[subject]\nid = "ln-grading"\ntitle = "Journée d\'examen"\nversion = "1.0.0"\nformat = 1\n'
        'context = "lin-et-nature"\ncontext_versions = ["1.*"]\nsite = "boutique"\nletter = "D"\n'
        'code = "E5B-2027-LN-D"\nsession = "2027"\n\n[texts]\ncontexte = "contexte.md"\n'
        'mise_en_situation = "Vous êtes stagiaire chez Lin & Nature."\n' + questions,
        encoding="utf-8",
    )
    (folder / "contexte.md").write_text("Lin & Nature vend du linge de maison écoconçu.\n", encoding="utf-8")
    for i in range(1, 6):
        (folder / "questions" / f"q{i}.md").write_text(f"Réalisez la tâche {i}.\n", encoding="utf-8")
    lines = "".join(
        f'\n[[lines]]\nid = "q{i}-l1"\nquestion = "q{i}"\ncriterion = "Pertinence des choix et des actions '
        f'menées pour développer les ventes et créer de la valeur"\ntext = "Réaliser la tâche {i}"\n'
        for i in range(1, 6)
    )
    (folder / "grid.toml").write_text('[grid]\ntype = "ti-ts"\n' + lines, encoding="utf-8")
    return folder


@pytest.fixture
def prepared(data, tmp_path):
    prepare = pytest.importorskip("sandbox.subjects.prepare")
    return prepare.prepare_subject(data, _pack(tmp_path / "pack"), EXAM_DAY)


def test_an_exam_day_on_the_default_context(data, prepared):
    choice = next(c for c in available_subjects(data) if c.template == prepared)
    assert (choice.letter, choice.version, choice.date) == ("D", "1.0.0", "2027-05-20")
    create_user(data, "martin", "examen-2027", "examiner", "Mme Martin")
    with reading(data) as db:
        examiner = find_user(db, "martin")
    exam = create_session(data, EXAM_DAY, "Lycée Jean Moulin", "Lyon", "NDRC-12", "admin")
    import_candidates(data, exam.id, "0101;Petit;Claire\n0102;Bernard;Louis\n")
    with reading(data) as db:
        ids = [c.id for c in db.get(type(exam), exam.id).candidates]
    slot = create_slot(data, exam.id, datetime(2027, 5, 20, 14, 0), examiner.id, prepared, ids)
    places = prepare_slot_seats(data, slot.id)
    seat = get_seat(data, places[0].seat_name)
    engine = storage_for(data).engine("seats", seat.name)
    with Session(engine) as db:
        assert seat_today(db) == EXAM_DAY
        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        product = db.get(Product, 1)
        product.price_ht = product.price_ht + Decimal("1")
        db.commit()

    start = datetime.now().replace(microsecond=0) - timedelta(minutes=41)
    timers.start_slot(data, slot.id, "Mme Martin", at=start)
    assert get_seat(data, seat.name).read_only()  # 40 minutes are over
    with reading(data) as db:
        sheet_id = db.get(Slot, slot.id).seats[0].sheet.id
    grids.set_level(data, sheet_id, "q1-l1", "S", 0, "Mme Martin")
    grids.set_mark(data, sheet_id, "15", 0, "Mme Martin")
    grids.sign(data, sheet_id, "Mme Martin", True)
    evidence = archive_evidence(data, places[0].id)
    timeline = json.loads((data / evidence.timeline_path).read_text(encoding="utf-8"))
    assert [e["object_type"] for e in timeline["events"]] == ["Product"]
    assert timeline["subject"]["code"] == "E5B-2027-LN-D"
