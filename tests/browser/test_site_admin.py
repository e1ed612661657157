"""Issue 5 (part 1) in a real browser: a candidate writes and publishes a post with the block editor,
describes a media item, switches the SEO extension on, and creates an author whose rights are limited."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models import Post
from sandbox.seats import create_seat
from sandbox.subjects.observables import ObserveContext, check_types
from tests.browser.site_editor import add_block as _add_block
from tests.browser.site_editor import pick


def _db(live, seat_name: str) -> Session:
    return Session(storage_for(live.data).engine("seats", seat_name))


def _observe(live, seat_name: str, check: str, **params):
    check_type = check_types()[check]
    defaults = {k: p.default for k, p in check_type.params.items() if p.default is not None}
    with _db(live, seat_name) as db:
        return check_type.func(ObserveContext(db, {}, seat_today(db)), {**defaults, **params})


def _login(page, live, seat_name: str, login: str, password: str) -> None:
    page.goto(f"{live.url}/s/{seat_name}/site/admin/login")
    page.get_by_label("Identifiant ou adresse e-mail").fill(login)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()


@pytest.mark.feature("S-CON-1", "S-CON-2", "S-CON-6", "S-SEO-1")
def test_article_with_blocks_published(browser, live):
    seat = create_seat(live.data, "site-article")
    page = browser.new_context().new_page()
    _login(page, live, seat.name, seat.site_login, seat.password)
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ajouter", exact=True).click()
    page.get_by_label("Titre", exact=True).fill("Portes ouvertes 2027")

    _add_block(page, "Titre", 1).get_by_label("Texte du titre").fill("Un atelier ouvert à tous")
    text = _add_block(page, "Paragraphe", 2).get_by_label("Texte du paragraphe")
    text.type("Venez voir le lin ")
    text.press("Control+b")
    text.type("lavé")
    text.press("Control+b")
    text.type(" et notre blog")
    for _ in range(4):
        text.press("Shift+ArrowLeft")
    text.press("Control+k")
    page.get_by_label("Adresse du lien").fill(f"/s/{seat.name}/site/blog")
    page.get_by_role("button", name="Appliquer le lien").click()
    block = _add_block(page, "Image", 3)
    pick(page, "Image", "Champ de lin en fleur", search="champ")  # the library comes on demand, in the picker
    block.get_by_label("Texte alternatif").fill("Rouleaux de lin dans l'atelier")
    block = _add_block(page, "Bouton", 4)
    block.get_by_label("Texte du bouton").fill("Prendre rendez-vous")
    block.get_by_label("Adresse du lien du bouton").fill("https://exemple.fr/rdv")
    table = _add_block(page, "Tableau", 5)
    for (row, col), value in {
        (1, 1): "Jour",
        (1, 2): "Horaires",
        (2, 1): "Samedi",
        (2, 2): "10 h – 18 h",
    }.items():
        table.get_by_label(f"Ligne {row}, colonne {col}").fill(value)
    table.get_by_label("Première ligne = en-têtes").check()
    page.get_by_role("button", name="Monter le bloc 5 (Tableau)").click()  # keyboard-reachable reordering
    page.get_by_role("button", name="Descendre le bloc 4 (Tableau)").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("Article « Portes ouvertes 2027 » publié")

    page.get_by_role("link", name="Voir l'article").click()
    content = page.locator(".entry-content")
    expect(content.get_by_role("heading", name="Un atelier ouvert à tous", level=2)).to_be_visible()
    expect(content.locator("strong")).to_have_text("lavé")
    expect(content.get_by_role("link", name="blog")).to_have_attribute("href", f"/s/{seat.name}/site/blog")
    expect(content.get_by_role("img", name="Rouleaux de lin dans l'atelier")).to_be_visible()
    expect(content.get_by_role("cell", name="Samedi")).to_be_visible()
    expect(content.get_by_role("columnheader", name="Horaires")).to_be_visible()
    expect(content.get_by_role("link", name="Prendre rendez-vous")).to_have_attribute(
        "href", re.compile("sortie")
    )
    expect(page.get_by_role("link", name="Modifier l'article")).to_be_visible()  # admin bar, one click back

    published = _observe(
        live, seat.name, "post.published", title_contains="Portes ouvertes", min_headings=1, min_images_alt=1
    )
    structure = _observe(
        live,
        seat.name,
        "post.structure",
        title_contains="Portes ouvertes",
        blocks=["button", "table", "image"],
        min_h2=1,
        min_internal_links=1,
        min_external_links=1,
    )
    assert published.ok and structure.ok, (published.sentence, structure.sentence)
    print(published.sentence, structure.sentence, sep="\n")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 140, 90)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.feature("S-MED-1", "S-MED-3", "S-CON-4")
def test_media_upload_and_texts(browser, live):
    seat = create_seat(live.data, "site-medias")
    page = browser.new_context().new_page()
    _login(page, live, seat.name, seat.site_login, seat.password)
    page.get_by_role("link", name="Médias").click()
    page.get_by_label("Fichier à téléverser").set_input_files(
        files=[{"name": "faux.png", "mimeType": "image/png", "buffer": b"<script>alert(1)</script>"}]
    )
    page.get_by_role("button", name="Téléverser", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Type de fichier non accepté")
    page.get_by_label("Fichier à téléverser").set_input_files(
        files=[{"name": "portes-ouvertes.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.get_by_role("button", name="Téléverser", exact=True).click()
    page.get_by_label("Texte alternatif").fill("Affiche des portes ouvertes")
    page.get_by_label("Titre").fill("Affiche portes ouvertes")
    page.get_by_label("Légende").fill("Samedi 20 mars")
    page.get_by_role("button", name="Mettre à jour").click()
    expect(page.get_by_role("status")).to_contain_text("Média mis à jour")
    observed = _observe(
        live,
        seat.name,
        "media.texts",
        filename_contains="portes-ouvertes",
        alt=True,
        caption=True,
        title=True,
    )
    assert observed.ok, observed.sentence


@pytest.mark.feature("S-SEO-4", "S-SEO-2")
def test_seo_extension(browser, live):
    seat = create_seat(live.data, "site-seo")
    page = browser.new_context().new_page()
    _login(page, live, seat.name, seat.site_login, seat.password)
    page.get_by_role("link", name="Extensions").click()
    page.get_by_role("button", name="Activer SEO Facile").click()
    expect(page.get_by_role("status")).to_contain_text("activée")
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ajouter", exact=True).click()
    page.get_by_label("Titre", exact=True).fill("Linge de lit en lin lavé")
    _add_block(page, "Paragraphe", 1).get_by_label("Texte du paragraphe").type(
        "Notre linge de lit en lin est tissé en France."
    )
    page.get_by_label("Requête cible").fill("linge de lit")
    description = (
        "Découvrez notre linge de lit en lin lavé, tissé en France : draps, housses et taies "
        "aux couleurs naturelles, doux dès le premier lavage."
    )
    page.get_by_label("Méta description").fill(description)
    page.get_by_role("button", name="Publier").click()
    checks = page.get_by_role("list", name="Analyse SEO")
    for key in ("keyphrase_title", "keyphrase_intro", "keyphrase_slug", "description"):
        expect(checks.locator(f"[data-check={key}]")).to_have_class(re.compile("seo-check--good"))
    expect(page.get_by_label("Aperçu du résultat de recherche")).to_contain_text("Linge de lit en lin lavé")
    page.get_by_role("link", name="Voir l'article").click()
    expect(page.locator('meta[name="description"]')).to_have_attribute("content", description)
    assert _observe(live, seat.name, "plugin.active").ok
    seo = _observe(live, seat.name, "post.seo", title_contains="Linge de lit", keyphrase_in_title=True)
    assert seo.ok, seo.sentence


@pytest.mark.feature("S-USR-1", "S-USR-2")
def test_users_and_roles(browser, live):
    seat = create_seat(live.data, "site-users")
    with _db(live, seat.name) as db:
        other = db.scalars(select(Post).where(Post.kind == "post", Post.author_id != 7)).first()
    admin = browser.new_context().new_page()
    _login(admin, live, seat.name, seat.site_login, seat.password)
    admin.get_by_role("link", name="Utilisateurs").click()
    admin.get_by_role("link", name="Ajouter un utilisateur").click()
    admin.get_by_label("Identifiant", exact=True).fill("nina.roux")
    admin.get_by_label("Adresse e-mail").fill("nina.roux@lin-et-nature.fr")
    admin.get_by_label("Nom affiché").fill("Nina Roux")
    admin.get_by_label("Rôle").select_option(label="Auteur")
    admin.get_by_label("Mot de passe").fill("Lin-2027-nina")
    admin.get_by_role("button", name="Ajouter l'utilisateur").click()
    expect(admin.get_by_role("cell", name="nina.roux", exact=True)).to_be_visible()
    assert _observe(live, seat.name, "site_user.role", login="nina.roux", role="author").ok

    author = browser.new_context().new_page()
    _login(author, live, seat.name, "nina.roux", "Lin-2027-nina")
    expect(author.get_by_role("link", name="Utilisateurs")).to_have_count(0)
    author.goto(f"{live.url}/s/{seat.name}/site/admin/articles/{other.id}")
    expect(author.get_by_role("alert")).to_contain_text("ne permet pas de modifier ce contenu")
    author.goto(f"{live.url}/s/{seat.name}/site/admin/articles/nouveau")
    author.get_by_label("Titre", exact=True).fill("Mon premier article")
    author.get_by_role("button", name="Publier").click()
    expect(author.get_by_role("status")).to_contain_text("publié")
    meta = _observe(live, seat.name, "post.meta", title_contains="Mon premier article", author="nina.roux")
    assert meta.ok, meta.sentence
