"""A seat prepared for a December practice day, in a real browser: the back office's orders and statistics
end the day before the seat's date, like a real shop's would."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from grading.demo import DEMO_SUBJECT
from sandbox.seats import create_seat
from sandbox.subjects.prepare import prepare_subject

DAY = date(2026, 12, 5)


def test_a_december_seat_shows_orders_and_statistics_up_to_the_day_before(browser, live):
    seat = create_seat(live.data, "clock-a", template=prepare_subject(live.data, DEMO_SUBJECT, DAY))
    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Administration de la boutique").click()
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
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
