"""Revisions of posts and pages (WordPress « Révisions »): kept at each save, compared, restored."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.activity.recorder import record_visit
from sandbox.clock import seat_now
from sandbox.content.blocks import plain_text
from sandbox.db.late_tables import ensure_table
from sandbox.formatting import format_datetime
from sandbox.models import Post, PostRevision, SiteUser
from sandbox.services import ServiceError
from sandbox.services.site_roles import require


def _ensure_table(db: Session) -> None:
    """Seats installed before revisions existed get the table on first use."""
    ensure_table(db, PostRevision.__table__)


def revision_count(db: Session, post: Post) -> int:
    """How many revisions a post has (the editor's « Révisions » box)."""
    _ensure_table(db)
    return db.scalar(select(func.count()).where(PostRevision.post_id == post.id)) or 0


def revisions_of(db: Session, post: Post) -> list[PostRevision]:
    """The revisions of a post, newest first."""
    _ensure_table(db)
    return list(db.scalars(select(PostRevision).where(PostRevision.post_id == post.id)
                           .order_by(PostRevision.id.desc())))


def keep_revision(db: Session, post: Post, author: str,
                  saved_at: datetime | None = None) -> PostRevision | None:
    """Keep the post's saved state as a revision, unless it is the same as the last one."""
    _ensure_table(db)
    last = db.scalar(select(PostRevision).where(PostRevision.post_id == post.id)
                     .order_by(PostRevision.id.desc()).limit(1))
    state = (post.title, post.excerpt or "", list(post.blocks or []))
    if last is not None and (last.title, last.excerpt, last.blocks) == state:
        return None
    revision = PostRevision(post_id=post.id, saved_at=saved_at or seat_now(db), author_name=author,
                            title=state[0], excerpt=state[1], blocks=state[2])
    db.add(revision)
    db.flush()
    return revision


def keep_original(db: Session, post: Post) -> None:
    """Before the first save of a post written by someone else (seeded), keep the version it had."""
    if post.id is not None and not revisions_of(db, post):
        author = post.author.display_name if post.author else ""
        keep_revision(db, post, author, post.updated_at)


def _lines(revision: PostRevision) -> list[str]:
    """A revision as lines of text: the title, then one line per block's text, then the excerpt."""
    lines = [f"Titre : {revision.title}"]
    for block in revision.blocks or []:
        text = plain_text([block]).strip() if isinstance(block, dict) else ""
        kind = block.get("type", "") if isinstance(block, dict) else ""
        lines.append(text or f"[{kind}]")
    if revision.excerpt:
        lines.append(f"Extrait : {revision.excerpt}")
    return lines


@dataclass
class DiffRow:
    """One row of the side-by-side comparison: left text, right text, and whether it changed."""

    left: str
    right: str
    state: str  # same, changed, added, removed


def compare(left: PostRevision, right: PostRevision) -> list[DiffRow]:
    """Side-by-side rows of two revisions, line by line."""
    a, b = _lines(left), _lines(right)
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow(x, x, "same") for x in a[i1:i2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            old = olds[k] if k < len(olds) else ""
            new = news[k] if k < len(news) else ""
            rows.append(DiffRow(old, new, "changed" if old and new else ("removed" if old else "added")))
    return rows


def restore_revision(db: Session, user: SiteUser, post: Post, revision: PostRevision) -> None:
    """Put a revision's title, content and excerpt back into the post (the restore is itself a revision)."""
    require(user, "edit_post", post)
    if revision.post_id != post.id:
        raise ServiceError("Cette révision n'appartient pas à ce contenu.")
    if post.status in ("publish", "future"):
        require(user, "publish_post", post)  # changing live content is publishing
    post.title, post.excerpt, post.blocks = revision.title, revision.excerpt, list(revision.blocks or [])
    post.updated_at = seat_now(db)
    db.flush()
    keep_revision(db, post, user.display_name)
    word = "Page" if post.kind == "page" else "Article"
    record_visit(db, f"{word} « {post.title} » : révision du {format_datetime(revision.saved_at)} restaurée",
                 "Post", str(post.id))
