"""Exam-day fixtures: a data folder with small prepared subject templates (one per grid type), accounts,
a session with candidates. The templates are tiny seat databases (accounts and clock only), so these
tests do not depend on the default context's seeding."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from grading.accounts import create_user
from grading.db import find_user
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from grading.services.slots import create_slot
from grading.services.store import reading
from sandbox.activity.actor import Actor, act_as
from sandbox.db.storage import storage_for
from sandbox.models import Employee, Profile, SiteUser, set_setting
from tests.conftest import copy_data, drop_data

EXAM_DAY = date(2027, 5, 20)
TEMPLATE_A = "subject-ln-a-2027-05-20"  # ti-ts
TEMPLATE_B = "subject-ln-b-2027-05-20"  # niveaux-1-4
TEMPLATE_C = "subject-ln-c-2027-05-20"  # fiche-2020

GRIDS = {
    TEMPLATE_A: (
        "A",
        "ti-ts",
        """
[grid]
type = "ti-ts"

[[lines]]
id = "q1-declinaisons"
question = "q1"
criterion = "Pertinence des choix et des actions menées pour développer les ventes et créer de la valeur"
text = "Créer les déclinaisons du produit en adaptant les attributs et les valeurs"

[[lines]]
id = "q1-prix"
question = "q1"
criterion = "Pertinence des choix et des actions menées pour développer les ventes et créer de la valeur"
text = "Renseigner le prix HT et vérifier le prix TTC"

[[lines]]
id = "q2-commande"
question = "q2"
criterion = "Qualité de l'assistance et prise en compte des risques et de la réglementation"
text = "Saisir la commande du client rencontré au salon, avec un message"
""",
    ),
    TEMPLATE_B: (
        "B",
        "niveaux-1-4",
        """
[grid]
type = "niveaux-1-4"

[[lines]]
id = "q1"
question = "q1"
criterion = "Qualité et pertinence des contenus publiés"
text = "Article optimisé pour le référencement"
levels = ["Article incomplet", "Article complet sans optimisation", "Article complet et optimisé"]

[[lines]]
id = "q2"
question = "q2"
criterion = "Suivi des publications et contrôle de l'image"
text = "Modération des commentaires"
levels = ["Un commentaire traité", "Commentaires traités sans réponse", "Commentaires traités avec réponse"]
""",
    ),
    TEMPLATE_C: ("C", "fiche-2020", '[grid]\ntype = "fiche-2020"\n'),
}


def _pack(folder: Path, letter: str, grid: str) -> None:
    folder.mkdir(parents=True)
    (folder / "subject.toml").write_text(
        f"""
[subject]
id = "ln-{letter.lower()}"
title = "Lancement de la gamme Été ({letter})"
version = "1.0.0"
format = 1
context = "lin-et-nature"
site = "boutique"
letter = "{letter}"
code = "E5B-2027-LN-{letter}"
session = "2027"

[[questions]]
id = "q1"
title = "Compléter la fiche du produit « Plaid Ardoise »"

[[questions]]
id = "q2"
title = "Enregistrer la commande de Mme Petit"
""",
        encoding="utf-8",
    )
    (folder / "grid.toml").write_text(grid, encoding="utf-8")


def _template(data: Path, name: str, source: Path) -> None:
    """A tiny prepared template: the candidate's two accounts and the seat clock."""
    storage = storage_for(data)
    engine = storage.create_empty("templates", name)
    with Session(engine) as db, db.begin():
        db.add(Profile(id=1, name="SuperAdmin"))
        db.flush()
        db.add(
            Employee(
                id=1,
                first_name="Candidat",
                last_name="Stagiaire",
                email="stagiaire@lin-et-nature.fr",
                profile_id=1,
            )
        )
        db.add(
            SiteUser(
                id=1,
                login="stagiaire",
                display_name="Stagiaire",
                email="stagiaire@lin-et-nature.fr",
                role="administrator",
            )
        )
        set_setting(db, "clock.today", EXAM_DAY.isoformat())
    storage.finalize_template("templates", name)
    meta = {"name": name, "id": source.name, "date": EXAM_DAY.isoformat(), "source": str(source)}
    storage.meta_path("templates", name).write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture(scope="session")
