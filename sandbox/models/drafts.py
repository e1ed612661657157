"""Work not yet saved by its author: autosaves (one per object and person) and post revisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.db.base import Base, JSONText


class Autosave(Base):
    """The last autosave of a form (« Une sauvegarde automatique plus récente… »): the posted fields as JSON.

    ``object_key`` is the edited object's id, or ``nouveau`` for an object not created yet.
    """

    __tablename__ = "autosave"
    __table_args__ = (UniqueConstraint("object_type", "object_key", "user_kind", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    object_type: Mapped[str] = mapped_column(String(40))  # post, page, product, thread, campaign
    object_key: Mapped[str] = mapped_column(String(40))
    user_kind: Mapped[str] = mapped_column(String(16))  # employee or site_user
    user_id: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(DateTime)
    fields: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)


class PostRevision(Base):
    """A saved version of a post or a page (WordPress « Révisions »): what each « Enregistrer » left."""

    __tablename__ = "post_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    saved_at: Mapped[datetime] = mapped_column(DateTime)
    author_name: Mapped[str] = mapped_column(String(160), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    excerpt: Mapped[str] = mapped_column(String(2000), default="")
    blocks: Mapped[list[dict[str, Any]]] = mapped_column(JSONText, default=list)
