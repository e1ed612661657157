"""The public page shows a layout block as what it is (tryout of issue 9): a Bannière without image is a
coloured panel, Colonnes stand side by side, a Diaporama is a strip of slides, not a bulleted list."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_site_admin import _add_block
from tests.browser.test_site_blocks import candidate, new_post, pick, publish_and_view


def test_banner_columns_and_slides_are_laid_out_on_the_public_page(browser, live):
    _seat, _feed, page = candidate(browser, live, "blocs-mise-en-page", watched=False)
    new_post(page, "Nos univers")
    banner = _add_block(page, "Bannière", 1)
    banner.get_by_label("Titre de la bannière").fill("Le lin du Nord")
    columns = _add_block(page, "Colonnes", 2)
    for number, text in ((1, "Tissé à Roubaix."), (2, "Lavé à la pierre.")):
        column = columns.get_by_role("group", name=f"Colonne {number}")
        column.get_by_role("group", name=f"Ajouter dans la colonne {number}").get_by_role(
            "button", name="Paragraphe").click()
        column.get_by_label("Texte du paragraphe").type(text)
    slider = _add_block(page, "Diaporama", 3)
    slider.get_by_role("button", name="Ajouter : diapositive").click()
    pick(page, "Image de la diapositive", "L'atelier de confection")
    slider.get_by_label("Légende de la diapositive").fill("L'atelier")
    slider.get_by_role("button", name="Ajouter : diapositive").click()
    slider.get_by_label("Légende de la diapositive").nth(1).fill("Le champ en fleur")

    content = publish_and_view(page)
    cover = content.locator(".block-cover")
    expect(cover.get_by_role("heading", name="Le lin du Nord")).to_be_visible()
    # Without an image the banner is still a banner: light text on a dark panel, not bare text on the page.
    background = cover.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert cover.get_by_role("heading").evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"

    left = content.get_by_text("Tissé à Roubaix.").bounding_box()
    right = content.get_by_text("Lavé à la pierre.").bounding_box()
    assert abs(left["y"] - right["y"]) < 2 and right["x"] > left["x"] + left["width"], (left, right)

    slides = content.locator(".block-slider li")
    expect(slides).to_have_count(2)
    assert slides.first.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    first, second = slides.nth(0).bounding_box(), slides.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] >= first["x"] + first["width"], (first, second)
    expect(slides.first.get_by_role("img")).to_be_visible()

    # Saving the published post again is an update, as WordPress says it.
    page.get_by_role("link", name="Modifier l'article").click()
    page.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_role("status")).to_contain_text("Article « Nos univers » mis à jour.")


def test_a_page_is_told_saved_published_then_updated_in_agreed_french(browser, live):
    _seat, _feed, page = candidate(browser, live, "page-accords", watched=False)
    page.get_by_role("link", name="Pages", exact=True).click()
    page.get_by_role("link", name="Ajouter une page").click()
    page.get_by_label("Titre", exact=True).fill("Notre atelier")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("status")).to_have_text("Page « Notre atelier » enregistrée comme brouillon.")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_have_text("Page « Notre atelier » publiée.")
    page.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_role("status")).to_have_text("Page « Notre atelier » mise à jour.")
