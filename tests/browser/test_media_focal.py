"""S-MED-2 in a real browser: a candidate sets an image's focal point (click, then keyboard fields),
then crops it to 16:9 in an image block; the public page keeps the focal point in view."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from sandbox.seats import create_seat
from tests.browser.site_editor import pick
from tests.browser.test_site_admin import _add_block, _login, _observe


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (90, 140, 120)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.feature("S-MED-2")
def test_focal_point_and_crop(browser, live):
    seat = create_seat(live.data, "site-focale")
    page = browser.new_context().new_page()
    _login(page, live, seat.name, seat.site_login, seat.password)
    page.get_by_role("link", name="Médias").click()
    page.get_by_label("Fichier à téléverser").set_input_files(
        files=[{"name": "vitrine-focale.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.get_by_role("button", name="Téléverser", exact=True).click()
    horizontal = page.get_by_label("Point focal horizontal (%)")
    vertical = page.get_by_label("Point focal vertical (%)")
    expect(horizontal).to_have_value("50")
    picture = page.locator("#focal-picker img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.1, "y": box["height"] * 0.9})
    expect(horizontal).to_have_value("10")
    expect(vertical).to_have_value("90")
    horizontal.fill("120")
    page.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_text("doit être un nombre entier entre 0 et 100")).to_be_visible()
    expect(page.get_by_label("Point focal horizontal (%)")).to_have_value("120")
    page.get_by_label("Point focal horizontal (%)").fill("20")
    page.get_by_label("Point focal vertical (%)").fill("75")
    page.get_by_label("Texte alternatif").fill("Vitrine de la boutique")
    page.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_role("status")).to_contain_text("Média mis à jour")

    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ajouter", exact=True).click()
    page.get_by_label("Titre", exact=True).fill("Notre vitrine")
    block = _add_block(page, "Image", 1)
    pick(page, "Image", "vitrine focale", search="vitrine")
    block.get_by_label("Recadrage").select_option(label="16:9")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("publié")
    page.get_by_role("link", name="Voir l'article").click()
    image = page.locator(".entry-content").get_by_role("img", name="Vitrine de la boutique")
    expect(image).to_have_css("object-position", "20% 75%")
    expect(image).to_have_css("aspect-ratio", "16 / 9")
    observed = _observe(live, seat.name, "media.focal_point", filename_contains="vitrine-focale", x=20, y=75)
    assert observed.ok, observed.sentence
