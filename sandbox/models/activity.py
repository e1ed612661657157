"""Activity events: what each person changed in a seat, written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.db.base import Base, JSONText


class ActivityEvent(Base):
    """One change: when, who, what object, a French one-line summary and the before/after of fields."""

    __tablename__ = "activity_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_kind: Mapped[str] = mapped_column(String(16))  # employee, site_user, customer, visitor, system
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(160), default="")
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(10))  # create, update, delete, visit
    summary: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)
