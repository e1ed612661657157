"""Images uploaded from the shop back office (brand logos, carousel slides) into the media library."""

from __future__ import annotations

import re
import unicodedata
from io import BytesIO

from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Media
from sandbox.services import ServiceError

MAX_BYTES = 5 * 1024 * 1024
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "GIF": ("image/gif", "gif"),
           "WEBP": ("image/webp", "webp")}


def safe_filename(name: str, extension: str) -> str:
    """« Logo Éclat.JPG » → « logo-eclat.jpg » (the name is part of the media URL)."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii").lower()
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:80] or "image"
    return f"{stem}.{extension}"


def store_image(db: Session, filename: str, data: bytes, field: str, title: str = "", alt: str = "") -> Media:
    """Check the bytes are a JPEG, PNG, GIF or WebP image of 5 Mo at most; add it to the media library."""
    if not data:
        raise ServiceError("Choisissez un fichier image.", field)
    if len(data) > MAX_BYTES:
        raise ServiceError("Cette image dépasse 5 Mo : réduisez-la avant de l'envoyer.", field)
    from PIL import Image, UnidentifiedImageError  # imported late: Pillow is slow to import

    try:
        with Image.open(BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    if kind not in FORMATS:
        raise ServiceError("Ce fichier n'est pas une image JPEG, PNG, GIF ou WebP.", field)
    mime, extension = FORMATS[kind]
    media = Media(filename=safe_filename(filename, extension), mime=mime, title=title, alt=alt,
                  size=len(data), width=width, height=height, created_at=seat_now(db), data=data)
    db.add(media)
    db.flush()
    return media
