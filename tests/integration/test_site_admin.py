"""Site back office over HTTP: login, editor save/publish, roles enforced, media limits, SEO, users."""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image
from sqlalchemy import select

from sandbox.models import Media, Post, SiteUser, Subscriber, get_setting
from sandbox.security import hash_password
from tests.integration.site_helpers import add_post, csrf_token, seat_db

ADMIN = "/s/{seat}/site/admin"


def _login(client, seat, login="candidat", password=None):
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/login")
    return client.post(
        f"{base}/login",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "login": login,
            "password": password or seat.password,
        },
    )


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 100, 50)).save(buffer, "PNG")
    return buffer.getvalue()


def _user(data, seat, login: str, role: str) -> int:
    with seat_db(data, seat) as db:
        user = SiteUser(
            login=login,
            display_name=login.title(),
            email=f"{login}@exemple.fr",
            role=role,
            password_hash=hash_password("motdepasse1"),
        )
        db.add(user)
        db.flush()
        return user.id


def _save(client, seat, url, action="publish", **fields):
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    form = {
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "action": action,
        "title": "Sans titre",
        "blocks": "[]",
        "comments_open": "y",
        **fields,
    }
    return client.post(url, data=form)


def test_login_dashboard_and_menu(client, seat):
    base = ADMIN.format(seat=seat.name)
    assert client.get(f"{base}/").status_code == 302
    bad = _login(client, seat, password="faux")
    assert "Identifiant ou mot de passe incorrect." in bad.get_data(as_text=True)
    assert _login(client, seat).status_code == 302
    html = client.get(f"{base}/").get_data(as_text=True)
    for label in (
        "Tableau de bord",
        "Articles",
        "Médias",
        "Pages",
        "Extensions",
        "Utilisateurs",
        "Voir le site",
    ):
        assert label in html


def test_dashboard_lists_scheduled_posts_apart_from_published_ones(client, seat, data):
    """As WordPress's « Activité »: a post planned after the seat's date is never « publié récemment »."""
    with seat_db(data, seat) as db:
        add_post(db, "Portes ouvertes planifiées", "portes-ouvertes-planifiees", status="future", days=5)
        add_post(db, "Article de la veille", "article-de-la-veille", status="publish", days=-1)
    _login(client, seat)
    html = client.get(f"{ADMIN.format(seat=seat.name)}/").get_data(as_text=True)
    soon, recent = html.split("<h3>Bientôt publiés</h3>")[1].split("<h3>Publiés récemment</h3>")
    assert "Portes ouvertes planifiées" in soon and "Article de la veille" not in soon
    assert "Article de la veille" in recent.split("</ul>")[0]
    assert "Portes ouvertes planifiées" not in recent


@pytest.mark.feature("S-CON-1", "S-CON-2")
def test_write_and_publish_a_post_with_blocks(client, seat, data):
    _login(client, seat)
    blocks = [
        {"type": "heading", "level": 2, "text": "Nos ateliers"},
        {
            "type": "paragraph",
            "html": "Du <b>lin</b> <a href='/s/x/site/'>local</a><script>alert(1)</script>",
        },
        {"type": "table", "rows": [["A", "B"], ["1", "2"]], "header": True, "caption": ""},
        {"type": "button", "text": "Nous écrire", "url": "https://exemple.fr/contact"},
    ]
    response = _save(
        client,
        seat,
        f"{ADMIN.format(seat=seat.name)}/articles/nouveau",
        title="Portes ouvertes 2027",
        blocks=json.dumps(blocks),
        tags="lin, atelier",
    )
    assert response.status_code == 302
    with seat_db(data, seat) as db:
        post = db.scalar(select(Post).where(Post.title == "Portes ouvertes 2027"))
        assert post.status == "publish" and post.slug == "portes-ouvertes-2027"
        assert post.blocks[1]["html"].startswith("Du <strong>lin</strong>")
        assert "script" not in json.dumps(post.blocks)
        assert [t.name for t in post.tags] == ["lin", "atelier"]
    public = client.get(f"/s/{seat.name}/site/blog/portes-ouvertes-2027").get_data(as_text=True)
    assert "<h2>Nos ateliers</h2>" in public and '<th scope="col">A</th>' in public
    assert "/site/sortie?url=https" in public  # the external button goes through the exit page
    assert "Modifier l&#39;article" in public or "Modifier l'article" in public


