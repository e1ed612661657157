"""Media library: files stored inside the seat database, so that a seat copy carries its media."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from sandbox.db.base import Base


class Media(Base):
    """An image, audio, video or PDF file with its descriptive texts."""

    __tablename__ = "media"
    __activity__ = {"label": "Média", "title": "filename", "ignore": ["data", "uploaded_by"]}

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200), info={"label": "fichier"})
    mime: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200), default="", info={"label": "titre"})
    alt: Mapped[str] = mapped_column(String(300), default="", info={"label": "texte alternatif"})
    caption: Mapped[str] = mapped_column(String(300), default="", info={"label": "légende"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "description"})
    size: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    # Focal point in percent of the width/height (S-MED-2): kept in view when the image is cropped.
    focal_x: Mapped[int | None] = mapped_column(Integer, default=50, info={"label": "point focal horizontal"})
    focal_y: Mapped[int | None] = mapped_column(Integer, default=50, info={"label": "point focal vertical"})
    created_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_by: Mapped[int | None] = mapped_column(Integer, info={"label": "ajouté par"})
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
