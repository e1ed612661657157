"""Public site vitrine: home, lists, single posts, pages, archives, search, 404 — seen as a visitor."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from sqlalchemy import delete, select, update

from sandbox.clock import seat_now
from sandbox.content.queries import latest_posts, page_path, public
from sandbox.models import (
    MenuLocation,
    Post,
    PostCategory,
    PostCategoryLink,
    PostTag,
    Tag,
    get_setting,
    set_setting,
)
from tests.integration.site_helpers import add_post, seat_db, settings

SITE = "/s/poste-a/site"


def _positions(html: str, titles: list[str]) -> list[int]:
    return [html.index(f">{escape(t)}</a></h2>") for t in titles]


def test_home_lists_the_latest_public_posts_sticky_first(client, data, seat):
    with seat_db(data, seat) as db:
        settings(db, reading__show_on_front="posts", reading__posts_per_page="5")
        db.execute(update(Post).values(sticky=False))
        add_post(db, "Épinglé ancien", "epingle-ancien", days=-400, sticky=True)
        add_post(db, "Tout frais", "tout-frais", days=-1)
        add_post(db, "Pas encore", "pas-encore", days=3)
        add_post(db, "Brouillon secret", "brouillon-secret", status="draft")
        db.flush()
        expected = [p.title for p in db.scalars(latest_posts(seat_now(db)).limit(5))]
    assert expected[0] == "Épinglé ancien"
    html = client.get(f"{SITE}/").get_data(as_text=True)
    positions = _positions(html, expected)
    assert positions == sorted(positions)
    assert "Pas encore" not in html and "Brouillon secret" not in html
    assert "Article mis en avant" in html


def test_every_page_stays_inside_the_exam_site(client, data, seat):
    with seat_db(data, seat) as db:
        post = add_post(db, "Liens", "liens", blocks=[
            {"type": "paragraph", "html": '<a href="https://www.ademe.fr/">ADEME</a>'},
            {"type": "button", "text": "Partenaire", "url": "https://partenaire.example/"}])
        slug = post.slug
        social = get_setting(db, "social.facebook")
        set_setting(db, "site.social_icons", "1")  # off in the context: switched on, they lead out too
    for url in (f"{SITE}/", f"{SITE}/blog", f"{SITE}/blog/{slug}", f"{SITE}/recherche?s=lin"):
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r'(href|src)="(https?:)?//', html), url
        assert "/sortie?url=" in html
    if social:
        assert f"{SITE}/sortie?url={social}" in client.get(f"{SITE}/").get_data(as_text=True)


def test_footer_legal_notice_names_the_company_and_its_publication_director(client, data, seat):
    """The footer's legal notice (LCEN): legal name, form, capital, SIRET, RCS, VAT, publication director."""
    with seat_db(data, seat) as db:
        settings(db, company__president="Camille Réglée")
    footer = client.get(f"{SITE}/").get_data(as_text=True).split('class="site-footer__legal"')[1]
    assert "Lin &amp; Nature SAS — SAS au capital de 250 000 €" in footer
    assert "SIRET 81234567600017" in footer and "TVA intracommunautaire FR19812345676" in footer
    assert "<p>Directeur de la publication : Camille Réglée</p>" in footer


def test_drafts_future_and_private_content_is_404(client, data, seat):
    with seat_db(data, seat) as db:
        add_post(db, "Brouillon", "brouillon-x", status="draft")
        add_post(db, "Programmé", "programme-x", status="future", days=5)
        add_post(db, "Publié demain", "publie-demain", days=1)
        add_post(db, "Privée", "privee-x", kind="page", status="private")
        add_post(db, "Visible", "visible-x")
    for url in ("blog/brouillon-x", "blog/programme-x", "blog/publie-demain", "privee-x", "nulle-part",
                "categorie/inconnue", "etiquette/inconnue", "blog?page=999"):
        response = client.get(f"{SITE}/{url}")
        assert response.status_code == 404, url
        assert "Page introuvable" in response.get_data(as_text=True)
    assert client.get(f"{SITE}/blog/visible-x").status_code == 200


