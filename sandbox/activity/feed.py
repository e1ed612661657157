"""Read API of activity events: what the console and the tests read from a seat database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models.activity import ActivityEvent


def events_after(db: Session, last_id: int = 0, limit: int = 200) -> list[ActivityEvent]:
    """Events with an id greater than last_id, oldest first."""
    return list(
        db.scalars(
            select(ActivityEvent).where(ActivityEvent.id > last_id).order_by(ActivityEvent.id).limit(limit)
        )
    )


def event_as_dict(event: ActivityEvent) -> dict:
    """An event as JSON-ready data."""
    return {
        "id": event.id,
        "at": event.at.isoformat(),
        "actor_kind": event.actor_kind,
        "actor_name": event.actor_name,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "action": event.action,
        "summary": event.summary,
        "changes": event.changes,
    }