def test_unknown_block_type_is_refused(client, seat):
    _login(client, seat)
    response = _save(
        client,
        seat,
        f"{ADMIN.format(seat=seat.name)}/articles/nouveau",
        title="X",
        blocks=json.dumps([{"type": "iframe", "src": "https://evil"}]),
    )
    assert response.status_code == 200
    assert "Type de bloc inconnu" in response.get_data(as_text=True)


@pytest.mark.feature("S-USR-2")
def test_contributor_cannot_publish_and_author_cannot_touch_others(client, seat, data):
    contributor = _user(data, seat, "hugo2", "contributor")
    _user(data, seat, "auteur2", "author")
    with seat_db(data, seat) as db:
        others = add_post(db, "Article de l'admin", "article-admin", status="draft").id
    _login(client, seat, "hugo2", "motdepasse1")
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/articles/nouveau").get_data(as_text=True)
    assert "Soumettre à la relecture" in page and 'value="publish"' not in page
    refused = _save(client, seat, f"{base}/articles/nouveau", title="Essai", action="publish")
    assert "Votre rôle ne permet pas de publier" in refused.get_data(as_text=True)
    assert _save(client, seat, f"{base}/articles/nouveau", title="Essai", action="pending").status_code == 302
    with seat_db(data, seat) as db:
        post = db.scalar(select(Post).where(Post.title == "Essai"))
        assert post.status == "pending" and post.author_id == contributor
    assert client.get(f"{base}/utilisateurs").status_code == 403
    client.post(
        f"{base}/logout", data={"csrf_token": csrf_token(client.get(f"{base}/").get_data(as_text=True))}
    )
    _login(client, seat, "auteur2", "motdepasse1")
    assert client.get(f"{base}/articles/{others}").status_code == 403
    assert client.get(f"{base}/extensions").status_code == 403


@pytest.mark.feature("S-MED-1", "S-MED-3")
def test_media_upload_limits_and_texts(client, seat, data):
    _login(client, seat)
    base = ADMIN.format(seat=seat.name)
    token = csrf_token(client.get(f"{base}/medias").get_data(as_text=True))
    fake = client.post(
        f"{base}/medias",
        data={"csrf_token": token, "file": (io.BytesIO(b"MZ\x90binary"), "photo.jpg")},
        content_type="multipart/form-data",
    )
    assert "Type de fichier non accepté" in fake.get_data(as_text=True)
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 10)
    heavy = client.post(
        f"{base}/medias",
        data={"csrf_token": token, "file": (io.BytesIO(big), "doc.pdf")},
        content_type="multipart/form-data",
    )
    assert "Fichier trop lourd" in heavy.get_data(as_text=True)
    ok = client.post(
        f"{base}/medias",
        data={"csrf_token": token, "file": (io.BytesIO(_png()), "Mon image.txt")},
        content_type="multipart/form-data",
    )
    assert ok.status_code == 302
    with seat_db(data, seat) as db:
        media = db.scalar(select(Media).order_by(Media.id.desc()))
        assert media.mime == "image/png" and media.filename == "Mon-image.png" and media.width == 40
    edit = f"{base}/medias/{media.id}"
    token = csrf_token(client.get(edit).get_data(as_text=True))
    client.post(
        edit,
        data={
            "csrf_token": token,
            "alt": "Un drap en lin",
            "title": "Drap",
            "caption": "Légende",
            "description": "Desc",
        },
    )
    with seat_db(data, seat) as db:
        assert db.get(Media, media.id).alt == "Un drap en lin"