def test_single_post_shows_its_meta_content_and_seo(client, data, seat):
    with seat_db(data, seat) as db:
        cat = PostCategory(name="Conseils d'entretien", slug="conseils-test")
        tag = Tag(name="lin lavé", slug="lin-lave-test")
        db.add_all([cat, tag])
        blocks = [{"type": "heading", "level": 2, "text": "Le lavage"},
                  {"type": "paragraph", "html": "À <strong>40 °C</strong><script>alert(1)</script>"},
                  {"type": "list", "items": ["Lessive douce", "Pas d'adoucissant"]}]
        post = add_post(db, "Laver le lin", "laver-le-lin", seo_title="Laver le lin : le guide",
                        meta_description="Nos conseils pour laver le lin.", blocks=blocks)
        db.add_all([PostCategoryLink(post_id=post.id, category_id=cat.id),
                     PostTag(post_id=post.id, tag_id=tag.id)])
        when = post.published_at
    html = client.get(f"{SITE}/blog/laver-le-lin").get_data(as_text=True)
    assert "<title>Laver le lin : le guide</title>" in html
    assert '<meta name="description" content="Nos conseils pour laver le lin.">' in html
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    day = "1er" if when.day == 1 else str(when.day)
    assert f"{day} {months[when.month - 1]} {when.year}" in html
    assert "<h2>Le lavage</h2>" in html and "<strong>40 °C</strong>" in html and "<script>alert" not in html
    assert f'href="{SITE}/categorie/conseils-test"' in html
    assert f'href="{SITE}/etiquette/lin-lave-test"' in html
    for name, label in (("body", "Commentaire"), ("author_name", "Nom"), ("author_email", "E-mail")):
        assert f'<label for="{name}">{label}</label>' in html
    assert ">Laisser un commentaire</button>" in html


def test_default_title_and_description_without_seo_fields(client, data, seat):
    with seat_db(data, seat) as db:
        add_post(db, "Sans SEO", "sans-seo", excerpt="Un extrait choisi.")
        site_title = get_setting(db, "site.title")
    html = client.get(f"{SITE}/blog/sans-seo").get_data(as_text=True)
    assert f"<title>Sans SEO – {escape(site_title)}</title>" in html
    assert '<meta name="description" content="Un extrait choisi.">' in html


def test_page_breadcrumb_and_child_pages(client, data, seat):
    with seat_db(data, seat) as db:
        db.execute(delete(MenuLocation))  # the theme's automatic menu (no menu assigned to a location)
        parent = add_post(db, "Maison test", "maison-test", kind="page")
        add_post(db, "Atelier test", "atelier-test", kind="page", parent_id=parent.id)
    html = client.get(f"{SITE}/maison-test/atelier-test").get_data(as_text=True)
    assert 'class="breadcrumb"' not in html  # the SEO extension's breadcrumb is off in the context
    with seat_db(data, seat) as db:
        set_setting(db, "plugins.seo", "1")
        set_setting(db, "seo.breadcrumbs", "1")
    html = client.get(f"{SITE}/maison-test/atelier-test").get_data(as_text=True)
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", crumbs)).strip()
    assert text == "Accueil › Maison test › Atelier test"
    parent_html = client.get(f"{SITE}/maison-test").get_data(as_text=True)
    assert f'href="{SITE}/maison-test/atelier-test"' in parent_html and "Dans cette rubrique" in parent_html
    menu = re.search(r'<nav class="site-nav".*?</nav>', parent_html, re.S).group(0)
    assert ">Accueil</a>" in menu and ">Maison test</a>" in menu and ">Blog</a>" in menu
    assert "Atelier test" not in menu
    assert client.get(f"{SITE}/atelier-test").status_code == 404


@pytest.mark.feature("S-NAV-2")
def test_static_front_page_from_the_reading_settings(client, data, seat):
    with seat_db(data, seat) as db:
        front = add_post(db, "Bienvenue chez nous", "bienvenue-test", kind="page")
        add_post(db, "Un article du blog", "article-du-blog")
        settings(db, reading__show_on_front="page", reading__page_on_front=str(front.id))
    home = client.get(f"{SITE}/").get_data(as_text=True)
    assert '<h1 class="entry-title">Bienvenue chez nous</h1>' in home
    assert "Un article du blog" in client.get(f"{SITE}/blog").get_data(as_text=True)
    assert client.get(f"{SITE}/bienvenue-test").headers["Location"].endswith(f"{SITE}/")


