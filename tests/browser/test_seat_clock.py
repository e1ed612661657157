"""A December practice session in a real browser: the teacher prepares subject A for 05/12/2026 from the
subject library and prepares the seats; a student joins with the class code and finds a shop whose orders
and statistics end the day before, like a real shop's would."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import expect

from grading.accounts import create_user

TEACHER = ("prof-decembre", "prof-decembre-2026")


def test_a_december_practice_seat_has_orders_and_statistics_up_to_the_day_before(browser, live):
    create_user(live.data, TEACHER[0], TEACHER[1], "teacher", "Mme Professeure")
    teacher = browser.new_context().new_page()
    teacher.goto(f"{live.url}/console/connexion")
    teacher.get_by_label("Identifiant").fill(TEACHER[0])
    teacher.get_by_label("Mot de passe").fill(TEACHER[1])
    teacher.get_by_role("button", name="Se connecter").click()
    teacher.get_by_role("link", name="Sujets", exact=True).click()
    teacher.get_by_label("Sujet à préparer").select_option(value="ln-boutique-a")
    teacher.get_by_label("Date de l'épreuve").fill("2026-12-05")
    teacher.get_by_role("button", name="Préparer", exact=True).click()
    expect(teacher.get_by_role("status").filter(has_text="préparé pour le 05/12/2026")).to_be_visible(
        timeout=30_000)
    teacher.get_by_role("link", name="Mes séances d'entraînement").click()
    teacher.get_by_role("link", name="Nouvelle séance d'entraînement").click()
    teacher.get_by_label("Titre de la séance").fill("TP statistiques de décembre")
    subject_a = re.compile(r"Sujet A .*05.12.2026")  # (a « / » in the pattern breaks Playwright's selector)
    teacher.get_by_role("checkbox", name=subject_a).check()
    teacher.get_by_label("Liste de la classe (un nom par ligne)").fill("Léa Roux\nHugo Garcia")
    teacher.get_by_role("button", name="Créer la séance").click()
    code = teacher.locator("[data-class-code]").inner_text()
    teacher.get_by_role("button", name="Préparer les postes").click()
    expect(teacher.get_by_role("status").filter(has_text="2 postes prêts.")).to_be_visible()

    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(f"{live.url}/entrainement/")
    page.get_by_label("Code de la classe").fill(code)
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Votre nom").select_option(label="Hugo Garcia")
    page.get_by_role("button", name="Ouvrir mon poste").click()
    login = page.locator("[data-login]").inner_text()
    password = page.locator("[data-password]").inner_text()
    page.get_by_role("link", name="ouvrez votre poste").click()
    page.get_by_role("link", name="Administration de la boutique").click()
    page.get_by_label("Adresse e-mail").fill(login)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()

    page.get_by_role("link", name="Commandes", exact=True).first.click()
    expect(page.get_by_role("heading", name="Commandes", level=1)).to_be_visible()
    newest = page.get_by_role("table").first.get_by_role("row").nth(1)
    expect(newest).to_contain_text("04/12/2026")  # the latest order: yesterday, never in the future

    page.get_by_role("link", name="Statistiques").click()
    expect(page.locator("#periode-courante")).to_contain_text("Du 06/11/2026 au 05/12/2026")
    visits = page.get_by_role("table").first.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Visites", exact=True)).get_by_role("cell").first
    assert int("".join(ch for ch in visits.inner_text() if ch.isdigit())) > 1000  # a month of visits
    with page.expect_download() as info:
        page.get_by_role("link", name="Exporter les chiffres par jour (CSV)").click()
    content = Path(info.value.path()).read_text(encoding="utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))[1:]
    assert [r[0] for r in rows[-2:]] == ["04/12/2026", "05/12/2026"]
    assert all(int(r[1]) > 0 for r in rows[:-1]) and rows[-1][1] == "0"  # nothing yet today