@pytest.mark.feature("S-SEO-4", "S-USR-1")
def test_seo_plugin_users_and_forms(client, seat, data):
    _login(client, seat)
    base = ADMIN.format(seat=seat.name)
    token = csrf_token(client.get(f"{base}/extensions").get_data(as_text=True))
    client.post(f"{base}/extensions/seo/activer", data={"csrf_token": token})
    with seat_db(data, seat) as db:
        assert get_setting(db, "plugins.seo") == "1"
    blocks = [
        {"type": "paragraph", "html": "Le linge de lit en lin est doux."},
        {"type": "form", "kind": "newsletter", "title": "", "button": ""},
    ]
    _save(
        client,
        seat,
        f"{base}/articles/nouveau",
        title="Linge de lit en lin",
        blocks=json.dumps(blocks),
        focus_keyphrase="linge de lit",
        seo_title="",
        meta_description="Description <b>test</b>",
    )
    with seat_db(data, seat) as db:
        post = db.scalar(select(Post).where(Post.title == "Linge de lit en lin"))
    html = client.get(f"{base}/articles/{post.id}").get_data(as_text=True)
    assert "Analyse SEO" in html and "La requête cible figure dans le titre SEO." in html
    public = client.get(f"/s/{seat.name}/site/blog/{post.slug}").get_data(as_text=True)
    assert 'name="description" content="Description &lt;b&gt;test&lt;/b&gt;"' in public
    token = csrf_token(public.split("block-form--newsletter")[1])
    client.post(f"/s/{seat.name}/site/formulaire/newsletter", data={"csrf_token": token, "email": "a@b.fr"})
    with seat_db(data, seat) as db:
        assert db.scalar(select(Subscriber).where(Subscriber.email == "a@b.fr")) is not None
    token = csrf_token(client.get(f"{base}/utilisateurs/nouveau").get_data(as_text=True))
    client.post(
        f"{base}/utilisateurs/nouveau",
        data={
            "csrf_token": token,
            "login": "nina",
            "email": "nina@exemple.fr",
            "display_name": "Nina",
            "role": "author",
            "password": "motdepasse1",
        },
    )
    with seat_db(data, seat) as db:
        assert db.scalar(select(SiteUser).where(SiteUser.login == "nina")).role == "author"


def test_every_screen_renders_and_pages_categories_work(client, seat, data):
    _login(client, seat)
    base = ADMIN.format(seat=seat.name)
    with seat_db(data, seat) as db:
        post_id = db.scalar(select(Post.id).where(Post.kind == "post").order_by(Post.id))
        page_id = db.scalar(select(Post.id).where(Post.kind == "page").order_by(Post.id))
        media_id = db.scalar(select(Media.id).order_by(Media.id))
    for path in (
        "/",
        "/articles",
        "/articles?statut=draft",
        "/articles?s=lin",
        "/articles/nouveau",
        f"/articles/{post_id}",
        "/pages",
        "/pages/nouvelle",
        f"/pages/{page_id}",
        "/categories",
        "/etiquettes",
        "/medias",
        "/medias?vue=liste&type=image",
        f"/medias/{media_id}",
        "/utilisateurs",
        "/utilisateurs/nouveau",
        "/utilisateurs/2",
        "/extensions",
    ):
        response = client.get(base + path)
        assert response.status_code == 200, path
    response = _save(
        client,
        seat,
        f"{base}/pages/nouvelle",
        title="Nos valeurs 2027",
        blocks=json.dumps([{"type": "faq", "items": [{"question": "Où ?", "answer": "À Lille"}]}]),
        parent_id=str(page_id),
        menu_order="3",
    )
    assert response.status_code == 302
    with seat_db(data, seat) as db:
        page = db.scalar(select(Post).where(Post.title == "Nos valeurs 2027"))
        assert page.kind == "page" and page.parent_id == page_id and page.menu_order == 3
    token = csrf_token(client.get(f"{base}/categories").get_data(as_text=True))
    response = client.post(
        f"{base}/categories",
        data={
            "csrf_token": token,
            "name": "Ateliers",
            "slug": "",
            "parent_id": "0",
            "description": "Nos ateliers de tissage.",
        },
    )
    assert response.status_code == 302
    public = client.get(f"/s/{seat.name}/site/categorie/ateliers")
    assert 'content="Nos ateliers de tissage."' in public.get_data(as_text=True)


