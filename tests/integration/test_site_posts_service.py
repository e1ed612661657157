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
