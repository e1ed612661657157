"""Capture every change to a model with ``__activity__`` as an ActivityEvent in the same transaction.

Listening at the session level means views never write events by hand: whatever a person changes
through any screen is recorded, and a rolled-back change leaves no event behind.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from sandbox.activity.actor import current_actor
from sandbox.activity.summaries import summarize_change
from sandbox.models.activity import ActivityEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _same(before: Any, after: Any) -> bool:
    """Whether a form saved a value unchanged: empty is empty, a textarea's \\r\\n is the stored \\n."""
    if before in (None, "") and after in (None, ""):
        return True
    if isinstance(before, str) and isinstance(after, str):
        return before.replace("\r\n", "\n").strip() == after.replace("\r\n", "\n").strip()
    return before == after


def _column_changes(obj: Any) -> dict[str, tuple[Any, Any]]:
    """Changed column attributes of a dirty object: {field: (before, after)}."""
    state = inspect(obj)
    ignored = set(type(obj).__activity__.get("ignore", ()))
    changes = {}
    for attr in state.mapper.column_attrs:
        if attr.key in ignored:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if not _same(before, after):
            changes[attr.key] = (before, after)
    return changes


def _unchanged(obj: Any, action: str, changes: dict[str, tuple[Any, Any]]) -> bool:
    """No change at all: only fields every save touches (``__activity__["touch"]``, a modification date)
    moved, or the model says so (a setting created empty, content saved in its normalised form)."""
    touched = set(type(obj).__activity__.get("touch", ()))
    if action == "update" and touched and set(changes) <= touched:
        return True
    hook = getattr(obj, "activity_unchanged", None)
    return bool(callable(hook) and hook(action, changes))


def _event_row(obj: Any, action: str, changes: dict[str, tuple[Any, Any]], actor,
               now: datetime) -> dict | None:
    if _unchanged(obj, action, changes):
        return None
    state = inspect(obj)
    # A new object only gets its identity after the flush; its primary key is already known here.
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    return {
        "at": now,
        "actor_kind": actor.kind,
        "actor_id": actor.id,
        "actor_name": actor.name,
        "object_type": type(obj).__name__,
        "object_id": "-".join(str(i) for i in identity) if identity and None not in identity else "",
        "action": action,
        "summary": summarize_change(obj, action, changes),
        "changes": {k: [_jsonable(a), _jsonable(b)] for k, (a, b) in changes.items()},
    }


@event.listens_for(Session, "after_flush")
def _record_flush(session: Session, _context) -> None:
    """After a flush (ids known, pre-flush lists still visible), insert one event per changed object."""
    actor = current_actor(session)
    if actor is None:
        return
    now = datetime.now().replace(microsecond=0)
    rows = []
    for obj in session.new:
        if hasattr(type(obj), "__activity__"):
            state = inspect(obj)
            ignored = set(type(obj).__activity__.get("ignore", ()))
            values = {
                a.key: (None, getattr(obj, a.key))
                for a in state.mapper.column_attrs
                if a.key not in ignored and getattr(obj, a.key) not in (None, "")
            }
            rows.append(_event_row(obj, "create", values, actor, now))
    for obj in session.dirty:
        if hasattr(type(obj), "__activity__") and session.is_modified(obj, include_collections=False):
            changes = _column_changes(obj)
            if changes:
                rows.append(_event_row(obj, "update", changes, actor, now))
    for obj in session.deleted:
        if hasattr(type(obj), "__activity__"):
            rows.append(_event_row(obj, "delete", {}, actor, now))
    rows = [row for row in rows if row is not None]
    if rows:
        session.connection().execute(insert(ActivityEvent.__table__), rows)


def record_visit(session: Session, summary: str, object_type: str = "Visite", object_id: str = "") -> None:
    """Record an event that changes no row (an attempt to leave the exam site, for instance)."""
    actor = current_actor(session)
    if actor is None:
        return
    session.execute(
        insert(ActivityEvent.__table__),
        [
            {
                "at": datetime.now().replace(microsecond=0),
                "actor_kind": actor.kind,
                "actor_id": actor.id,
                "actor_name": actor.name,
                "object_type": object_type,
                "object_id": object_id,
                "action": "visit",
                "summary": summary,
                "changes": {},
            }
        ],
    )
