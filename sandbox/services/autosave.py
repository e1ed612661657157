"""Autosaves: the last state of a form kept server-side (one per object and person), never published.

Each autosave also leaves the examiner one progress line per object and person (« Article « … » :
brouillon, 87 mots, 2 images, lien interne ✓ »): the previous line is replaced, not added to, so the
console shows progress without one event per save. Nothing here knows about requests.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sandbox.activity.actor import Actor
from sandbox.clock import seat_now
from sandbox.content.blocks import flat_blocks, plain_text
from sandbox.db.late_tables import ensure_table
from sandbox.models import ActivityEvent, Autosave

PROGRESS = "autosave"  # the action of progress lines in activity_event
HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
MAX_FIELDS = 200_000  # characters: a form is far smaller; refuse anything bigger


def _ensure_table(db: Session) -> None:
    """Seats installed before autosaves existed get the table on first use."""
    ensure_table(db, Autosave.__table__)


def find_autosave(db: Session, actor: Actor, object_type: str, object_key: str) -> Autosave | None:
    """This person's autosave of an object (``nouveau`` for one not created yet), if any."""
    _ensure_table(db)
    return db.scalar(select(Autosave).where(
        Autosave.object_type == object_type, Autosave.object_key == str(object_key),
        Autosave.user_kind == actor.kind, Autosave.user_id == actor.id))


def newer_autosave(db: Session, actor: Actor, object_type: str, object_key: str,
                   saved: datetime | None) -> Autosave | None:
    """The autosave to offer: one saved after the object's own last save (any, for a new object)."""
    found = find_autosave(db, actor, object_type, object_key)
    if found is None or (saved is not None and found.saved_at <= saved):
        return None
    return found


def store_autosave(db: Session, actor: Actor, object_type: str, object_key: str, fields: dict[str, Any],
                   progress: str = "") -> Autosave:
    """Keep the posted fields as this person's autosave of the object; replace its progress line."""
    if len(json.dumps(fields, ensure_ascii=False)) > MAX_FIELDS:
        from sandbox.services import ServiceError

        raise ServiceError("Ce brouillon est trop volumineux pour être sauvegardé automatiquement.")
    now = seat_now(db)  # read before a new row is added: the clock's query would flush it half-filled
    row = find_autosave(db, actor, object_type, object_key)
    if row is None:
        row = Autosave(object_type=object_type, object_key=str(object_key), user_kind=actor.kind,
                       user_id=actor.id, saved_at=now, fields=fields)
        db.add(row)
    row.fields, row.saved_at = fields, now
    if progress:
        record_progress(db, actor, object_type, object_key, progress)
    db.flush()
    return row


def discard_autosave(db: Session, actor: Actor, object_type: str, object_key: str) -> None:
    """Forget this person's autosave of an object (« Ignorer », or the object was saved)."""
    _ensure_table(db)
    db.execute(delete(Autosave).where(
        Autosave.object_type == object_type, Autosave.object_key == str(object_key),
        Autosave.user_kind == actor.kind, Autosave.user_id == actor.id))


def record_progress(db: Session, actor: Actor, object_type: str, object_key: str, summary: str) -> None:
    """One progress line per object and person: the last one replaces the previous (a new id, so
    the console's stream, which reads events after a cursor, sees it)."""
    object_id = f"{object_type}:{object_key}"
    table = ActivityEvent.__table__
    earlier = db.scalars(select(table.c.id).where(
        table.c.action == PROGRESS, table.c.object_type == "Brouillon", table.c.object_id == object_id,
        table.c.actor_kind == actor.kind, table.c.actor_id == actor.id)).all()
    # Insert before deleting: SQLite gives max(id) + 1, which must stay above every id already streamed.
    db.execute(insert(table), [{
        "at": datetime.now().replace(microsecond=0), "actor_kind": actor.kind, "actor_id": actor.id,
        "actor_name": actor.name, "object_type": "Brouillon", "object_id": object_id,
        "action": PROGRESS, "summary": summary, "changes": {},
    }])
    if earlier:
        db.execute(delete(table).where(table.c.id.in_(earlier)))


def _is_internal(href: str) -> bool:
    href = href.strip()
    return href.startswith("/") and not href.startswith("//") or href.startswith("#")


def post_progress(kind: str, title: str, blocks: Any) -> str:
    """« Article « Nos draps d'été » : brouillon, 87 mots, 2 images, lien interne ✓ »."""
    rows = [b for b in (blocks if isinstance(blocks, list) else []) if isinstance(b, dict)]
    words = len(plain_text(rows).split())
    images, hrefs = 0, []
    for block in flat_blocks(rows):
        if block.get("type") == "image" and block.get("media_id"):
            images += 1
        elif block.get("type") == "gallery" and isinstance(block.get("media_ids"), list):
            images += len(block["media_ids"])
        for value in block.values():
            if isinstance(value, str):
                hrefs.extend(HREF.findall(value))
        if block.get("type") == "button" and isinstance(block.get("url"), str):
            hrefs.append(block["url"])
    internal = any(_is_internal(h) for h in hrefs)
    word = "Page" if kind == "page" else "Article"
    name = title.strip() or "(sans titre)"
    parts = [f"{words} mot{'s' if words > 1 else ''}", f"{images} image{'s' if images > 1 else ''}",
             f"lien interne {'✓' if internal else '✗'}"]
    return f"{word} « {name} » : brouillon, " + ", ".join(parts)
