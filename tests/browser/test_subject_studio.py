"""A teacher, from the console home, writes a boutique subject in the studio from an empty draft (header,
context, four questions — a subject has 4 or 5 —, an annex table pasted from a spreadsheet, a TI/I/S/TS
grid), sees the checks beside the fields, the autosave survive a reload, a second tab refused, tries it as
a candidate, exports it; `e5 subject check` accepts the export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from grading.accounts import create_user

TEACHER = ("prof-studio", "studio-2027-prof")
CRITERION = "Pertinence des choix et des actions menées pour développer les ventes et créer de la valeur"
QUESTIONS = [
    ("Compléter la fiche de la nappe", "Complétez la fiche produit à partir de l'annexe 1.",
     ["B-CAT-1", "B-CAT-5"]),
    ("Créer une réduction", "Créez le code **ETE27** de 10 % dès 60 € d'achat.", ["B-PRO-2"]),
    ("Répondre à une cliente", "Répondez au message de Mme Marchal.", ["B-SAV-1"]),
    ("Mettre à jour le menu", "Ajoutez la catégorie au menu principal.", []),
]


@pytest.fixture(scope="module")
def teacher(live):
    create_user(live.data, TEACHER[0], TEACHER[1], "teacher", "Mme Studio")
    return TEACHER


def _save(page, button: str) -> None:
    """Click a part's button and wait for the page to come back."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    expect(page.get_by_role("status").filter(has_text="Enregistré.")).to_be_visible()


def _status(page):
    return page.get_by_role("status").filter(has_text="Brouillon enregistré")


def test_a_teacher_writes_exports_and_checks_a_subject(page, live, teacher, tmp_path):
    page.goto(f"{live.url}/console/connexion")
    page.get_by_label("Identifiant").fill(teacher[0])
    page.get_by_label("Mot de passe").fill(teacher[1])
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Sujets").click()
    page.get_by_label("Site du sujet").select_option(label="Boutique en ligne")
    page.get_by_role("button", name="Nouveau sujet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau sujet")
    expect(page.locator("#studio-summary")).to_contain_text("valeur manquante ou vide")

    # Header, typed then autosaved: a reload shows it again (nothing lost if the browser closes).
    page.get_by_label("Titre du sujet").fill("Préparer la saison des repas en extérieur")
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
    expect(page.get_by_label("Titre du sujet")).to_have_value("Préparer la saison des repas en extérieur")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sujet J — Préparer la saison des repas en extérieur")

    # Texts with their preview.
    page.get_by_label("Contexte commercial", exact=True).fill(
        "**Lin & Nature** vend du linge de maison en lin.")
    page.get_by_label("Mise en situation", exact=True).fill("Vous êtes en stage auprès de M. Delannoy.")
    expect(page.get_by_role("region", name="Aperçu du contexte commercial").locator("strong")).to_have_text(
        "Lin & Nature")

    # Questions with features from the national list.
    for n, (title, text, features) in enumerate(QUESTIONS, start=1):
        page.get_by_label(f"Titre de la question {n}").fill(title)
        page.get_by_label(f"Énoncé de la question {n}").fill(text)
        if features:
            page.get_by_label(f"Fonctionnalités de la question {n}").select_option(features)
    _save(page, "Enregistrer les questions")
    expect(page.get_by_label("Titre de la question 4")).to_have_value("Mettre à jour le menu")

    # An annex table pasted from a spreadsheet (tab-separated).
    page.get_by_label("Titre de l'annexe 1").fill("Tarifs et stocks par taille")
    page.get_by_label("Type de l'annexe 1").select_option(label="Tableau (collé depuis un tableur)")
    pasted = "Taille\tPrix TTC\tStock\n150 x 150\t79,00 €\t25\n150 x 250\t109,00 €\t25"
    page.get_by_label("Contenu de l'annexe 1").fill(pasted)
    _save(page, "Enregistrer les annexes")
    expect(page.get_by_label("Contenu de l'annexe 1")).to_have_value(
        "Taille;Prix TTC;Stock\n150 x 150;79,00 €;25\n150 x 250;109,00 €;25\n")
    expect(page.get_by_label("Titre de l'annexe 2")).to_have_value("")

    # The grid: TI / I / S / TS, a line per question, criteria picked from the référentiel.
    page.get_by_label("Type de grille").select_option(
        label="TI / I / S / TS par compétence opérationnelle (2023-2025)")
    for n, (title, _text, _features) in enumerate(QUESTIONS, start=1):
        question = page.get_by_label(f"Question de la ligne {n}", exact=True)
        question.select_option(label=f"Question {n} — {title}")
        page.get_by_label(f"Critère de performance de la ligne {n}").select_option(label=CRITERION)
        page.get_by_label(f"Compétence évaluée de la ligne {n}").fill(f"Réaliser : {title.lower()}")
    _save(page, "Enregistrer la grille")
    expect(page.locator("#studio-summary")).to_contain_text("Sujet valide")

    # A second tab that is behind cannot overwrite: it is told why.
    other = page.context.new_page()
    other.goto(page.url)
    page.get_by_label("Titre du sujet").fill("Préparer la saison des repas en terrasse")
    expect(_status(page)).to_contain_text("Brouillon enregistré à")
    other.get_by_label("Code du sujet").fill("E5B-2027-LN-K")
    expect(other.get_by_role("alert").filter(has_text="modifié dans un autre onglet")).to_be_visible()
    other.close()

    # Try it as a candidate: the « Sujet » page as candidates see it.
    editor = page.url
    page.get_by_role("button", name="Essayer comme candidat").click()
    page.get_by_role("link", name="Ouvrir la page « Sujet » du candidat").click()
    expect(page.get_by_role("main")).to_contain_text("Préparer la saison des repas en terrasse")
    expect(page.get_by_role("main")).to_contain_text("Répondez au message de Mme Marchal.")
    expect(page.get_by_role("main")).to_contain_text("Tarifs et stocks par taille")
    expect(page.get_by_role("cell", name="109,00 €")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("Réaliser :")  # never the grid
    page.goto(editor)  # the seat was opened in the same tab: back to the studio

    # Export, then the command line accepts the archive.
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter le sujet (.zip)").click()
    archive = tmp_path / download.value.suggested_filename
    download.value.save_as(archive)
    assert archive.name == "ln-boutique-j.zip"
    e5 = Path(sys.executable).with_name("e5")
    result = subprocess.run([str(e5), "--data", str(live.data), "subject", "check", str(archive)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(
        "Sujet valide : ln-boutique-j 1.0.0 — Préparer la saison des repas en terrasse")
