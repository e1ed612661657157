"""The posts and media services enforce roles themselves (not only the views)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sandbox.models import Post, SiteUser
from sandbox.services import ServiceError
from sandbox.services.media_library import sniff, upload
from sandbox.services.posts import PostInput, save_post
from tests.integration.site_helpers import add_post, seat_db


def _users(db):
    return {u.role: u for u in db.scalars(select(SiteUser).order_by(SiteUser.id))}


def test_roles_in_the_posts_service(data, seat):
    with seat_db(data, seat) as db:
        users = _users(db)
        others = add_post(db, "De l'admin", "de-l-admin", status="draft")
        with pytest.raises(ServiceError, match="publier"):
            save_post(db, users["contributor"], "post", None, PostInput(title="Brouillon"), "publish")
        pending = save_post(db, users["contributor"], "post", None, PostInput(title="Relire"), "pending")
        assert pending.status == "pending"
        with pytest.raises(ServiceError, match="modifier ce contenu"):
            save_post(db, users["author"], "post", others, PostInput(title="Volé"), "publish")
        own = save_post(db, users["author"], "post", None, PostInput(title="Mien"), "publish")
        assert own.status == "publish" and own.published_at is not None
        with pytest.raises(ServiceError, match="changer l'auteur"):
            save_post(db, users["author"], "post", own, PostInput(title="Mien", author_id=1), "save")
        moved = save_post(db, users["editor"], "post", own, PostInput(title="Mien", author_id=1), "save")
        assert moved.author_id == 1
        with pytest.raises(ServiceError, match="pages"):
            save_post(db, users["author"], "page", None, PostInput(title="Page"), "draft")
        with pytest.raises(ServiceError, match="ajouter des médias"):
            upload(db, users["contributor"], "a.pdf", b"%PDF-1.4 x")
        assert db.scalar(select(Post).where(Post.title == "Volé")) is None


def test_sniffing_ignores_the_file_name():
    assert sniff(b"%PDF-1.7") == ("application/pdf", "pdf")
    assert sniff(b"ID3\x03") == ("audio/mpeg", "mp3")
    assert sniff(b"\x00\x00\x00\x18ftypmp42") == ("video/mp4", "mp4")
    assert sniff(b"<html><script>") is None


def test_schedule_unpublish_trash_and_activity_summary(data, seat):
    from datetime import timedelta

    from sandbox.activity.actor import Actor, act_as
    from sandbox.clock import seat_now
    from sandbox.models import ActivityEvent
    from sandbox.services.posts import bulk_action

    with seat_db(data, seat) as db:
        admin = db.get(SiteUser, 1)
        act_as(db, Actor("site_user", 1, "Candidat"))
        blocks = [
            {"type": "heading", "level": 2, "text": "Programme"},
            {"type": "paragraph", "html": "Visite de l'atelier et démonstration de tissage."},
        ]
        later = seat_now(db) + timedelta(days=3)
        post = save_post(
            db,
            admin,
            "post",
            None,
            PostInput(
                title="Salon", blocks=blocks, publish_at=later, seo={"focus_keyphrase": "salon du lin"}
            ),
            "publish",
        )
        db.flush()
        assert post.status == "future"
        summary = db.scalars(select(ActivityEvent.summary).order_by(ActivityEvent.id.desc())).first()
        assert summary.startswith("Article « Salon » planifié — 8 mots, 1 sous-titre")
        assert "requête cible « salon du lin »" in summary
        save_post(db, admin, "post", post, PostInput(title="Salon", blocks=blocks), "unpublish")
        assert post.status == "draft"
        assert bulk_action(db, admin, [post.id], "trash") == 1 and post.status == "trash"
        bulk_action(db, admin, [post.id], "delete")
        assert db.get(Post, post.id) is None


def test_a_page_summary_agrees_and_counts_the_links_typed_in_the_text(data, seat):
    from sandbox.activity.actor import Actor, act_as
    from sandbox.models import ActivityEvent

    def last(db) -> str:
        return db.scalars(select(ActivityEvent.summary).order_by(ActivityEvent.id.desc())).first()

    with seat_db(data, seat) as db:
        admin = db.get(SiteUser, 1)
        blocks = [{"type": "paragraph", "html": 'Visitez notre <a href="/site/atelier">atelier</a> et '
                                               '<a href="https://exemple.fr/">nos amis</a>.'}]
        act_as(db, Actor("site_user", 1, "Candidat"))
        page = save_post(db, admin, "page", None, PostInput(title="Atelier", blocks=blocks), "publish")
        db.flush()
        assert last(db).startswith("Page « Atelier » publiée — 6 mots, 0 sous-titre, "
                                   "0 image avec texte alternatif, 2 liens dans le texte, blocs : Paragraphe")
        save_post(db, admin, "page", page, PostInput(title="Atelier", blocks=blocks), "unpublish")
        db.flush()
        assert last(db).startswith("Page « Atelier » passée en brouillon — ")
