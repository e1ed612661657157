"""The private note employees keep on a customer (never shown to the customer)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.models import Customer
from sandbox.services import ServiceError

MAX_NOTE = 5000


def set_private_note(db: Session, customer: Customer, note: str) -> None:
    """Replace the customer's private note."""
    text = (note or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_NOTE:
        raise ServiceError(f"La note est trop longue ({len(text)} caractères, {MAX_NOTE} au plus).", "note")
    customer.note = text
    db.flush()
