"""Key/value settings of a seat: company identity, shop and site preferences, the seat clock."""

from __future__ import annotations

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from sandbox.db.base import Base


class Setting(Base):
    """One named setting; values are text (JSON where structured)."""

    __tablename__ = "setting"
    __activity__ = {"label": "Paramètre", "title": "key"}

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="", info={"label": "valeur"})


def get_setting(db: Session, key: str, default: str = "") -> str:
    """Read a setting, or the default when it is not set."""
    value = db.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def set_setting(db: Session, key: str, value: str) -> None:
    """Create or update a setting (flushed with the caller's transaction)."""
    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, value=value))
    else:
        row.value = value
