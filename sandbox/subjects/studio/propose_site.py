"""Candidate observables for the site's objects (see ``propose``): posts and pages, comments, pop-ups,
menus, widgets, users, media, categories and tags, and the relations tools (inbox, campaigns, social
network). References to comments are primary keys, said « @nom » by ``propose.named``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.content.blocks import plain_text
from sandbox.models import (
    Campaign,
    Comment,
    ContactMessage,
    Media,
    Menu,
    MenuItem,
    MenuLocation,
    Popup,
    Post,
    PostCategory,
    SiteUser,
    SocialComment,
    SocialPost,
    Tag,
    Widget,
)

Candidate = dict


def _which(post: Post) -> Candidate:
    return {"post": post.slug} | ({"kind": "page"} if post.kind == "page" else {})


def post(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A post or page: published with its length and headings, its blocks, its SEO, sticky, author."""
    row = db.get(Post, int(oid))
    if row is None:
        return []
    which, blocks = _which(row), [b for b in (row.blocks or []) if isinstance(b, dict)]
    out: list[Candidate] = []
    if "status" in fields:
        words = len(plain_text(blocks).split())
        headings = sum(1 for b in blocks if b.get("type") == "heading")
        entry = {"check": "post.published", **which, "min_words": words // 2, "min_headings": headings}
        out.append(
            entry if row.status == "publish" else {"check": "post.published", **which, "published": False}
        )
    if "blocks" in fields and row.status == "publish":
        kinds = sorted({str(b.get("type")) for b in blocks} - {"paragraph", "heading"})
        h2 = sum(1 for b in blocks if b.get("type") == "heading" and b.get("level") == 2)
        if kinds or h2:
            out.append({"check": "post.structure", **which, "blocks": kinds, "min_h2": h2})
    if {"seo_title", "meta_description", "focus_keyphrase"} & fields and row.focus_keyphrase:
        entry = {"check": "post.seo", **which, "seo_title": bool(row.seo_title)}
        out.append(
            entry | ({"meta_description_min": len(row.meta_description) // 2} if row.meta_description else {})
        )
    created = "id" in fields  # a new post's author is its writer, and it starts not sticky: nothing to say
    if "sticky" in fields and (row.sticky or not created):
        out.append({"check": "post.meta", **which, "sticky": row.sticky})
    if "author_id" in fields and row.author_id and not created:
        out.append({"check": "post.meta", **which, "author": db.get(SiteUser, row.author_id).login})
    if "comments_open" in fields and not row.comments_open:
        out.append({"check": "discussion.settings", "closed_on": row.slug})
    return out


def comment(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A comment moderated (trash when deleted), or the site's reply to one."""
    row = db.get(Comment, int(oid))
    if row is None:
        return [{"check": "comment.status", "comment": int(oid), "status": "trash"}]
    if "id" in fields and row.parent_id and row.user_id:
        return [{"check": "comment.reply", "comment": row.parent_id}]
    if "status" in fields:
        return [{"check": "comment.status", "comment": row.id, "status": row.status}]
    return []


def popup(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """An active pop-up, where, when and how often it shows."""
    row = db.get(Popup, int(oid))
    words = plain_text([{"type": "paragraph", "html": row.body}]).split() if row is not None else []
    if row is None or not row.active or not words:
        return []
    entry = {"check": "popup.active", "contains": " ".join(words[:3]), "kind": row.kind, "pages": row.pages}
    return [entry | {"delay_seconds": row.delay_seconds, "frequency": row.frequency}]


def _location_of(db: Session, menu_id: int) -> str | None:
    from sqlalchemy import select

    return db.scalar(select(MenuLocation.location).where(MenuLocation.menu_id == menu_id).limit(1))


def menu_item(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A menu entry, its kind, its parent and the place its menu is shown."""
    row = db.get(MenuItem, int(oid))
    if row is None or "id" not in fields:
        return []
    entry = {"check": "menu.item", "label": row.label, "kind": row.kind}
    parent = db.get(MenuItem, row.parent_id) if row.parent_id else None
    location = _location_of(db, row.menu_id)
    return [
        entry | ({"parent": parent.label} if parent else {}) | ({"location": location} if location else {})
    ]


def menu_location(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A menu put in a location, with how many entries it holds."""
    row = db.get(MenuLocation, oid)
    menu = db.get(Menu, row.menu_id) if row is not None and row.menu_id else None
    if menu is None:
        return []
    return [
        {"check": "menu.location", "location": row.location, "menu": menu.name, "min_items": len(menu.items)}
    ]


def widget(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A widget in an area, its title and settings."""
    row = db.get(Widget, int(oid))
    if row is None:
        return []
    entry = {"check": "widget.present", "area": row.area, "kind": row.kind}
    entry |= {"title_contains": row.title} if row.title else {}
    config = row.config or {}
    return [entry | {k: config[k] for k in ("count", "excerpt_words") if isinstance(config.get(k), int)}]


def site_user(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """An account and its role."""
    row = db.get(SiteUser, int(oid))
    if row is None or not {"id", "role"} & fields:
        return []
    return [{"check": "site_user.role", "login": row.login, "role": row.role}]


def media(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A media item described (alternative text, caption, title) after it was uploaded: an upload's own
    texts say nothing of the author's work (a slide's photo copies its title)."""
    row = db.get(Media, int(oid)) if "id" not in fields else None
    texts = {k: True for k in ("alt", "caption", "title") if k in fields and getattr(row, k, "")}
    return [{"check": "media.texts", "filename_contains": row.filename, **texts}] if row and texts else []


def term(model: type, kind: str):
    """Builder for a category or a tag: its description, its SEO description."""

    def build(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
        row = db.get(model, int(oid))
        if row is None:
            return []
        which = {"name": row.name} | ({"kind": "tag"} if kind == "tag" else {})
        out = []
        if "description" in fields and row.description:
            out.append({"check": "term.description", **which, "min_chars": len(row.description) // 2})
        if {"meta_description", "seo_title"} & fields and row.meta_description and row.seo_title:
            out.append({"check": "term.seo", **which, "description_min": len(row.meta_description) // 2})
        return out

    return build


def contact_message(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A contact message answered."""
    row = db.get(ContactMessage, int(oid))
    return (
        [{"check": "inbox.answered", "email": row.email}] if row and "reply" in fields and row.reply else []
    )


def campaign(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A newsletter campaign sent."""
    row = db.get(Campaign, int(oid))
    if row is None or row.status != "sent":
        return []
    return [
        {
            "check": "campaign.sent",
            "subject_contains": row.subject,
            "segment": row.segment,
            "min_recipients": 1,
        }
    ]


def social_post(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A publication on the company's social page."""
    row = db.get(SocialPost, int(oid))
    if row is None or "id" not in fields:
        return []
    return [
        {"check": "social.post", "contains": " ".join(row.body.split()[:4]), "with_image": bool(row.media_id)}
    ]


def social_comment(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """The company's answer to a follower's comment."""
    row = db.get(SocialComment, int(oid))
    parent = db.get(SocialComment, row.parent_id) if row is not None and row.parent_id else None
    if parent is None or not row.from_company:
        return []
    return [{"check": "social.answered", "author": parent.author_name}]


BUILDERS = {
    "Post": post,
    "Comment": comment,
    "Popup": popup,
    "MenuItem": menu_item,
    "MenuLocation": menu_location,
    "Widget": widget,
    "SiteUser": site_user,
    "Media": media,
    "PostCategory": term(PostCategory, "category"),
    "Tag": term(Tag, "tag"),
    "ContactMessage": contact_message,
    "Campaign": campaign,
    "SocialPost": social_post,
    "SocialComment": social_comment,
}
