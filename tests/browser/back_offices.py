"""The candidate's way into each back office, as a user arrives: from the seat home, by the link's name, then
the login form by its labels (written once here instead of in each test)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def enter_shop_admin(page: Page, live, seat) -> None:
    """Seat home › « Administration de la boutique » › login, up to the dashboard."""
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Administration de la boutique").click()
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name="Tableau de bord")).to_be_visible()


def enter_site_admin(page: Page, live, seat) -> None:
    """Seat home › « Administration du site vitrine » › login, up to the dashboard."""
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Administration du site vitrine").click()
    page.get_by_label("Identifiant ou adresse e-mail").fill(seat.site_login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()