def subjects_data(tmp_path_factory) -> Path:
    """A data folder holding the three prepared subject templates (built once per run)."""
    root = tmp_path_factory.mktemp("grading-data")
    data = root / "data"
    data.mkdir()
    for name, (letter, _type, grid) in GRIDS.items():
        pack = root / "packs" / f"ln-{letter.lower()}"
        _pack(pack, letter, grid)
        _template(data, name, pack)
    return data


@pytest.fixture
def gdata(subjects_data, tmp_path) -> Path:
    """A fresh copy of that data folder for one test."""
    folder = copy_data(subjects_data, tmp_path / "data")
    yield folder
    drop_data(folder)


@pytest.fixture
def accounts(gdata):
    """An administrator and two examiners: {role-name: (username, password, CentreUser)}."""
    made = {}
    for username, role, name in [
        ("admin", "admin", "Administrateur"),
        ("martin", "examiner", "Mme Martin"),
        ("durand", "examiner", "M. Durand"),
    ]:
        password = f"{username}-motdepasse"
        create_user(gdata, username, password, role, name)
        with reading(gdata) as db:
            made[username] = (username, password, find_user(db, username))
    return made


@pytest.fixture
def exam(gdata, accounts):
    """A session of 20/05/2027 with five candidates."""
    session = create_session(gdata, EXAM_DAY, "Lycée Jean Moulin", "Lyon", "NDRC-12, NDRC-13", "admin")
    import_candidates(
        gdata,
        session.id,
        "numéro;nom;prénom\n0101;Petit;Claire\n0102;Bernard;Louis\n"
        "0103;Moreau;Inès\n0104;Garcia;Hugo\n0105;Roux;Léa\n",
    )
    return session


def candidate_ids(gdata, session_id: int) -> dict[str, int]:
    """Candidate ids by number."""
    from grading.services.sessions import session_candidates

    with reading(gdata) as db:
        return {c.number: c.id for c in session_candidates(db, session_id)}


def make_slot(
    gdata,
    exam,
    accounts,
    numbers=("0101", "0102"),
    template=TEMPLATE_A,
    at="14:00",
    examiner="martin",
    duration=40,
):
    """A slot of the exam session."""
    ids = candidate_ids(gdata, exam.id)
    hour, minute = (int(x) for x in at.split(":"))
    return create_slot(
        gdata,
        exam.id,
        datetime.combine(EXAM_DAY, datetime.min.time()).replace(hour=hour, minute=minute),
        accounts[examiner][2].id,
        template,
        [ids[n] for n in numbers],
        duration_minutes=duration,
        commission="NDRC-12",
    )


def work_on_seat(gdata, seat_name: str) -> None:
    """The candidate changes something on their seat (recorded as an activity event)."""
    with Session(storage_for(gdata).engine("seats", seat_name)) as db:
        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        db.get(SiteUser, 1).bio = "Stagiaire chez Lin & Nature"
        db.commit()


def csrf_token(html: str) -> str:
    """The CSRF token of the first form of a page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    return match.group(1)


def console_login(client, username: str, password: str):
    """Log into the console through its form."""
    page = client.get("/console/connexion").get_data(as_text=True)
    return client.post(
        "/console/connexion",
        data={"csrf_token": csrf_token(page), "username": username, "password": password},
    )


def pdf_text(content: bytes, tmp_path: Path) -> str:
    """The text of a PDF as pdftotext lays it out (the test fails, not skips, when pdftotext is missing)."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext manquant : apt-get install -y poppler-utils")
    path = tmp_path / "grille.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
