"""Contact messages and newsletter sign-ups sent through the forms of the public site."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import ContactMessage, Subscriber
from sandbox.services import ServiceError
from sandbox.services.comments import EMAIL


def _email(value: str) -> str:
    email = (value or "").strip()
    if not EMAIL.match(email) or len(email) > 160:
        raise ServiceError("Indiquez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.", "email")
    return email


def send_contact_message(
    db: Session, name: str, email: str, message: str, page_url: str = ""
) -> ContactMessage:
    """A visitor's message for the site's inbox."""
    email = _email(email)
    if not (message or "").strip():
        raise ServiceError("Écrivez votre message avant de l'envoyer.", "message")
    row = ContactMessage(name=(name or "").strip()[:120], email=email, message=message.strip()[:5000],
                         page_url=page_url[:300], created_at=seat_now(db))
    db.add(row)
    db.flush()
    return row


def subscribe(db: Session, email: str, name: str = "") -> Subscriber:
    """Sign a visitor up to the newsletter (an existing address is simply reactivated)."""
    email = _email(email)
    row = db.scalar(select(Subscriber).where(func.lower(Subscriber.email) == email.lower()))
    if row is None:
        row = Subscriber(email=email, name=(name or "").strip()[:120], created_at=seat_now(db))
        db.add(row)
    else:
        row.active = True
    db.flush()
    return row
