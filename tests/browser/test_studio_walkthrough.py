"""Issue 13's whole walk in one browser, as a teacher arrives: from the console home, by visible labels only
(no typed address after the login), a teacher writes a boutique subject from an empty draft (header, context,
three questions — a practice subject: the national one has 4 or 5, said as a remark —, an annex table pasted
from a spreadsheet, a TI/I/S/TS grid), prepares
its starting state in a scratch seat's back office, does the model answer in another, accepts the proposed
observable, tries the subject as a candidate, exports it (`e5 subject check` accepts the archive), adds it to
the library, prepares it for today and runs a practice session on it: a student does the work in their seat's
back office and the teacher's class view turns the observable from ✗ to ✓. The draft is then deleted from
the studio's list.

Along the way: a check shown beside its field, the autosave surviving a reload, a second tab refused."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from grading.accounts import create_user
from tests.browser.conftest import console_login, join_practice

TEACHER = ("prof-studio", "studio-2027-prof")
TITLE = "Préparer la saison des repas en extérieur"
FINAL = "Préparer la saison des repas en terrasse"  # the title once changed in the first of two tabs
CRITERION = "Pertinence des choix et des actions menées pour développer les ventes et créer de la valeur"
QUESTIONS = [
    ("Compléter la fiche de la nappe", "Complétez la fiche produit à partir de l'annexe 1.",
     ["B-CAT-1", "B-CAT-5"]),
    ("Créer une réduction", "Créez le code **ETE27** de 10 % dès 60 € d'achat.", ["B-PRO-2"]),
    ("Remettre en avant les produits phares", "Réactivez les produits phares de la page d'accueil.",
     ["B-MOD-1"]),
]
MODULE_LINE = "Réaliser : remettre en avant les produits phares"
STUDENT = "Élève 01"
LIVE = 5000  # ms: the class view follows the student through its live stream


@pytest.fixture(scope="module")
def teacher(live):
    create_user(live.data, TEACHER[0], TEACHER[1], "teacher", "Mme Studio")
    return TEACHER


def _save(page: Page, button: str) -> None:
    """Click a part's button and wait for the page to come back."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    expect(page.get_by_role("status").filter(has_text="Enregistré.")).to_be_visible()


def _status(page: Page):
    return page.get_by_role("status").filter(has_text="Brouillon enregistré")


