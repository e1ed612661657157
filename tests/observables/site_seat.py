"""What the site cases change on a seat, through the site's own services (as its back office would)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Comment, ContactMessage, Media, Post, SiteUser, SocialComment, set_setting
from sandbox.services.posts import PostInput, save_post


def admin(db: Session) -> SiteUser:
    """The candidate's site account (administrator)."""
    return db.scalar(select(SiteUser).where(SiteUser.login == "candidat"))


def post(db: Session, slug: str) -> Post:
    """A seeded post or page by its slug."""
    found = db.scalar(select(Post).where(Post.slug == slug))
    assert found is not None, slug
    return found


def media(db: Session, filename: str) -> Media:
    """A seeded media item by its file name."""
    found = db.scalar(select(Media).where(Media.filename == filename))
    assert found is not None, filename
    return found


def comment_by(db: Session, author: str) -> Comment:
    """The seeded site comment of a visitor."""
    return db.scalar(select(Comment).where(Comment.author_name == author))


def social_comment_by(db: Session, author: str) -> SocialComment:
    """The seeded social-network comment of a follower."""
    return db.scalar(select(SocialComment).where(SocialComment.author_name == author))


def message_from(db: Session, email: str) -> ContactMessage:
    """The seeded contact-form message of an address."""
    return db.scalar(select(ContactMessage).where(ContactMessage.email == email))


def write_post(db: Session, title: str, blocks: list[dict], *, kind: str = "post",
               action: str = "publish", **fields) -> Post:
    """A new post or page written by the candidate with the editor's blocks (checked by the schema)."""
    data = PostInput(title=title, blocks=json.dumps(blocks), **fields)
    return save_post(db, admin(db), kind, None, data, action)


def plugin(db: Session, code: str, active: bool) -> None:
    """« Extensions › Activer / Désactiver » (the screen writes this one setting)."""
    set_setting(db, f"plugins.{code}", "1" if active else "0")
