"""Visitors reaching the company through the site vitrine: contact messages and newsletter subscribers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.db.base import Base


class ContactMessage(Base):
    """A message sent through a contact form of the public site (the site's inbox)."""

    __tablename__ = "contact_message"
    __activity__ = {"label": "Message de contact", "title": "email"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="", info={"label": "nom"})
    email: Mapped[str] = mapped_column(String(160), info={"label": "adresse e-mail"})
    message: Mapped[str] = mapped_column(Text, default="", info={"label": "message"})
    page_url: Mapped[str] = mapped_column(String(300), default="", info={"label": "page"})
    read: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "lu"})
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Back-office inbox (X-REL-2): the simulated answer and whether the request was handled.
    reply: Mapped[str] = mapped_column(Text, default="", info={"label": "réponse"})
    replied_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "date de réponse"})
    handled: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "traité"})


class Subscriber(Base):
    """A newsletter subscriber signed up through the public site."""

    __tablename__ = "subscriber"
    __activity__ = {"label": "Abonné à la lettre d'information", "title": "email"}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(160), unique=True, info={"label": "adresse e-mail"})
    name: Mapped[str] = mapped_column(String(120), default="", info={"label": "prénom"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "actif"})
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Newsletter segments (X-REL-1): tags separated by commas (« salon,professionnel »).
    tags: Mapped[str] = mapped_column(String(200), default="", info={"label": "étiquettes"})