def _nav(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Console").get_by_role("link", name=label, exact=True).click()


def _write_draft(page: Page) -> None:
    """Console home › Sujets › « Nouveau sujet », then every part of the pack, field by field."""
    _nav(page, "Sujets")
    page.get_by_label("Site du sujet").select_option(label="Boutique en ligne")
    page.get_by_role("button", name="Nouveau sujet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau sujet")
    expect(page.locator("#studio-summary")).to_contain_text("valeur manquante ou vide")

    # Header, typed then autosaved: a reload shows it again (nothing lost if the browser closes).
    page.get_by_label("Titre du sujet").fill(TITLE)
    page.get_by_label("Lettre du sujet").fill("j")
    page.get_by_label("Code du sujet").fill("E5B-2027-LN-J")
    page.get_by_label("Identifiant du sujet").fill("ln-boutique-j")
    letter_problem = page.locator('[data-anchor="header-letter"]')
    expect(letter_problem).to_contain_text("« j » n'a pas le bon format")
    expect(page.get_by_label("Lettre du sujet")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Lettre du sujet").fill("J")
    expect(letter_problem).to_be_empty()
    expect(_status(page)).to_contain_text("Brouillon enregistré à")
    page.reload()
    expect(page.get_by_label("Titre du sujet")).to_have_value(TITLE)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sujet J — {TITLE}")

    page.get_by_label("Contexte commercial", exact=True).fill(
        "**Lin & Nature** vend du linge de maison en lin.")
    page.get_by_label("Mise en situation", exact=True).fill("Vous êtes en stage auprès de M. Delannoy.")
    expect(page.get_by_role("region", name="Aperçu du contexte commercial").locator("strong")).to_have_text(
        "Lin & Nature")

    for n, (title, text, features) in enumerate(QUESTIONS, start=1):
        page.get_by_label(f"Titre de la question {n}").fill(title)
        page.get_by_label(f"Énoncé de la question {n}").fill(text)
        page.get_by_label(f"Fonctionnalités de la question {n}").select_option(features)
    _save(page, "Enregistrer les questions")
    expect(page.get_by_label("Titre de la question 3")).to_have_value(QUESTIONS[2][0])

    page.get_by_label("Titre de l'annexe 1").fill("Tarifs et stocks par taille")
    page.get_by_label("Type de l'annexe 1").select_option(label="Tableau (collé depuis un tableur)")
    page.get_by_label("Contenu de l'annexe 1").fill(
        "Taille\tPrix TTC\tStock\n150 x 150\t79,00 €\t25\n150 x 250\t109,00 €\t25")
    _save(page, "Enregistrer les annexes")
    expect(page.get_by_label("Contenu de l'annexe 1")).to_have_value(
        "Taille;Prix TTC;Stock\n150 x 150;79,00 €;25\n150 x 250;109,00 €;25\n")

    page.get_by_label("Type de grille").select_option(
        label="TI / I / S / TS par compétence opérationnelle (2023-2025)")
    for n, (title, _text, _features) in enumerate(QUESTIONS, start=1):
        question = page.get_by_label(f"Question de la ligne {n}", exact=True)
        question.select_option(label=f"Question {n} — {title}")
        page.get_by_label(f"Critère de performance de la ligne {n}").select_option(label=CRITERION)
        page.get_by_label(f"Compétence évaluée de la ligne {n}").fill(f"Réaliser : {title.lower()}")
    _save(page, "Enregistrer la grille")
    expect(page.locator("#studio-summary")).to_contain_text("Sujet valide")
    expect(page.get_by_text("ce sujet en a 3 : il convient à l'entraînement").first).to_be_visible()

    # A second tab that is behind cannot overwrite: it is told why.
    other = page.context.new_page()
    other.goto(page.url)
    page.get_by_label("Titre du sujet").fill(FINAL)
    expect(_status(page)).to_contain_text("Brouillon enregistré à")
    other.get_by_label("Code du sujet").fill("E5B-2027-LN-K")
    expect(other.get_by_role("alert").filter(has_text="modifié dans un autre onglet")).to_be_visible()
    other.close()


def _pick(select, words: str) -> None:
    """Choose the option of a list whose visible label contains ``words``."""
    select.select_option(label=select.locator("option", has_text=words).inner_text().strip())


def _open_seat(page: Page, link: str) -> Page:
    """Open a seat shown in the studio in a new tab, as its link does (the studio page stays open)."""
    with page.context.expect_page() as tab:
        page.get_by_role("link", name=link).click()
    return tab.value


def _shop_admin(seat: Page, login: str, password: str) -> None:
    """Seat home › « Administration de la boutique » › login with the credentials the page showed."""
    seat.get_by_role("link", name="Administration de la boutique").click()
    seat.get_by_label("Adresse e-mail").fill(login)
    seat.get_by_label("Mot de passe").fill(password)
    seat.get_by_role("button", name="Se connecter").click()
    expect(seat.get_by_role("link", name="Tableau de bord")).to_be_visible()


def _switch_module(seat: Page, button: str) -> None:
    seat.get_by_role("link", name="Gestionnaire de modules").click()
    seat.get_by_role("button", name=button, exact=True).click()
    expect(seat.get_by_role("button", name=button, exact=True)).to_have_count(0)


def _card(page: Page) -> tuple[str, str]:
    """The back-office login and password a studio page shows for its seat."""
    card = page.locator(".seat-card")
    login = card.locator("dt", has_text="Identifiant de l'administration de la boutique").locator("+ dd")
    password = card.locator("dt", has_text="Mot de passe").locator("+ dd")
    return login.inner_text().strip(), password.inner_text().strip()


def _record(page: Page) -> None:
    """« Situation de départ »: the featured products switched off; « Corrigé »: switched on again."""
    page.get_by_role("link", name="Situation de départ").click()
    page.get_by_role("button", name="Préparer la situation de départ").click()
    seat = _open_seat(page, "Ouvrir le poste de la situation de départ")
    _shop_admin(seat, *_card(page))
    _switch_module(seat, "Désactiver le module Produits phares")
    seat.close()
    page.reload()
    expect(page.get_by_label("Garder la modification 1")).to_be_checked()
    # The change comes back field by field, in the words of its change type.
    entry = page.get_by_role("group", name=re.compile("Modification 1 : Module de la boutique"))
    expect(entry.get_by_label("Paramètre « module » de la modification 1")).to_have_value("featured")
    active = entry.get_by_label("Paramètre « active » de la modification 1")
    expect(active).to_have_value("false")
    expect(active.locator("option:checked")).to_have_text("Non")
    page.get_by_role("button", name="Enregistrer dans les modifications du sujet").click()
    expect(page.get_by_text("1 modification(s) enregistrée(s) dans le sujet")).to_be_visible()

    page.get_by_role("link", name="Corrigé", exact=True).click()
    page.get_by_role("button", name="Faire le corrigé").click()
    seat = _open_seat(page, "Ouvrir le poste du corrigé")
    _shop_admin(seat, *_card(page))
    _switch_module(seat, "Activer le module Produits phares")
    seat.close()
    page.reload()
    row = page.get_by_role("row").filter(has=page.get_by_label("Réglage de l'observable 1"))
    expect(row.locator("td[data-column=corrige]")).to_have_text("✓ vrai")
    expect(row.locator("td[data-column=depart]")).to_have_text("✗ faux")
    expect(page.get_by_label("Réglage de l'observable 1")).to_have_value(
        'check = "module.state"\nmodule = "featured"\nactive = true\n')
    _pick(page.get_by_label("Ligne de grille de l'observable 1"), MODULE_LINE)
    page.get_by_role("button", name="Ajouter les observables à la grille").click()
    expect(page.get_by_text("1 observable(s) ajouté(s) à la grille.")).to_be_visible()
    # Back in the editor, the line lists it in words, with « Retirer » should the author change their mind.
    expect(page.get_by_role("list", name="1 observable sur cette ligne :")).to_contain_text("featured")
    expect(page.get_by_role("button", name="Retirer l'observable 1 de la ligne 3")).to_be_visible()


def _try_and_export(page: Page, tmp_path: Path, live) -> None:
    """« Essayer comme candidat » shows the « Sujet » page as candidates read it; the export is checked."""
    expect(page.locator("#studio-summary")).to_contain_text("Sujet valide")  # back in the editor
    page.get_by_role("button", name="Essayer comme candidat").click()
    sheet = _open_seat(page, "Ouvrir la page « Sujet » du candidat")
    main = sheet.get_by_role("main")
    expect(main).to_contain_text(FINAL)
    expect(main).to_contain_text("Réactivez les produits phares de la page d'accueil.")
    expect(main).to_contain_text("Tarifs et stocks par taille")
    expect(sheet.get_by_role("cell", name="109,00 €")).to_be_visible()
    expect(main).not_to_contain_text("Réaliser :")  # never the grid
    sheet.close()

    page.get_by_role("link", name=re.compile(r"^brouillon ")).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter le sujet (.zip)").click()
    archive = tmp_path / download.value.suggested_filename
    download.value.save_as(archive)
    assert archive.name == "ln-boutique-j.zip"
    e5 = Path(sys.executable).with_name("e5")
    result = subprocess.run([str(e5), "--data", str(live.data), "subject", "check", str(archive)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Sujet valide : ln-boutique-j 1.0.0 — {FINAL}")


def _to_library(page: Page) -> None:
    """« Ajouter à la bibliothèque » from the draft, then « Préparer » the subject for today."""
    page.get_by_role("button", name="Ajouter à la bibliothèque").click()
    added = page.get_by_role("status").filter(has_text="« ln-boutique-j » est dans la bibliothèque")
    expect(added).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="ln-boutique-j")).to_contain_text("pas encore préparé")
    _pick(page.get_by_label("Sujet à préparer"), "ln-boutique-j")
    page.get_by_label("Date de l'épreuve").fill(date.today().isoformat())
    page.get_by_role("button", name="Préparer", exact=True).click()
    expect(page.get_by_role("row").filter(has_text="ln-boutique-j")).to_contain_text(
        date.today().strftime("%d/%m/%Y"))


def _practice(page: Page) -> str:
    """Console home › « Nouvelle séance d'entraînement » on the subject, seats prepared, the class view."""
    page.get_by_role("link", name="E5 Sandbox — console").click()
    page.get_by_role("link", name="Nouvelle séance d'entraînement").click()
    page.get_by_label("Titre de la séance").fill("TP produits phares")
    page.get_by_role("checkbox", name=re.compile(f"Sujet J — {FINAL}")).check()
    page.get_by_label("Liste de la classe (un nom par ligne)").fill(STUDENT)
    page.get_by_role("button", name="Créer la séance").click()
    code = page.locator("[data-class-code]").inner_text()
    page.get_by_role("button", name="Préparer les postes").click()
    expect(page.get_by_role("status").filter(has_text="1 postes prêts.")).to_be_visible()
    page.get_by_role("link", name="Vue de la classe").click()
    expect(page.get_by_role("status").filter(has_text="Direct : connecté")).to_be_visible()
    return code


def _student(browser, live, code: str) -> Page:
    """The student opens the class address, types the code, picks their name, logs into their back office."""
    page, login, password = join_practice(browser, live, code, STUDENT)
    _shop_admin(page, login, password)
    return page


def test_the_studio_walk_from_an_empty_draft_to_a_practice_session(browser, live, teacher, tmp_path):
    page = browser.new_context(accept_downloads=True).new_page()
    console_login(page, live, teacher)
    _write_draft(page)
    _record(page)
    _try_and_export(page, tmp_path, live)
    _to_library(page)
    code = _practice(page)

    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=STUDENT))
    cell = row.locator(f'td[data-line-text="{MODULE_LINE}"]')
    expect(cell).to_contain_text("✗ ")
    student = _student(browser, live, code)
    _switch_module(student, "Activer le module Produits phares")
    expect(cell).to_contain_text("✓ ", timeout=LIVE)

    # The draft has done its work: deleted from the studio's list, after a confirmation page.
    _nav(page, "Sujets")
    page.get_by_role("link", name="Studio des sujets : brouillons, import, versions").click()
    page.get_by_role("link", name="Supprimer le brouillon ln-boutique-j").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supprimer le brouillon « {FINAL} » ?")
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.get_by_role("status").filter(has_text=f"Brouillon « {FINAL} » supprimé")).to_be_visible()
    expect(page.get_by_text("Aucun brouillon pour l'instant.")).to_be_visible()
