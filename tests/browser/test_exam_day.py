"""A whole exam day in four browsers: three candidates work on the shipped subject A through the shop back
office while the examiner follows them live on the slot console, fills and signs the grids; at the end of
the (shortened) duration the seats are read-only; the PDF and CSV exports hold what was entered.

The slot lasts ``E5_EXAM_DAY_MINUTES`` minutes (1 by default): long enough for the candidates' part,
short enough to see the seats turn read-only at the end of the real countdown.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess

import pytest
from playwright.sync_api import Page, expect

from grading.accounts import create_user
from sandbox.seats import get_seat
from tests.browser.conftest import console_login
from tests.browser.exam_setup import ready_slot, session_today, slot_places, subject_today

MINUTES = int(os.environ.get("E5_EXAM_DAY_MINUTES", "1"))
LIVE = 1000  # ms: what the examiner must see after a candidate's action
ADMIN = ("centre-admin", "admin-2027-centre")
CANDIDATES = "numéro;nom;prénom\n0101;Petit;Claire\n0102;Bernard;Louis\n0103;Moreau;Inès\n"
LINE_Q3 = "Corriger les quantités en stock de chaque déclinaison après l'inventaire"
LINE_Q4 = "Mettre à jour l'état des commandes selon les informations reçues"
LINE_Q5 = "Consigner la demande de la cliente dans une note claire et exploitable par l'équipe"


@pytest.fixture(scope="module")
def exam(live):
    """Subject A prepared for today, a session, three candidates in one slot of the examiner, seats ready."""
    template, now = subject_today(live)
    create_user(live.data, ADMIN[0], ADMIN[1], "admin", "Administrateur")
    session = session_today(live, now, CANDIDATES, "NDRC-12")
    slot = ready_slot(live, session.id, now, template, MINUTES, "NDRC-12")  # Bernard, Moreau, Petit
    places = [(name, get_seat(live.data, seat)) for name, seat in slot_places(live, slot)]
    return {"session": session.id, "slot": slot, "places": places}


def _candidate(browser, live, seat) -> Page:
    """A candidate's own browser, logged into the shop back office of their seat."""
    page = browser.new_context().new_page()
    page.goto(f"{live.url}/s/{seat.name}/boutique/admin/login")
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se connecter")).to_have_count(0)
    return page


def _column(page: Page, name: str):
    return page.get_by_role("region", name=name, exact=True)


def _line(column, text: str):
    """The observables of a grid line, by the line's text."""
    return column.get_by_role("list", name=f"Observables — {text}")


def _activity(column, number: int):
    return column.get_by_role("list", name=re.compile(rf"^Question {number} — "))


def _grade(column, line: str, level: str, note: str) -> None:
    column.get_by_role("group", name=line).get_by_label(level, exact=True).check()
    expect(column.locator(".levels", has_text=line).locator("[data-status]")).to_have_text("Enregistré")
    column.get_by_label(f"Note — {line}").fill(note)
    expect(column.get_by_label(f"Note — {line}").locator("xpath=..").locator("[data-status]")).to_have_text(
        "Enregistré"
    )


def _status_of(column, label: str):
    return column.get_by_label(label, exact=True).locator("xpath=ancestor::div[contains(@class,'field')][1]")


