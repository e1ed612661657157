"""Writing posts and pages in the site back office: save, publish, schedule, unpublish, trash, author.

Rights are decided by ``sandbox.services.site_roles``; blocks are checked by
``sandbox.content.block_schema``. Nothing here knows about requests.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.content.block_schema import validate_blocks
from sandbox.models import Media, Post, PostCategory, SiteUser, Tag
from sandbox.services import ServiceError
from sandbox.services.site_roles import WRITERS, can, require

STATUS_LABELS = {"draft": "Brouillon", "pending": "En attente de relecture", "publish": "Publié",
                 "future": "Planifié", "private": "Privé", "trash": "Corbeille"}
ACTIONS = ("save", "draft", "pending", "publish", "unpublish", "trash", "restore")


def slugify(text: str) -> str:
    """« Portes ouvertes 2027 ! » → « portes-ouvertes-2027 »."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:190]


@dataclass
class PostInput:
    """What the edit screen sends."""

    title: str = ""
    blocks: Any = "[]"
    slug: str = ""
    excerpt: str = ""
    author_id: int | None = None
    category_ids: list[int] = field(default_factory=list)
    tags: str = ""
    featured_media_id: int | None = None
    comments_open: bool = True
    sticky: bool = False
    publish_at: datetime | None = None
    parent_id: int | None = None
    menu_order: int = 0
    seo: dict[str, str] | None = None


def _unique_slug(db: Session, kind: str, wanted: str, post_id: int | None) -> str:
    base = slugify(wanted) or ("article" if kind == "post" else "page")
    slug, n = base, 2
    while db.scalar(select(Post.id).where(Post.kind == kind, Post.slug == slug, Post.id != (post_id or 0))):
        slug, n = f"{base}-{n}", n + 1
    return slug


def tags_from_text(db: Session, text: str) -> list[Tag]:
    """Tags named in a comma-separated text, created when new."""
    tags: list[Tag] = []
    for name in dict.fromkeys(n.strip() for n in text.split(",") if n.strip()):
        tag = db.scalar(select(Tag).where(func.lower(Tag.name) == name.lower()[:120]))
        if tag is None:
            tag = Tag(name=name[:120], slug=slugify(name) or "etiquette", description="")
            db.add(tag)
        tags.append(tag)
    return tags


def _apply(db: Session, user: SiteUser, post: Post, data: PostInput) -> None:
    title = data.title.strip()
    if not title:
        raise ServiceError("Donnez un titre à votre contenu.", "title")
    post.title = title[:200]
    post.blocks = validate_blocks(data.blocks)
    post.slug = _unique_slug(db, post.kind, data.slug or title, post.id)
    post.excerpt = data.excerpt.strip()[:2000]
    post.comments_open, post.sticky = data.comments_open, data.sticky and post.kind == "post"
    if data.featured_media_id and db.get(Media, data.featured_media_id) is None:
        message = "Cette image mise en avant n'existe plus dans la médiathèque."
        raise ServiceError(message, "featured_media_id")
    post.featured_media_id = data.featured_media_id or None
    if data.author_id and data.author_id != post.author_id:
        require(user, "change_author")
        author = db.get(SiteUser, data.author_id)
        if author is None or author.role not in WRITERS:
            raise ServiceError("Choisissez comme auteur un utilisateur qui peut écrire (pas un abonné).",
                               "author_id")
        post.author_id = author.id
    if post.kind == "post":
        post.categories = [c for c in (db.get(PostCategory, i) for i in data.category_ids) if c]
        post.tags = tags_from_text(db, data.tags)
    else:
        if data.parent_id == post.id and post.id is not None:
            raise ServiceError("Une page ne peut pas être sa propre parente.", "parent_id")
        post.parent_id = data.parent_id or None
        post.menu_order = data.menu_order
    if data.seo is not None:
        post.seo_title = data.seo.get("seo_title", "").strip()[:200]
        post.meta_description = data.seo.get("meta_description", "").strip()[:300]
        post.focus_keyphrase = data.seo.get("focus_keyphrase", "").strip()[:120]


def _set_status(db: Session, user: SiteUser, post: Post, action: str, when: datetime | None) -> None:
    now = seat_now(db)
    if action == "publish":
        require(user, "publish_post", post)
        post.published_at = when or (post.published_at if post.status == "future" else None) or now
        post.status = "future" if post.published_at > now else "publish"
    elif action == "pending":
        post.status = "pending"
    elif action in ("draft", "unpublish"):
        if post.status in ("publish", "future"):
            require(user, "publish_post", post)
        post.status = "draft"
    elif action == "trash":
        require(user, "delete_post", post)
        post.status = "trash"
    elif action == "restore":
        require(user, "delete_post", post)
        post.status = "draft"
    elif action == "save" and post.status in ("publish", "future"):
        require(user, "publish_post", post)  # changing live content is publishing


def save_post(db: Session, user: SiteUser, kind: str, post: Post | None, data: PostInput,
              action: str = "save") -> Post:
    """Create or update a post/page and apply the chosen action (publier, brouillon, corbeille…)."""
    if action not in ACTIONS:
        raise ServiceError("Action inconnue.")
    if kind == "page":
        require(user, "edit_pages")
    if post is None:
        require(user, "create_post")
        post = Post(kind=kind, author_id=user.id, status="draft", blocks=[], title="", slug="",
                    updated_at=seat_now(db))
        db.add(post)
    else:
        require(user, "edit_post", post)
    with db.no_autoflush:  # the slug and tag look-ups must not flush a half-filled post
        _apply(db, user, post, data)
    _set_status(db, user, post, action, data.publish_at)
    post.updated_at = seat_now(db)
    db.flush()
    return post


def bulk_action(db: Session, user: SiteUser, ids: list[int], action: str) -> int:
    """Apply « Mettre à la corbeille », « Restaurer », « Supprimer définitivement » to several posts."""
    done = 0
    for post in db.scalars(select(Post).where(Post.id.in_(ids))).all():
        if action == "delete":
            delete_post(db, user, post)
        else:
            _set_status(db, user, post, action, None)
            post.updated_at = seat_now(db)
        done += 1
    db.flush()
    return done


def delete_post(db: Session, user: SiteUser, post: Post) -> None:
    """Delete a post for good (from the trash)."""
    require(user, "delete_post", post)
    if post.status != "trash":
        raise ServiceError("Mettez d'abord ce contenu à la corbeille.")
    db.execute(Post.__table__.update().where(Post.parent_id == post.id).values(parent_id=None))
    db.delete(post)


def editable(user: SiteUser, post: Post) -> bool:
    """Whether the edit screen opens for this user (views use it to hide links)."""
    return can(user, "edit_post", post)
