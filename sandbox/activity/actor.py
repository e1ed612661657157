"""Who is acting on a seat right now; the data layer reads it to sign each activity event."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

ACTOR_KEY = "activity_actor"


@dataclass(frozen=True)
class Actor:
    """A person acting on a seat: a back-office employee, a site user, a customer or a visitor."""

    kind: str
    id: int | None
    name: str


VISITOR = Actor("visitor", None, "Visiteur")


def act_as(db: Session, actor: Actor | None) -> None:
    """Sign every change flushed by this session with the actor; None switches recording off."""
    if actor is None:
        db.info.pop(ACTOR_KEY, None)
    else:
        db.info[ACTOR_KEY] = actor


def current_actor(db: Session) -> Actor | None:
    """The actor signing this session's changes, or None when changes are not recorded (seeding)."""
    return db.info.get(ACTOR_KEY)