def test_an_exam_day_with_three_candidates_and_an_examiner(browser, live, exam, tmp_path):
    (bernard, seat_b), (moreau, seat_m), (petit, seat_p) = exam["places"]
    examiner = browser.new_context(accept_downloads=True).new_page()
    console_login(examiner, live)
    examiner.get_by_role("link", name="Créneaux").click()
    examiner.get_by_role("link", name=re.compile("Ouvrir la console du créneau")).click()
    expect(examiner.get_by_role("status").filter(has_text="Direct : connecté")).to_be_visible()
    candidates = {name: _candidate(browser, live, seat) for name, seat in exam["places"]}
    columns = {name: _column(examiner, name) for name in candidates}

    examiner.get_by_role("button", name="Démarrer les chronomètres du créneau").click()
    for column in columns.values():
        expect(column.get_by_role("timer")).to_have_text(re.compile(rf"{MINUTES - 1:02d}:[0-5]\d"))
        expect(column.locator("[data-timer-label]")).to_have_text("en cours")

    # Bernard records the cheque of order KQWHRZTPA (question 4).
    page = candidates[bernard]
    page.goto(f"{live.url}/s/{seat_b.name}/boutique/admin/commandes")
    page.get_by_label("Référence").fill("KQWHRZTPA")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="KQWHRZTPA").click()
    page.get_by_label("Nouvel état de la commande").select_option(label="Paiement accepté")
    page.get_by_role("button", name="Mettre à jour l'état").click()
    expect(_activity(columns[bernard], 4)).to_contain_text("KQWHRZTPA", timeout=LIVE)
    expect(_line(columns[bernard], LINE_Q4)).to_contain_text("✓ constaté", timeout=LIVE)
    expect(_line(columns[bernard], LINE_Q4)).to_contain_text("✗ non constaté")  # the delivered order: not yet

    # Moreau writes the private note on Mme Deschamps (question 5).
    page = candidates[moreau]
    page.goto(f"{live.url}/s/{seat_m.name}/boutique/admin/clients")
    page.get_by_label("Nom, société ou e-mail").fill("agathe@maison-le-prieure.fr")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Deschamps").click()
    # By its form: the page's panel and its textarea share the id "note", so the label points to the panel.
    page.locator("#note-form textarea").fill("Visite de M. Descamps demandée : collection Maison Flandre.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(_activity(columns[moreau], 5)).to_contain_text("Deschamps", timeout=LIVE)
    expect(_line(columns[moreau], LINE_Q5)).to_contain_text("✓ constaté", timeout=LIVE)

    # Petit corrects one stock after the inventory (question 3).
    page = candidates[petit]
    page.goto(f"{live.url}/s/{seat_p.name}/boutique/admin/stocks?q=NAPPE-VICHY")
    page.get_by_label(re.compile(r"Quantité de la déclinaison 150 x 150, Terracotta")).fill("3")
    page.get_by_label("Motif du mouvement de stock").fill("Inventaire d'hier")
    page.get_by_role("button", name="Enregistrer").click()
    expect(_activity(columns[petit], 3)).to_contain_text("Terracotta", timeout=LIVE)
    expect(_line(columns[petit], LINE_Q3)).to_contain_text("✓ constaté", timeout=LIVE)
    # Each seat is its own: the other candidates' columns did not move.
    expect(_line(columns[bernard], LINE_Q3)).not_to_contain_text("✓ constaté")
    expect(_activity(columns[moreau], 4)).to_have_text("")

    # The examiner fills the grids while the candidates work.
    marks = {bernard: "14,5", moreau: "16", petit: "11,25"}
    _grade(columns[bernard], LINE_Q4, "S", "Paiement enregistré, livraison oubliée")
    _grade(columns[moreau], LINE_Q5, "TS", "Note claire et complète")
    _grade(columns[petit], LINE_Q3, "I", "Une seule déclinaison corrigée")
    for name, column in columns.items():
        column.get_by_label("Appréciation générale").fill(f"Candidat méthodique ({name})")
        column.get_by_label("Note sur 20").fill(marks[name])
        column.get_by_label("Note sur 20").press("Tab")
        for label in ("Note sur 20", "Appréciation générale"):
            expect(_status_of(column, label).locator("[data-status]")).to_have_text("Enregistré")

    # A second tab shows the same state, and a change made there reaches the first tab.
    second = examiner.context.new_page()
    second.goto(examiner.url)
    other = _column(second, bernard)
    expect(other.get_by_role("group", name=LINE_Q4).get_by_label("S", exact=True)).to_be_checked()
    expect(other.get_by_label("Note sur 20")).to_have_value("14,5")
    other.get_by_label("Appréciation générale").fill("Revu dans le second onglet")
    other.get_by_label("Appréciation générale").blur()
    expect(_status_of(other, "Appréciation générale").locator("[data-status]")).to_have_text("Enregistré")
    expect(columns[bernard].get_by_label("Appréciation générale")).to_have_value(
        "Revu dans le second onglet", timeout=LIVE
    )
    # Both tabs edit the same note at once: the first tab's save is held on the way (network routing) while
    # the second tab saves; it then arrives with an old version, is refused, and shows the value saved.
    note = f"Note — {LINE_Q4}"
    held = []
    examiner.route("**/saisie", lambda route: route.continue_() if held else held.append(route))
    columns[bernard].get_by_label(note).fill("Version du premier onglet")  # saved after 400 ms
    while not held:
        examiner.wait_for_timeout(50)
    other.get_by_label(note).fill("Version du second onglet")
    other.get_by_label(note).blur()
    expect(other.get_by_label(note).locator("xpath=..").locator("[data-status]")).to_have_text("Enregistré")
    held[0].continue_()
    expect(columns[bernard].get_by_label(note).locator("xpath=..").locator("[data-status]")).to_have_text(
        "Modifié dans un autre onglet : valeur actuelle rechargée"
    )
    expect(columns[bernard].get_by_label(note)).to_have_value("Version du second onglet")
    second.close()

    # Time is up: the console says so and the seats refuse every change with the French page.
    for column in columns.values():
        expect(column.locator("[data-timer-notice]")).to_have_text(
            "Temps écoulé — poste en lecture seule", timeout=(MINUTES * 60 + 15) * 1000
        )
    page = candidates[bernard]
    page.goto(f"{live.url}/s/{seat_b.name}/boutique/admin/commandes")
    page.get_by_label("Référence").fill("TRZPLMQAE")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="TRZPLMQAE").click()
    page.get_by_label("Nouvel état de la commande").select_option(label="Livré")
    with page.expect_response(re.compile(r"/etat$")) as refused:
        page.get_by_role("button", name="Mettre à jour l'état").click()
    assert refused.value.status == 403
    expect(page.get_by_role("heading", name="Poste en lecture seule")).to_be_visible()
    expect(_line(columns[bernard], LINE_Q4)).to_contain_text("✗ non constaté")

    # The examiner signs each grid; a change after signing needs a reason and is audited.
    for column in columns.values():
        expect(column.get_by_label("Nom de l'examinateur")).to_have_value("Mme Examinatrice")
        column.get_by_label(re.compile("^Je certifie")).check()
        column.get_by_role("button", name="Signer la grille").click()
        expect(column.get_by_text("Grille signée par Mme Examinatrice")).to_be_visible()
        expect(column.get_by_label("Note sur 20")).to_be_disabled()
    column = columns[petit]
    column.get_by_role("button", name="Modifier la grille signée").click()
    column.get_by_label(f"Raison de la modification — {petit}").fill("Erreur de report")
    column.get_by_label("Note sur 20").fill("11,5")
    column.get_by_label("Note sur 20").blur()
    expect(_status_of(column, "Note sur 20").locator("[data-status]")).to_have_text("Enregistré")
    expect(column.get_by_role("region", name="Modifications après signature")).to_contain_text(
        "Note sur 20 : « 11,25 » → « 11,5 » (raison : Erreur de report)"
    )
    marks[petit] = "11,5"

    # Exports: each grid's PDF from the console, the session's CSV from the administration.
    for name, column in columns.items():
        with examiner.expect_download() as download:
            column.get_by_role("link", name=f"Grille de {name} (PDF)").click()
        path = tmp_path / f"{name}.pdf"
        download.value.save_as(path)
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert f"Note proposée : {marks[name]} / 20" in text and "Mme Examinatrice" in text
        assert name.split()[0] in text.upper()
        if name == bernard:
            assert "Observation : Version du second onglet" in text
            assert _level_in_pdf(text, "Mettre à jour l'état des commandes") == "S"
    _check_csv(browser, live, exam, marks, tmp_path)


