"""« Statistiques » in a real browser: pick a period, KPIs and charts render, a CSV downloads; the
RGPD erasure of a customer; the coverage page of the console."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from sandbox.seats import create_seat
from tests.browser.conftest import console_login


def _admin_login(page, base: str, seat) -> None:
    page.goto(f"{base}/s/{seat.name}/boutique/admin/login")
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()


@pytest.mark.feature("X-STA-1")
def test_statistics_period_charts_and_csv(browser, live):
    seat = create_seat(live.data, "stats-a")
    page = browser.new_context(accept_downloads=True).new_page()
    _admin_login(page, live.url, seat)
    page.get_by_role("link", name="Statistiques").click()
    expect(page.get_by_role("heading", name="Statistiques", level=1)).to_be_visible()

    page.get_by_role("link", name="Mois précédent").click()
    expect(page.locator("#periode-courante")).to_contain_text("Du 01/04/2027 au 30/04/2027")
    page.get_by_label("Date de début", exact=True).fill("01/03/2027")
    page.get_by_label("Date de fin", exact=True).fill("31/03/2027")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("#periode-courante")).to_contain_text("Du 01/03/2027 au 31/03/2027")

    kpis = page.get_by_role("table").first
    for label in ("Visites", "Taux de conversion", "Panier moyen TTC", "Paniers abandonnés"):
        expect(kpis.get_by_role("rowheader", name=label)).to_be_visible()
    expect(page.get_by_role("img", name="Visites et visiteurs par jour")).to_be_visible()
    expect(page.get_by_role("img", name="Visites par source")).to_be_visible()
    page.get_by_text("Données du graphique").first.click()

    with page.expect_download() as info:
        page.get_by_role("link", name="Exporter les produits (CSV)").click()
    download = info.value
    assert download.suggested_filename == "statistiques-produits-20270301-20270331.csv"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert content.startswith("\ufeffRéférence;Produit;Quantité vendue;Ventes HT")


@pytest.mark.feature("X-STA-2")
def test_gdpr_erase_and_coverage_page(browser, live):
    seat = create_seat(live.data, "rgpd-a")
    page = browser.new_context().new_page()
    _admin_login(page, live.url, seat)
    page.get_by_role("link", name="RGPD").click()
    page.get_by_label("Nom ou adresse e-mail").fill("hotel-les-hirondelles")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Joséphine Descamps").click()
    page.get_by_label("Adresse e-mail du client (confirmation)").fill("josephine@hotel-les-hirondelles.fr")
    page.get_by_role("button", name="Effacer les données personnelles").click()
    expect(page.get_by_text("Les données personnelles du client ont été effacées")).to_be_visible()
    expect(page.get_by_role("heading", name="RGPD : Anonyme Client 393")).to_be_visible()

    examiner = browser.new_context().new_page()
    console_login(examiner, live)
    examiner.get_by_role("link", name="Couverture").click()
    expect(examiner.get_by_role("heading", name="Couverture des fonctionnalités")).to_be_visible()
    row = examiner.get_by_role("row", name="X-STA-1")
    expect(row.get_by_text("shop_admin.statistics", exact=True)).to_be_visible()  # the screen
    expect(row.get_by_text("tests/browser/test_statistics.py::test_statistics_period_charts_and_csv")).to_be_visible()
