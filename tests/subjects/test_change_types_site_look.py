"""Change types of the site's starting look (extension, menus, widgets, layout, social icons, cleared
settings): a pack sets them without naming them, and the seat starts in that state."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import Menu, MenuItem, Widget, get_setting
from sandbox.seats import create_seat
from sandbox.subjects.pack import check_subject
from sandbox.subjects.prepare import prepare_subject
from sandbox.subjects.store import read_subject
from tests.subjects.conftest import EXAM_DAY, seat_session

STARTING_LOOK = """
[[changes]]
type = "plugin.set"
plugin = "seo"
active = true
breadcrumbs = true

[[changes]]
type = "menu_item.remove"
label = "FAQ"

[[changes]]
type = "menu_item.add"
kind = "category"
target = "Savoir-faire"
parent = "À propos"

[[changes]]
type = "widget.remove"
area = "sidebar"
kind = "archives"

[[changes]]
type = "widget.add"
area = "footer"
kind = "recent_posts"
title = "À lire aussi"
count = 3

[[changes]]
type = "widget.move"
area = "sidebar"
kind = "categories"
position = 1

[[changes]]
type = "site.layout"
sidebar = "both"

[[changes]]
type = "social.set"
shown = true
position = "header"
clear = true
tiktok = "https://www.tiktok.com/@linetnature"

[[changes]]
type = "setting.clear"
key = "site.tagline"

[[changes]]
type = "setting.set"
key = "site.title"
value = "Lin et Nature"
"""


def test_a_pack_sets_the_starting_look_without_naming_it(data, pack_copy):
    pack = pack_copy("ln-vitrine-a")
    with (pack / "changes.toml").open("a", encoding="utf-8") as handle:
        handle.write(STARTING_LOOK)
    assert check_subject(pack, data) == []
    seat = create_seat(data, "look-a", template=prepare_subject(data, pack, EXAM_DAY))
    with seat_session(data, seat.name) as db:
        assert get_setting(db, "plugins.seo") == "1" and get_setting(db, "seo.breadcrumbs") == "1"
        main = db.scalar(select(Menu).where(Menu.name == "Menu principal"))
        labels = [i.label for i in main.items]
        assert "FAQ" not in labels and "Savoir-faire" in labels
        added = next(i for i in main.items if i.label == "Savoir-faire")
        assert db.get(MenuItem, added.parent_id).label == "À propos"
        sidebar = [w.kind for w in db.scalars(select(Widget).where(Widget.area == "sidebar")
                                              .order_by(Widget.position))]
        assert sidebar == ["categories", "search", "recent_posts", "recent_comments", "rss"]
        footer = db.scalar(select(Widget).where(Widget.area == "footer", Widget.title == "À lire aussi"))
        assert footer.config == {"count": 3}
        assert get_setting(db, "site.sidebar") == "both"
        assert get_setting(db, "site.social_icons") == "1"
        assert get_setting(db, "site.social_position") == "header"
        assert get_setting(db, "social.facebook") == ""
        assert get_setting(db, "social.tiktok").endswith("linetnature")
        assert get_setting(db, "site.tagline") == "" and get_setting(db, "site.title") == "Lin et Nature"
        objects = read_subject(db).objects
    assert set(objects) == {"insulte", "nominatif", "question"}  # unnamed starting states are not objects


def test_a_missing_menu_entry_is_named_with_its_fix(data, pack_copy):
    pack = pack_copy("ln-vitrine-a")
    with (pack / "changes.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[changes]]\ntype = "menu_item.remove"\nlabel = "Boutique"\n')
    problems = [str(p) for p in check_subject(pack, data)]
    assert len(problems) == 1
    assert "changes[4].label" in problems[0] and "n'a pas d'élément « Boutique »" in problems[0]
    assert "« FAQ »" in problems[0]  # the fix lists the existing entries
