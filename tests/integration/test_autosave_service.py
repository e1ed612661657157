"""Autosaves in the seat database: one per object and person, one progress line per draft (always a new,
higher id, so the console's cursor sees it), and observables saying « en cours (brouillon) »."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.activity.actor import Actor
from sandbox.clock import seat_today
from sandbox.models import ActivityEvent, Autosave
from sandbox.services.autosave import post_progress, store_autosave
from sandbox.subjects.observables import ObserveContext, check_types, observe
from tests.integration.site_helpers import seat_db

ACTOR = Actor("site_user", 1, "Candidate")
BLOCKS = [{"type": "paragraph", "html": 'Le lin lavé, voir <a href="/s/x/site/blog">le blog</a>'},
          {"type": "image", "media_id": 3}, {"type": "gallery", "media_ids": [4, 5]}]


def test_progress_sentence():
    assert post_progress("post", "Nos draps d'été", BLOCKS) == (
        "Article « Nos draps d'été » : brouillon, 6 mots, 3 images, lien interne ✓")
    outside = [{"type": "paragraph", "html": '<a href="https://ailleurs.fr">x</a>'}]
    assert post_progress("page", "", outside) == (
        "Page « (sans titre) » : brouillon, 1 mot, 0 image, lien interne ✗")


def test_one_autosave_and_one_progress_line_per_draft(data, seat):
    with seat_db(data, seat) as db:
        last = db.scalar(select(ActivityEvent.id).order_by(ActivityEvent.id.desc()).limit(1)) or 0
        store_autosave(db, ACTOR, "post", "nouveau", {"title": "Nos draps"}, "Article « Nos draps »")
        db.commit()
        first = db.scalar(select(ActivityEvent.id).where(ActivityEvent.action == "autosave"))
        store_autosave(db, ACTOR, "post", "nouveau", {"title": "Nos draps d'été"}, "Article « d'été »")
        db.commit()
        lines = db.scalars(select(ActivityEvent).where(ActivityEvent.action == "autosave")).all()
        assert [e.summary for e in lines] == ["Article « d'été »"]
        assert lines[0].id > first > last  # the console reads events after its cursor
        drafts = db.scalars(select(Autosave)).all()
        assert [(d.object_key, d.fields["title"]) for d in drafts] == [("nouveau", "Nos draps d'été")]


def test_an_unmet_observable_says_the_work_is_in_progress(data, seat):
    spec = check_types()["post.published"]
    observable = {"check": "post.published", "params": {"title_contains": "draps d'ete", "kind": "post"}}
    with seat_db(data, seat) as db:
        before = observe(ObserveContext(db, {}, seat_today(db)), observable)
        assert before.ok is False and "brouillon" not in before.sentence
        store_autosave(db, ACTOR, "post", "nouveau", {"title": "Nos draps d'été"})
        db.commit()
        during = observe(ObserveContext(db, {}, seat_today(db)), observable)
        assert during.ok is False
        assert during.sentence == f"{before.sentence} — en cours (brouillon) : « Nos draps d'été »"
    assert spec.params["title_contains"].names == "Post"
