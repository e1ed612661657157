"""Check types of the site's appearance, settings and relations on the seeded seat and after changes."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.activity.recorder import record_visit
from sandbox.clock import seat_today
from sandbox.models import Menu, Post, set_setting
from sandbox.services.menus import add_item, set_locations
from sandbox.services.popups import PopupInput, save_popup
from sandbox.services.site_settings import generate_privacy_page
from sandbox.services.widgets import add_widget
from sandbox.subjects.observables import ObserveContext, observe, validate_observable
from tests.integration.site_helpers import seat_db


def run(db, entry: dict):
    clean, problems = validate_observable(entry, file="grid.toml", where="lines[0]", names={})
    assert problems == [], problems
    return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def test_seeded_facts(seat, data):
    with seat_db(data, seat) as db:
        assert (
            run(
                db,
                {
                    "check": "menu.item",
                    "label": "Notre atelier",
                    "kind": "page",
                    "parent": "À propos",
                    "location": "primary",
                },
            ).ok
            is True
        )
        assert run(db, {"check": "menu.location", "location": "off_canvas"}).ok is False
        assert run(db, {"check": "widget.present", "area": "footer", "kind": "text"}).ok is True
        assert run(db, {"check": "site.layout", "sidebar": "posts"}).ok is True  # the blog's sidebar
        assert run(db, {"check": "site.layout", "sidebar": "pages"}).ok is False
        assert run(db, {"check": "popup.active", "contains": "portes ouvertes"}).ok is False
        assert run(db, {"check": "site.home", "show_on_front": "posts"}).ok is True
        assert run(db, {"check": "privacy.page"}).ok is False
        assert run(db, {"check": "campaign.sent", "subject_contains": "soldes", "segment": "all"}).ok is True
        assert run(db, {"check": "inbox.answered", "email": "contact@hotel-lebeffroi.fr"}).ok is False
        assert run(db, {"check": "social.answered", "author": "Claire Dumont"}).ok is False
        assert run(db, {"check": "social.post", "contains": "lin fleurit", "with_image": True}).ok is True
        assert run(db, {"check": "discussion.settings", "moderation": True}).ok is True
        facts = run(db, {"check": "site.social", "network": "facebook"})  # address set, icons off
        assert facts.ok is False and "Facebook : https://" in facts.sentence, facts.sentence
        assert run(db, {"check": "site.social", "shown": False}).ok is True
        assert run(db, {"check": "site.breadcrumb", "enabled": False}).ok is True
        assert run(db, {"check": "site.breadcrumb"}).ok is False
        assert run(db, {"check": "site.contact", "phone": "0320456789", "hours_contains": "mardi"}).ok is True
        assert run(db, {"check": "term.seo", "name": "Actualités"}).ok is False


def test_changes_are_observed(seat, data):
    with seat_db(data, seat) as db:
        menu = db.get(Menu, 1)
        parent = next(i for i in menu.items if i.label == "Blog")
        new = add_item(db, menu, "category", target_id=2, parent_id=parent.id)
        set_locations(db, {"off_canvas": 2})
        add_widget(db, "sidebar", "recent_posts", "À lire", {"count": "3", "excerpt_words": "15"})
        set_setting(db, "site.sidebar", "both")
        save_popup(
            db,
            PopupInput(
                name="Soldes",
                kind="bar",
                title="",
                body="Soldes d'été",
                active=True,
                pages="home",
                frequency="once",
            ),
        )
        set_setting(db, "site.tagline", "Le lin, tout simplement")
        generate_privacy_page(db, 1)
        db.flush()
        cat = db.scalar(select(Post).where(Post.slug == "politique-de-confidentialite"))
        cat.status = "publish"
        record_visit(
            db, "Tentative de sortie du site d'examen vers https://www.facebook.com/x"
        )  # no actor: ignored
        db.flush()
        item = run(
            db,
            {
                "check": "menu.item",
                "label": new.label,
                "kind": "category",
                "parent": "Blog",
                "location": "primary",
            },
        )
        assert item.ok is True, item.sentence
        assert (
            run(db, {"check": "menu.location", "location": "off_canvas", "menu": "Pied de page"}).ok is True
        )
        w = run(
            db,
            {
                "check": "widget.present",
                "area": "sidebar",
                "kind": "recent_posts",
                "count": 3,
                "excerpt_words": 15,
            },
        )
        assert w.ok is True, w.sentence
        assert run(db, {"check": "site.layout", "sidebar": "pages"}).ok is True
        p = run(
            db,
            {
                "check": "popup.active",
                "contains": "soldes",
                "kind": "bar",
                "pages": "home",
                "frequency": "once",
            },
        )
        assert p.ok is True, p.sentence
        assert run(db, {"check": "site.identity", "tagline_contains": "tout simplement"}).ok is True
        privacy = run(db, {"check": "privacy.page", "contains": ["CNIL"]})
        assert privacy.ok is True, privacy.sentence
        assert run(db, {"check": "exit.attempts", "max": 0}).ok is True
