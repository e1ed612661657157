"""Activity summaries of posts and pages: « Article « Portes ouvertes 2027 » publié — 162 mots, … »."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import object_session

from sandbox.content.blocks import flat_blocks, plain_text

STATUS_WORDS = {"publish": "publié", "draft": "passé en brouillon", "pending": "soumis à la relecture",
                "future": "planifié", "trash": "mis à la corbeille", "private": "rendu privé"}
# A page is feminine: the participle agrees (« Page … passée en brouillon », not « brouillone »).
PAGE_STATUS_WORDS = {"publish": "publiée", "draft": "passée en brouillon",
                     "pending": "soumise à la relecture", "future": "planifiée",
                     "trash": "mise à la corbeille", "private": "rendue privée"}
LINK = re.compile(r"<a\s[^>]*href=", re.IGNORECASE)


def block_names(blocks: list[dict]) -> str:
    """« Bannière, Colonnes, Contenu embarqué (YouTube) »: the kinds of blocks of a content, in order."""
    from sandbox.content.block_schema import BLOCK_LABELS
    from sandbox.content.blocks_layout import embed_provider

    names: list[str] = []
    for b in blocks:
        kind = str(b.get("type"))
        name = BLOCK_LABELS.get(kind, kind)
        if kind == "embed" and str(b.get("url") or "").strip():
            name += f" ({embed_provider(str(b['url']))})"
        if name not in names:
            names.append(name)
    return ", ".join(names)


def content_facts(post: Any) -> str:
    """« 162 mots, 3 sous-titres, 2 images avec texte alternatif, requête cible « … » »."""
    blocks = [b for b in (post.blocks or []) if isinstance(b, dict)]
    words = len(plain_text(blocks).split())
    headings = sum(1 for b in flat_blocks(blocks) if b.get("type") == "heading")
    session = object_session(post)
    with_alt = 0
    for b in flat_blocks(blocks):
        if b.get("type") == "image":
            media = None
            if session is not None and isinstance(b.get("media_id"), int):
                from sandbox.models import Media

                media = session.get(Media, b["media_id"])
            with_alt += bool(str(b.get("alt") or "").strip() or (media is not None and media.alt.strip()))
    parts = [f"{words} mot{'s' if words > 1 else ''}", f"{headings} sous-titre{'s' if headings > 1 else ''}",
             f"{with_alt} image{'s' if with_alt > 1 else ''} avec texte alternatif"]
    links = sum(len(LINK.findall(str(b.get("html") or ""))) for b in flat_blocks(blocks))
    if links:  # links typed in the text (« Lien » of the toolbar); buttons are told by their block
        parts.append(f"{links} lien{'s' if links > 1 else ''} dans le texte")
    names = block_names(blocks)
    if names:
        parts.append(f"blocs : {names}")
    if post.focus_keyphrase:
        parts.append(f"requête cible « {post.focus_keyphrase} »")
    return ", ".join(parts)


def same_blocks(before: Any, after: Any) -> bool:
    """Whether two block lists say the same once cleaned (stored content may lack default options)."""
    from sandbox.content.block_schema import validate_blocks
    from sandbox.services import ServiceError

    try:
        return validate_blocks(before or []) == validate_blocks(after or [])
    except ServiceError:
        return False


def post_activity_summary(post: Any, action: str, changes: dict) -> str | None:
    """The summary of a post's change, or None to let the generic one speak."""
    page = post.kind == "page"
    head = f"{'Page' if page else 'Article'} « {post.title} »"
    words = PAGE_STATUS_WORDS if page else STATUS_WORDS
    if action == "create":
        created = "créée" if page else "créé"
        state = created if post.status == "draft" else words.get(post.status, created)
        return f"{head} {state} — {content_facts(post)}"
    if action != "update":
        return None
    if "status" in changes:
        return f"{head} {words.get(post.status, post.status)} — {content_facts(post)}"
    if "blocks" in changes:
        from sandbox.activity.summaries import field_label

        others = sorted(field_label(type(post), k) for k in changes if k not in ("blocks", "updated_at"))
        extra = f" ; autres champs modifiés : {', '.join(others)}" if others else ""
        return f"{head} : contenu modifié — {content_facts(post)}{extra}"
    return None