def _level_in_pdf(text: str, line_start: str) -> str:
    """The level crossed (« X ») on a grid line of the PDF, read from the columns of its table heading."""
    rows = text.splitlines()
    at = next(i for i, row in enumerate(rows) if line_start in row)
    heading = next(rows[i] for i in range(at, -1, -1) if "Compétence opérationnelle" in rows[i])
    columns = {m.group(): m.start() for m in re.finditer(r"\b(TI|I|S|TS)\b", heading)}
    cross = next(m.start() for row in rows[at:at + 4] for m in re.finditer(r"(?<!\S)X(?!\S)", row))
    return min(columns, key=lambda code: abs(columns[code] - cross))


def _check_csv(browser, live, exam, marks, tmp_path) -> None:
    admin = browser.new_context(accept_downloads=True).new_page()
    admin.goto(f"{live.url}/console/connexion")
    admin.get_by_label("Identifiant").fill(ADMIN[0])
    admin.get_by_label("Mot de passe").fill(ADMIN[1])
    admin.get_by_role("button", name="Se connecter").click()
    response = admin.request.get(f"{live.url}/console/admin/sessions/{exam['session']}/notes.csv")
    assert response.status == 200
    rows = list(csv.DictReader(io.StringIO(response.body().decode("utf-8-sig")), delimiter=";"))
    got = {f"{r['Nom'].upper()} {r['Prénom']}": (r["Note sur 20"], r["Grille signée"]) for r in rows}
    assert got == {name: (mark, "oui") for name, mark in marks.items()}
    assert all(r["Signée par"] == "Mme Examinatrice" for r in rows)