@pytest.mark.feature("S-CON-3", "X-REL-2")
def test_contact_form_block_creates_an_inbox_message(client, seat, data):
    from sandbox.models import ContactMessage

    html = client.get(f"/s/{seat.name}/site/contact").get_data(as_text=True)
    assert "block-form--contact" in html
    token = csrf_token(html.split("block-form--contact")[1])
    bad = client.post(
        f"/s/{seat.name}/site/formulaire/contact",
        data={"csrf_token": token, "email": "x"},
        headers={"Referer": f"http://localhost/s/{seat.name}/site/contact"},
        follow_redirects=True,
    )
    assert "adresse e-mail valide" in bad.get_data(as_text=True)
    client.post(
        f"/s/{seat.name}/site/formulaire/contact",
        data={"csrf_token": token, "name": "Léa", "email": "lea@exemple.fr", "message": "Bonjour"},
    )
    with seat_db(data, seat) as db:
        assert db.scalar(select(ContactMessage).where(ContactMessage.email == "lea@exemple.fr")).name == "Léa"


def test_hostile_content_is_inert_in_the_editor_and_on_the_site(client, seat, data):
    _login(client, seat)
    base = ADMIN.format(seat=seat.name)
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    blocks = [
        {"type": "paragraph", "html": f"ok {evil}<a href='javascript:alert(3)'>x</a>"},
        {"type": "faq", "items": [{"question": evil, "answer": evil}]},
        {"type": "table", "rows": [[evil]], "header": False, "caption": evil},
        {"type": "heading", "level": 9, "text": evil},
    ]
    response = _save(
        client,
        seat,
        f"{base}/articles/nouveau",
        title=evil,
        blocks=json.dumps(blocks),
        excerpt=evil,
        tags=evil,
    )
    assert response.status_code == 302
    editor = client.get(response.headers["Location"]).get_data(as_text=True)
    with seat_db(data, seat) as db:
        slug = db.scalar(select(Post.slug).where(Post.title == evil))
    public = client.get(f"/s/{seat.name}/site/blog/{slug}").get_data(as_text=True)
    for html in (editor, public):
        assert "<script>alert(1)" not in html and "<img src=x onerror" not in html
        assert "javascript:alert(3)" not in html


def test_editor_lists_only_the_media_in_use_the_picker_offers_the_rest(client, seat, data):
    """The library comes on demand (media picker), as in WordPress: the editor holds only the media in use."""
    _login(client, seat)
    with seat_db(data, seat) as db:
        images = db.scalars(select(Media).where(Media.mime.like("image/%")).order_by(Media.id)).all()
        used, featured, other = images[0], images[1], images[2]
    base = ADMIN.format(seat=seat.name)

    def featured_options(html: str) -> list[str]:
        select_html = html.split('id="featured_media_id"')[1].split("</select>")[0]
        return re.findall(r'<option[^>]*value="(\d+)"', select_html)

    fresh = client.get(f"{base}/articles/nouveau").get_data(as_text=True)
    assert featured_options(fresh) == ["0"]  # « (aucune) »
    assert '<script type="application/json" id="editor-media">[]</script>' in fresh
    blocks = [{"type": "image", "media_id": used.id, "alt": "", "caption": ""}]
    response = _save(client, seat, f"{base}/articles/nouveau", title="Médias à la demande",
                     blocks=json.dumps(blocks), featured_media_id=str(featured.id))  # any id the picker gives
    assert response.status_code == 302
    editor = client.get(response.headers["Location"]).get_data(as_text=True)
    inlined = json.loads(editor.split('id="editor-media">')[1].split("</script>")[0])
    assert [m["id"] for m in inlined] == [used.id] and inlined[0]["url"].endswith(used.filename)
    assert featured_options(editor) == ["0", str(featured.id)]
    assert f'selected value="{featured.id}"' in editor
    picker = client.get(f"{base}/medias/selecteur?accept=image").get_data(as_text=True)
    assert f'data-id="{other.id}"' in picker  # …and the picker lists the whole library
    public = client.get(f"/s/{seat.name}/site/blog/medias-a-la-demande").get_data(as_text=True)
    assert featured.filename in public and used.filename in public
