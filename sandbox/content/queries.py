"""Reading the site vitrine: what the public may see (published, date reached), pages, archives, search."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from sandbox.content.blocks import excerpt, plain_text
from sandbox.models import Comment, Post, PostCategory, PostCategoryLink, PostTag, get_setting


@dataclass
class Paged:
    """One page of results with what pagination links need."""

    items: list[Any]
    page: int
    pages: int
    total: int


def setting_int(db: Session, key: str, default: int, minimum: int = 1) -> int:
    """An integer setting, the default when unset or unreadable."""
    try:
        return max(minimum, int(get_setting(db, key, str(default))))
    except ValueError:
        return default


def is_public(post: Post | None, now: datetime) -> bool:
    """Published and its publication date reached on the seat clock."""
    return (post is not None and post.status == "publish" and post.published_at is not None
            and post.published_at <= now)


def public(kind: str, now: datetime) -> Select:
    """Posts or pages the public may see."""
    return select(Post).where(Post.kind == kind, Post.status == "publish",
                              Post.published_at.is_not(None), Post.published_at <= now)


def latest_posts(now: datetime, sticky_first: bool = True) -> Select:
    """Public posts, newest first (sticky ones on top for the blog home)."""
    order = [Post.sticky.desc()] if sticky_first else []
    return (public("post", now).options(selectinload(Post.categories), selectinload(Post.author))
            .order_by(*order, Post.published_at.desc(), Post.id.desc()))


def paginate(db: Session, stmt: Select, page: int, per_page: int) -> Paged:
    """Run a query one page at a time; page 1 exists even when empty."""
    total = db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    items = list(db.scalars(stmt.limit(per_page).offset((page - 1) * per_page))) if page <= pages else []
    return Paged(items, page, pages, total)


def post_by_slug(db: Session, slug: str, now: datetime) -> Post | None:
    """The public post with that slug (the oldest one when several share it)."""
    return db.scalars(public("post", now).where(Post.slug == slug).order_by(Post.id)).first()


def page_by_path(db: Session, path: str, now: datetime) -> Post | None:
    """The public page at a path of slugs (« parent/enfant »), each level public and nested."""
    parent_id = None
    page = None
    for slug in [s for s in path.strip("/").split("/") if s]:
        same_parent = Post.parent_id.is_not_distinct_from(parent_id)  # NULL for top-level pages
        page = db.scalars(public("page", now).where(Post.slug == slug, same_parent).order_by(Post.id)).first()
        if page is None:
            return None
        parent_id = page.id
    return page


def page_path(db: Session, page: Post) -> str:
    """The path of slugs leading to a page."""
    return "/".join(p.slug for p in [*ancestors(db, page), page])


def ancestors(db: Session, page: Post) -> list[Post]:
    """Parents of a page, the top one first (cycles are cut)."""
    chain: list[Post] = []
    seen = {page.id}
    parent_id = page.parent_id
    while parent_id is not None and parent_id not in seen:
        parent = db.get(Post, parent_id)
        if parent is None:
            break
        chain.insert(0, parent)
        seen.add(parent.id)
        parent_id = parent.parent_id
    return chain


def child_pages(db: Session, page_id: int | None, now: datetime) -> list[Post]:
    """Public pages directly under a page (None: top-level pages), in menu order."""
    return list(db.scalars(public("page", now).where(Post.parent_id.is_not_distinct_from(page_id))
                           .order_by(Post.menu_order, Post.title, Post.id)))


def category_ids_below(db: Session, category: PostCategory) -> list[int]:
    """A category and all its descendants, as WordPress archives include sub-categories."""
    ids, frontier = [category.id], [category.id]
    while frontier:
        frontier = [i for i in db.scalars(select(PostCategory.id).where(PostCategory.parent_id.in_(frontier)))
                    if i not in ids]
        ids.extend(frontier)
    return ids


def in_categories(now: datetime, category_ids: list[int]) -> Select:
    """Public posts in any of these categories, newest first."""
    linked = select(PostCategoryLink.post_id).where(PostCategoryLink.category_id.in_(category_ids))
    return latest_posts(now, sticky_first=False).where(Post.id.in_(linked))


def with_tag(now: datetime, tag_id: int) -> Select:
    """Public posts carrying a tag, newest first."""
    return latest_posts(now, sticky_first=False).where(
        Post.id.in_(select(PostTag.post_id).where(PostTag.tag_id == tag_id)))


def excerpt_of(post: Post, words: int = 55) -> str:
    """The post's own excerpt, else the first words of its text."""
    return post.excerpt.strip() or excerpt(plain_text(post.blocks), words)


def fold(text: str) -> str:
    """Lower-case text without accents, for matching what a person types."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search(db: Session, query: str, now: datetime) -> list[Post]:
    """Public posts and pages whose title, excerpt or text contain every word of the query."""
    words = fold(query).split()
    if not words:
        return []
    stmt = (select(Post).where(Post.kind.in_(("post", "page")), Post.status == "publish",
                               Post.published_at.is_not(None), Post.published_at <= now)
            .order_by(Post.published_at.desc(), Post.id.desc()))
    found = []
    for post in db.scalars(stmt):
        haystack = fold(f"{post.title} {post.excerpt} {plain_text(post.blocks)}")
        if all(word in haystack for word in words):
            found.append(post)
    return found


@dataclass
class CommentNode:
    """An approved comment with its approved replies."""

    comment: Comment
    replies: list[CommentNode]


def approved_comments(db: Session, post: Post) -> tuple[list[CommentNode], int]:
    """Threaded approved comments of a post, oldest first, and their count; replies to hidden ones hide."""
    rows = list(db.scalars(select(Comment).where(Comment.post_id == post.id, Comment.status == "approved")
                           .order_by(Comment.created_at, Comment.id)))
    nodes = {c.id: CommentNode(c, []) for c in rows}
    roots = []
    for comment in rows:
        if comment.parent_id is None:
            roots.append(nodes[comment.id])
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].replies.append(nodes[comment.id])
    return roots, _count(roots)


def _count(nodes: list[CommentNode]) -> int:
    return sum(1 + _count(n.replies) for n in nodes)
