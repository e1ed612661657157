"""Issue 9 (site media and widgets) in a real browser: the media picker everywhere WordPress has one (featured
image, site logo, gallery widget), the file URL copied from Médias, the « Flux RSS » widget (own feed listed,
outside feed shown offline) and the editor's link bar shown only on « Lien »."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.site_editor import add_block as _add_block
from tests.browser.site_editor import candidate, new_post, pick, publish_and_view


@pytest.mark.feature("S-APP-2", "S-CON-4", "S-APP-1")
def test_featured_image_and_logo_are_picked_from_thumbnails(browser, live):
    seat, feed, page = candidate(browser, live, "media-choix")
    new_post(page, "Notre showroom")
    paragraph = _add_block(page, "Paragraphe", 1).get_by_label("Texte du paragraphe")
    link_bar = page.get_by_label("Adresse du lien")
    expect(link_bar).to_be_hidden()  # as in Gutenberg, the link field appears only when « Lien » is clicked
    paragraph.type("Venez nous voir")
    page.get_by_role("toolbar", name="Mise en forme").get_by_role("button", name="Lien").click()
    expect(link_bar).to_be_visible()
    page.get_by_role("button", name="Annuler").click()
    expect(link_bar).to_be_hidden()
    # The picker by keyboard only: Entrée opens it, typing searches, Tab reaches the thumbnail, Espace
    # chooses it, Tab then Entrée confirm, and the focus comes back to the opener.
    opener = page.get_by_role("button", name="Choisir dans la médiathèque : Image mise en avant", exact=True)
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Image mise en avant")
    expect(dialog.get_by_label("Rechercher des médias")).to_be_focused()
    page.keyboard.type("showroom")
    thumbnail = dialog.get_by_role("button", name="Le showroom de Roubaix", exact=True)
    expect(dialog.locator(".picker-item")).to_have_count(1)
    page.keyboard.press("Tab")
    expect(thumbnail).to_be_focused()
    page.keyboard.press("Space")
    expect(thumbnail).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    expect(page.locator(".media-field__preview img")).to_have_count(1)
    publish_and_view(page)
    featured = page.locator(".entry-featured img")
    expect(featured).to_have_attribute("src", re.compile(r"showroom-roubaix\.jpg$"))

    admin_bar = page.get_by_role("navigation", name="Barre d'administration")
    admin_bar.get_by_role("link", name="Tableau de bord").click()
    page.get_by_role("link", name="Apparence", exact=True).click()
    current = page.locator("#identity .media-field__preview img")  # the current logo, as a thumbnail
    expect(current).to_have_attribute("src", re.compile(r"logo-lin-et-nature\.png$"))
    pick(page, "Logo", "Nouveau logo Lin & Nature (2027)", search="2027")
    expect(current).to_have_attribute("src", re.compile(r"logo-lin-et-nature-2027\.png$"))
    page.get_by_role("button", name="Publier — Identité du site").click()
    expect(page.get_by_role("status")).to_contain_text("Modifications publiées")
    pick(page, "Photo ou vidéo d'en-tête", "Visite de l'atelier (vidéo)", family="Vidéos")  # the seeded video
    page.get_by_role("button", name="Publier — En-tête").click()
    expect(page.get_by_role("status")).to_contain_text("Modifications publiées")
    page.get_by_role("banner").get_by_role("link", name="Voir le site").click()
    logo = page.locator(".site-logo img")
    expect(logo).to_have_attribute("src", re.compile(r"logo-lin-et-nature-2027\.png$"))
    header = page.get_by_role("region", name="En-tête du site").locator("video")
    expect(header).to_have_attribute("src", re.compile(r"visite-de-l-atelier\.webm$"))
    expect(feed).to_contain_text(re.compile(r"Article « Notre showroom » publié — .*blocs : Paragraphe"))


def test_media_details_copy_the_file_url(browser, live):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    seat, _feed, page = candidate(browser, live, "media-url", watched=False, context=context)
    page.get_by_role("link", name="Médias", exact=True).click()
    page.get_by_label("Rechercher des médias").fill("champ")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Champ de lin en fleur").click()
    url = page.get_by_label("URL du fichier")
    address = rf"^{re.escape(live.url)}/s/{seat.name}/media/\d+/champ-de-lin-en-fleur\.jpg$"
    expect(url).to_have_value(re.compile(address))
    page.get_by_role("button", name="Copier l'URL dans le presse-papiers").click()
    expect(page.get_by_text("URL copiée dans le presse-papiers.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == url.input_value()
    page.goto(url.input_value())  # the copied address really serves the picture
    assert page.evaluate("document.contentType") == "image/jpeg"


@pytest.mark.feature("S-APP-5")
def test_rss_and_gallery_widgets(browser, live):
    seat, feed, page = candidate(browser, live, "widgets-flux")
    page.get_by_role("link", name="Apparence", exact=True).click()
    page.get_by_role("link", name="Widgets", exact=True).click()
    for title, url in (("Nos actualités", ""), ("Revue de presse", "https://presse.exemple.fr/feed")):
        page.get_by_label("Zone").select_option(label="Pied de page")
        page.get_by_label("Type de widget").select_option(label="Flux RSS")
        page.get_by_label("Titre", exact=True).fill(title)
        page.get_by_label("Nombre d'éléments à afficher").fill("3")
        page.get_by_label("Adresse du flux RSS").fill(url)
        page.get_by_role("button", name="Ajouter le widget").click()
        expect(page.get_by_role("status")).to_contain_text("ajouté à la zone Pied de page")
    page.get_by_label("Zone").select_option(label="Pied de page")
    page.get_by_label("Type de widget").select_option(label="Galerie")
    page.get_by_label("Titre", exact=True).fill("L'atelier en images")
    page.get_by_role("button", name="Choisir dans la médiathèque : Images de la galerie").click()
    dialog = page.get_by_role("dialog", name="Images de la galerie")
    dialog.get_by_role("button", name="Champ de lin en fleur", exact=True).click()
    dialog.get_by_role("button", name="L'atelier de confection", exact=True).click()
    dialog.get_by_role("button", name="Sélectionner (2)").click()
    page.get_by_role("button", name="Ajouter le widget").click()
    expect(page.get_by_role("status")).to_contain_text("ajouté à la zone Pied de page")

    page.get_by_role("banner").get_by_role("link", name="Voir le site").click()
    footer = page.get_by_role("complementary", name="Widgets du pied de page")
    own = footer.locator(".widget--rss").filter(has_text="Nos actualités")
    expect(own.locator("li")).to_have_count(3)
    outside = footer.locator(".widget--rss").filter(has_text="Revue de presse")
    expect(outside).to_contain_text("Flux RSS externe (presse.exemple.fr)")
    gallery = footer.locator(".widget--gallery img")
    expect(gallery).to_have_count(2)
    first_title = own.locator("li a").first.inner_text()
    href = own.get_by_role("link", name="S'abonner au flux RSS").get_attribute("href")
    rss = page.request.get(live.url + href)
    assert rss.headers["content-type"].startswith("application/rss+xml")
    assert f"<title>{first_title}</title>" in rss.text()
    outside.get_by_role("link", name="Ouvrir le flux").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce lien mène hors du site d'examen")
    expect(feed).to_contain_text(
        "Widget « Flux RSS – Revue de presse » (Pied de page) ajouté — adresse du flux : "
        "« https://presse.exemple.fr/feed » (flux externe, affiché hors ligne)")
    expect(feed).to_contain_text(
        "Widget « Galerie – L'atelier en images » (Pied de page) ajouté — images de la galerie : 2 images (")
    expect(feed).to_contain_text("Tentative de sortie du site d'examen vers https://presse.exemple.fr/feed")
