"""The site's inbox (X-REL-2): messages of the public contact forms, read, answered (simulated), handled."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import ContactMessage
from sandbox.services import ServiceError


def mark_read(db: Session, message: ContactMessage) -> None:
    """Opening a message marks it read."""
    if not message.read:
        message.read = True
        db.flush()


def reply(db: Session, message: ContactMessage, body: str) -> None:
    """Answer a message by e-mail (simulated: the answer is kept with the message, nothing is sent)."""
    body = (body or "").strip()
    if not body:
        raise ServiceError("Écrivez votre réponse.", "body")
    if len(body) > 5000:
        raise ServiceError("La réponse est trop longue (5 000 caractères au plus).", "body")
    message.reply, message.replied_at, message.read, message.handled = body, seat_now(db), True, True
    db.flush()


def set_handled(db: Session, message: ContactMessage, handled: bool) -> None:
    """Mark a message handled (or back to be handled)."""
    message.handled = handled
    message.read = True
    db.flush()