@pytest.mark.feature("S-NAV-2")
def test_blog_pagination_follows_posts_per_page(client, data, seat):
    with seat_db(data, seat) as db:
        settings(db, reading__posts_per_page="2")
        total = len(list(db.scalars(latest_posts(seat_now(db)))))
    pages = -(-total // 2)
    first = client.get(f"{SITE}/blog").get_data(as_text=True)
    assert len(re.findall(r'class="post-card__title"', first)) == min(2, total)
    if pages > 1:
        assert f'href="{SITE}/blog?page=2"' in first
        assert client.get(f"{SITE}/blog?page={pages}").status_code == 200
    assert client.get(f"{SITE}/blog?page={pages + 1}").status_code == 404


def test_category_archive_includes_sub_categories_and_tag_archive(client, data, seat):
    with seat_db(data, seat) as db:
        top = PostCategory(name="Maison T", slug="maison-t")
        db.add(top)
        db.flush()
        child = PostCategory(name="Chambre T", slug="chambre-t", parent_id=top.id)
        tag = Tag(name="douceur-t", slug="douceur-t")
        db.add_all([child, tag])
        db.flush()
        in_child = add_post(db, "Dans la chambre", "dans-la-chambre")
        elsewhere = add_post(db, "Ailleurs", "ailleurs-t")
        hidden = add_post(db, "Brouillon chambre", "brouillon-chambre", status="draft")
        for post in (in_child, hidden):
            db.add(PostCategoryLink(post_id=post.id, category_id=child.id))
        db.add(PostTag(post_id=elsewhere.id, tag_id=tag.id))
    html = client.get(f"{SITE}/categorie/maison-t").get_data(as_text=True)
    html = re.search(r"<main.*</main>", html, re.S).group(0)  # not the sidebar's « Articles récents »
    assert "Dans la chambre" in html and "Ailleurs" not in html and "Brouillon chambre" not in html
    tagged = client.get(f"{SITE}/etiquette/douceur-t").get_data(as_text=True)
    tagged = re.search(r"<main.*</main>", tagged, re.S).group(0)
    assert "Ailleurs" in tagged and "Dans la chambre" not in tagged


def test_search_finds_public_posts_and_pages_only(client, data, seat):
    with seat_db(data, seat) as db:
        add_post(db, "Le métis de Roubaix", "metis",
                 blocks=[{"type": "paragraph", "html": "Un tissage <em>Zéphyrine</em> rare"}])
        add_post(db, "Page Zéphyrine", "page-zephyrine", kind="page")
        add_post(db, "Brouillon Zéphyrine", "brouillon-zephyrine", status="draft")
    html = client.get(f"{SITE}/recherche", query_string={"s": "ZEPHYRINE"}).get_data(as_text=True)
    assert re.search(r'<label for="recherche-site"[^>]*>Rechercher</label>', html)
    assert "Le métis de Roubaix" in html and "Page Zéphyrine" in html and "Brouillon Zéphyrine" not in html
    assert "2 résultats." in html
    assert 'value="ZEPHYRINE"' in html
    none = client.get(f"{SITE}/recherche", query_string={"s": "zzzqqq"}).get_data(as_text=True)
    assert "Aucun résultat." in none


def test_unknown_seat_is_a_plain_404(client):
    response = client.get("/s/inconnu/site/")
    assert response.status_code == 404
    assert "n&#39;existe pas" in response.get_data(as_text=True)


def test_menu_lists_published_top_level_pages(client, data, seat):
    with seat_db(data, seat) as db:
        db.execute(delete(MenuLocation))  # the theme's automatic menu (no menu assigned to a location)
        settings(db, reading__show_on_front="posts")
        pages = [p.title for p in db.scalars(select(Post).where(
            Post.kind == "page", Post.parent_id.is_(None), Post.status == "publish",
            Post.published_at <= seat_now(db)))]
        add_post(db, "Page brouillon", "page-brouillon", kind="page", status="draft")
    home = client.get(f"{SITE}/").get_data(as_text=True)
    menu = re.search(r'<nav class="site-nav".*?</nav>', home, re.S).group(0)
    for title in pages:
        assert f">{escape(title)}</a>" in menu
    assert "Page brouillon" not in menu


def test_every_seeded_post_page_and_archive_renders_inside_the_exam_site(client, data, seat):
    with seat_db(data, seat) as db:
        now = seat_now(db)
        posts = [f"blog/{p.slug}" for p in db.scalars(latest_posts(now))]
        pages = [page_path(db, p) for p in db.scalars(public("page", now))]
        archives = [f"categorie/{c.slug}" for c in db.scalars(select(PostCategory))]
        archives += [f"etiquette/{t.slug}" for t in db.scalars(select(Tag))]
    assert posts and pages
    for path in posts + pages + archives:
        response = client.get(f"{SITE}/{path}")
        assert response.status_code == 200, path
        assert not re.search(r'(href|src)="(https?:)?//', response.get_data(as_text=True)), path
