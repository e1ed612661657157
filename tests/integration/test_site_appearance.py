"""Site back office « Apparence » (customizer, menus, widgets) and its effect on the public site."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sandbox.models import Media, Menu, MenuItem, MenuLocation, PostCategory, Widget, get_setting
from tests.integration.site_helpers import csrf_token, seat_db

ADMIN = "/s/{seat}/site/admin"


def login(client, seat):
    """Log in as the candidate (administrator)."""
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/login")
    client.post(
        f"{base}/login",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "login": "candidat",
            "password": seat.password,
        },
    )
    return base


def post_form(client, url, form_url=None, **fields):
    """POST a form with the CSRF token read from the page that shows it."""
    page = client.get(form_url or url)
    return client.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True)), **fields})


def test_seeded_menus_widgets_show_on_the_public_site(client, seat):
    html = client.get(f"/s/{seat.name}/site/").get_data(as_text=True)
    assert 'class="sub-menu"' in html and "Notre atelier" in html  # main menu with a sub-menu
    assert "Le showroom" in html  # footer text widget
    assert 'aria-label="Menu du pied de page"' in html
    assert f'href="/s/{seat.name}/site/blog"' in html  # custom links relative to the site stay in the seat


@pytest.mark.feature("S-APP-1", "S-NAV-2")
def test_customizer_identity_and_home(client, seat, data):
    base = login(client, seat)
    with seat_db(data, seat) as db:
        logo = db.scalar(select(Media.id).where(Media.filename == "logo-lin-et-nature-2027.png"))
    url = f"{base}/apparence"
    bad = post_form(client, f"{url}/identity", url, **{"identity-title": "", "identity-tagline": "x"})
    assert "Indiquez le titre du site." in bad.get_data(as_text=True)
    ok = post_form(
        client,
        f"{url}/identity",
        url,
        **{
            "identity-title": "Lin & Nature",
            "identity-tagline": "Le lin du Nord, tissé pour durer",
            "identity-logo": str(logo),
            "identity-icon": "",
        },
    )
    assert ok.status_code == 302
    bad = post_form(
        client,
        f"{url}/home",
        url,
        **{"home-show_on_front": "page", "home-page_on_front": "", "home-posts_per_page": "5"},
    )
    assert "Choisissez la page statique" in bad.get_data(as_text=True)
    bad = post_form(client, f"{url}/home", url, **{"home-show_on_front": "posts", "home-posts_per_page": "0"})
    assert "entre 1 et 50" in bad.get_data(as_text=True)
    with seat_db(data, seat) as db:
        assert get_setting(db, "site.tagline") == "Le lin du Nord, tissé pour durer"
        assert get_setting(db, "site.logo_media_id") == str(logo)
    public = client.get(f"/s/{seat.name}/site/").get_data(as_text=True)
    assert "Le lin du Nord, tissé pour durer" in public and "logo-lin-et-nature-2027.png" in public


@pytest.mark.feature("S-APP-3", "S-MEN-1", "S-MEN-2", "S-MEN-3")
def test_menus_add_nest_reorder_and_locations(client, seat, data):
    base = login(client, seat)
    url = f"{base}/apparence/menus"
    bad = post_form(client, url, **{"action": "create", "new-name": "Menu principal"})
    assert "existe déjà" in bad.get_data(as_text=True)
    with seat_db(data, seat) as db:
        cat = PostCategory(name="Jardin", slug="jardin", description="")
        db.add(cat)
        db.flush()
        cat_id = cat.id
    menu_url = f"{url}?menu=1"
    bad = post_form(
        client,
        menu_url,
        **{"action": "add_item", "item-kind": "custom", "item-url": "ftp://x", "item-label": "X"},
    )
    assert "https://" in bad.get_data(as_text=True)
    ok = post_form(
        client,
        menu_url,
        **{
            "action": "add_item",
            "item-kind": "category",
            "item-category_id": str(cat_id),
            "item-parent_id": "5",
        },
    )
    assert ok.status_code == 302
    with seat_db(data, seat) as db:
        item = db.scalar(select(MenuItem).where(MenuItem.kind == "category", MenuItem.target_id == cat_id))
        assert item.parent_id == 5 and item.label == "Jardin"
        item_id = item.id
    assert post_form(client, f"{url}/element/{item_id}/up", menu_url).status_code == 302
    assert post_form(client, f"{url}/element/{item_id}/left", menu_url).status_code == 302
    with seat_db(data, seat) as db:
        assert db.get(MenuItem, item_id).parent_id is None
    ok = post_form(
        client,
        url,
        **{
            "action": "locations",
            "location-primary": "1",
            "location-off_canvas": "2",
            "location-footer": "",
            "location-social": "3",
        },
    )
    assert ok.status_code == 302
    with seat_db(data, seat) as db:
        assert db.get(MenuLocation, "off_canvas").menu_id == 2
        assert db.scalar(select(Menu.name).where(Menu.id == 2)) == "Pied de page"
    html = client.get(f"/s/{seat.name}/site/").get_data(as_text=True)
    assert 'class="off-canvas"' in html and "/site/categorie/jardin" in html


@pytest.mark.feature("S-APP-5", "S-APP-6")
def test_widgets_add_configure_and_sidebar(client, seat, data):
    base = login(client, seat)
    url = f"{base}/apparence/widgets"
    bad = post_form(
        client, url, **{"widget-area": "footer", "widget-kind": "recent_posts", "widget-count": "99"}
    )
    assert "entre 1 et 20" in bad.get_data(as_text=True)
    ok = post_form(
        client,
        url,
        **{
            "widget-area": "footer",
            "widget-kind": "recent_posts",
            "widget-title": "À lire aussi",
            "widget-count": "3",
            "widget-excerpt_words": "12",
        },
    )
    assert ok.status_code == 302
    with seat_db(data, seat) as db:
        widget = db.scalar(select(Widget).where(Widget.title == "À lire aussi"))
        assert widget.config == {"count": 3, "excerpt_words": 12}
    html = client.get(f"/s/{seat.name}/site/blog").get_data(as_text=True)
    assert "À lire aussi" in html and "Commentaires récents" in html  # the context shows the blog's sidebar
    post_form(client, f"{base}/apparence/layout", f"{base}/apparence", **{"layout-layout": "none"})
    html = client.get(f"/s/{seat.name}/site/blog").get_data(as_text=True)
    assert "Commentaires récents" not in html and "site-body--sidebar" not in html


def test_editor_may_not_change_appearance(client, seat, data):
    from sandbox.models import SiteUser
    from sandbox.security import hash_password

    with seat_db(data, seat) as db:
        db.add(
            SiteUser(
                login="edith",
                display_name="Edith",
                email="edith@exemple.fr",
                role="editor",
                password_hash=hash_password("motdepasse1"),
            )
        )
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/login")
    client.post(
        f"{base}/login",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "login": "edith",
            "password": "motdepasse1",
        },
    )
    assert client.get(f"{base}/apparence").status_code == 403
    assert client.get(f"{base}/apparence/menus").status_code == 403
    assert client.get(f"{base}/commentaires").status_code == 200


def test_widget_edit_move_remove_and_menu_nesting(client, seat, data):
    base = login(client, seat)
    url = f"{base}/apparence/widgets/4"  # seeded sidebar « Articles récents »
    assert "Modifier le widget" in client.get(url).get_data(as_text=True)
    bad = post_form(client, url, **{"widget-title": "Récents", "widget-count": "abc"})
    assert "entre 1 et 20" in bad.get_data(as_text=True) and 'value="abc"' in bad.get_data(as_text=True)
    assert post_form(client, url, **{"widget-title": "Récents", "widget-count": "4"}).status_code == 302
    assert post_form(client, f"{base}/apparence/widgets/4/up", f"{base}/apparence/widgets").status_code == 302
    assert (
        post_form(client, f"{base}/apparence/widgets/5/delete", f"{base}/apparence/widgets").status_code
        == 302
    )
    with seat_db(data, seat) as db:
        widget = db.get(Widget, 4)
        assert widget.title == "Récents" and widget.config == {"count": 4} and widget.position == 1
        assert db.get(Widget, 5) is None
    menus = f"{base}/apparence/menus?menu=1"
    first = post_form(client, f"{base}/apparence/menus/element/1/right", menus)  # first item cannot nest
    assert first.status_code == 302
    assert "Le premier élément" in client.get(menus).get_data(as_text=True)
    assert post_form(client, f"{base}/apparence/menus/element/6/right", menus).status_code == 302
    assert post_form(client, f"{base}/apparence/menus/element/2/delete", menus).status_code == 302
    with seat_db(data, seat) as db:
        assert db.get(MenuItem, 6).parent_id == 5  # FAQ under Blog
        assert db.get(MenuItem, 2) is None and db.get(MenuItem, 3).parent_id is None  # children move up
