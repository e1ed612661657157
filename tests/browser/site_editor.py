"""The site editor as a WordPress 6 user works it, shared by the site's browser tests: a new article, blocks
added with « Ajouter un bloc », media chosen in the picker, « Publier » then the public page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from sandbox.seats import create_seat
from tests.browser.back_offices import enter_site_admin
from tests.browser.conftest import seat_feed


def add_block(page, label: str, number: int):
    """« Ajouter un bloc » › the block type; returns the new block's group (« Bloc 2 : Colonnes »)."""
    page.get_by_role("button", name="Ajouter un bloc").click()
    page.get_by_role("group", name="Types de blocs").get_by_role("button", name=label, exact=True).click()
    block = page.get_by_role("group", name=f"Bloc {number} : {label}")
    expect(block).to_be_visible()
    return block


def new_post(page, title: str) -> None:
    """« Articles › Ajouter » with a title."""
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ajouter", exact=True).click()
    page.get_by_label("Titre", exact=True).fill(title)


def publish_and_view(page):
    """« Publier », then « Voir l'article »: the public content area."""
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("publié")
    page.get_by_role("link", name="Voir l'article").click()
    return page.locator(".entry-content")


def pick(page, opener_name: str, item: str, *, search: str = "", family: str = "") -> None:
    """Open a media field's picker, filter it, choose a thumbnail and confirm."""
    page.get_by_role("button", name=f"Choisir dans la médiathèque : {opener_name}", exact=True).click()
    dialog = page.get_by_role("dialog", name=opener_name)
    expect(dialog).to_be_visible()
    if family:
        dialog.get_by_label("Type de média").select_option(label=family)
    if search:
        dialog.get_by_label("Rechercher des médias").fill(search)
    dialog.get_by_role("button", name=item, exact=True).click()
    expect(dialog.get_by_role("button", name=item, exact=True)).to_have_attribute("aria-pressed", "true")
    dialog.get_by_role("button", name=re.compile(r"^Sélectionner")).click()
    expect(dialog).to_be_hidden()


def candidate(browser, live, seat_name: str, *, watched: bool = True, context=None):
    """A new seat, the console's feed watching it (when asked) and its candidate in the site back office."""
    seat = create_seat(live.data, seat_name)
    feed = seat_feed(browser, live, seat) if watched else None
    page = (context or browser.new_context()).new_page()
    enter_site_admin(page, live, seat)
    return seat, feed, page
