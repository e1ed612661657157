"""A practice session through the browser: a teacher creates a session for 35 students and prepares the
seats in one action; six students (one browser context each) join with the class code, work on subject A
while the class matrix updates live; one resets their seat and starts again; the teacher exports the CSV.
"""

from __future__ import annotations

import csv
import io
import re
import time
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from grading.accounts import create_user
from grading.demo import DEMO_SUBJECT
from sandbox.db.storage import storage_for
from sandbox.seats import get_seat
from sandbox.subjects.observables import observe_all
from sandbox.subjects.store import read_subject
from tests.browser.conftest import join_practice

TEACHER = ("prof-ndrc", "prof-2027-ndrc")
NAMES = [f"Élève {n:02d}" for n in range(1, 36)]
LIVE = 1500  # ms: the matrix must follow a student's action within about a second


@pytest.fixture(scope="module")
def practice(live):
    """Subject A prepared, a teacher's account."""
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    from sandbox.subjects.prepare import prepare_subject

    template = prepare_subject(live.data, DEMO_SUBJECT, date.today())
    create_user(live.data, TEACHER[0], TEACHER[1], "teacher", "M. Professeur")
    return template


def _row(page: Page, name: str):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name, exact=True))


def _join(browser, live, code: str, name: str) -> tuple[Page, str, str]:
    """A student joins with the class code, picks their name, opens the back office of their seat."""
    page, login, password = join_practice(browser, live, code, name)
    seat = re.search(r"/s/([^/]+)/", page.url).group(1)
    _login(page, login, password)
    return page, seat, password


def _login(page: Page, login: str, password: str) -> None:
    page.get_by_role("link", name="Administration de la boutique").click()
    page.get_by_label("Adresse e-mail").fill(login)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se connecter")).to_have_count(0)


def _accept_cheque(page: Page, live, seat: str) -> None:
    """Question 4's first order: the cheque has arrived."""
    page.goto(f"{live.url}/s/{seat}/boutique/admin/commandes")
    page.get_by_label("Référence").fill("KQWHRZTPA")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="KQWHRZTPA").click()
    page.get_by_label("Nouvel état de la commande").select_option(label="Paiement accepté")
    page.get_by_role("button", name="Mettre à jour l'état").click()


LINE_Q4 = "Mettre à jour l'état des commandes selon les informations reçues"


def _formative_grid(teacher: Page, name: str) -> None:
    """The student's column as the examiner's: activity by question, observables, a grid saved at once."""
    column = teacher.get_by_role("region", name=name, exact=True)
    # The student acted long before this page opened: its history comes with the page (no live bound).
    expect(column.get_by_role("list", name=re.compile(r"^Question 4 — "))).to_contain_text("KQWHRZTPA")
    expect(column.get_by_role("list", name=f"Observables — {LINE_Q4}")).to_contain_text("✓ constaté")
    expect(column.get_by_role("button", name="Signer la grille")).to_have_count(0)
    column.get_by_role("group", name=LINE_Q4).get_by_label("S", exact=True).check()
    expect(column.locator(".levels", has_text=LINE_Q4).locator("[data-status]")).to_have_text("Enregistré")
    note = column.get_by_label(f"Note — {LINE_Q4}")
    note.fill("Bon suivi des commandes")
    expect(note.locator("xpath=..").locator("[data-status]")).to_have_text("Enregistré")
    teacher.reload()
    column = teacher.get_by_role("region", name=name, exact=True)
    expect(column.get_by_role("group", name=LINE_Q4).get_by_label("S", exact=True)).to_be_checked()
    expect(column.get_by_label(f"Note — {LINE_Q4}")).to_have_value("Bon suivi des commandes")


def test_a_practice_session_for_35_students(browser, live, practice, tmp_path):
    teacher = browser.new_context().new_page()
    teacher.goto(f"{live.url}/console/connexion")
    teacher.get_by_label("Identifiant").fill(TEACHER[0])
    teacher.get_by_label("Mot de passe").fill(TEACHER[1])
    teacher.get_by_role("button", name="Se connecter").click()
    teacher.get_by_role("link", name="Nouvelle séance d'entraînement").click()
    teacher.get_by_label("Titre de la séance").fill("TP commandes et stocks")
    teacher.get_by_role("checkbox", name=re.compile("Sujet A")).check()
    teacher.get_by_label("Liste de la classe (un nom par ligne)").fill("\n".join(NAMES))
    teacher.get_by_label("Montrer aux élèves leurs observables (retour formatif)").check()
    teacher.get_by_role("button", name="Créer la séance").click()
    code = teacher.locator("[data-class-code]").inner_text()
    started = time.perf_counter()
    teacher.get_by_role("button", name="Préparer les postes").click()
    expect(teacher.get_by_role("status").filter(has_text="35 postes prêts.")).to_be_visible()
    print(f"\n35 seats prepared through the UI in {time.perf_counter() - started:.2f} s")
    teacher.get_by_role("link", name="Vue de la classe").click()
    expect(teacher.get_by_role("status").filter(has_text="Direct : connecté")).to_be_visible()
    expect(teacher.locator("tr[data-student]")).to_have_count(35)

    students = {name: _join(browser, live, code, name) for name in NAMES[:6]}
    for name, (page, seat, _password) in students.items():
        _accept_cheque(page, live, seat)
        last = _row(teacher, name).locator("td[data-last]")
        expect(last).not_to_have_text(re.compile("Aucune activité|non préparé"), timeout=LIVE)
        with Session(storage_for(live.data).engine("seats", seat)) as db:
            assert observe_all(db, read_subject(db))["q4-commandes"][0].ok is True
    expect(_row(teacher, NAMES[6]).locator("td[data-last]")).to_have_text("Aucune activité")

    # Formative feedback on the « Sujet » page (the session's switch is on).
    page, seat, password = students[NAMES[0]]
    page.goto(f"{live.url}/s/{seat}/sujet/")
    expect(page.get_by_role("heading", name="Mes observables")).to_be_visible()
    # The first student resets their seat and starts again.
    page.get_by_role("link", name="Recommencer (remettre mon poste à zéro)").click()
    page.get_by_label("Mot de passe du poste").fill(password)
    page.get_by_label("Je veux effacer tout mon travail et recommencer le sujet depuis le début").check()
    page.get_by_role("button", name="Remettre mon poste à zéro").click()
    expect(page.get_by_role("status").filter(has_text="remis à zéro")).to_be_visible()
    expect(_row(teacher, NAMES[0]).locator("td[data-last]")).to_have_text("Aucune activité", timeout=LIVE)
    _login(page, get_seat(live.data, seat).login, password)
    _accept_cheque(page, live, seat)
    expect(_row(teacher, NAMES[0]).locator("td[data-last]")).not_to_have_text("Aucune activité", timeout=LIVE)

    # A student's column, then the class results.
    teacher.get_by_role("link", name=NAMES[1], exact=True).click()
    timeline = teacher.get_by_role("list", name=f"Chronologie de {NAMES[1]}")
    expect(timeline.get_by_role("listitem")).not_to_have_count(0)
    _formative_grid(teacher, NAMES[1])
    teacher.go_back()
    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="Exporter les résultats (CSV)").click()
    body = (tmp_path / "classe.csv")
    download.value.save_as(body)
    rows = list(csv.reader(io.StringIO(body.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Élève", "Groupe", "Sujet"] and len(rows) == 36
    assert [r[0] for r in rows[1:]] == NAMES
