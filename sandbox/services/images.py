"""Images uploaded from the shop back office (brand logos, carousel slides) into the media library."""

from __future__ import annotations

import re
import unicodedata
import warnings
from io import BytesIO

from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Media
from sandbox.services import ServiceError

MAX_BYTES = 5 * 1024 * 1024
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "GIF": ("image/gif", "gif"),
           "WEBP": ("image/webp", "webp")}
# 40 Mpx is more than any camera photo; a few Ko of PNG can announce 30000 × 30000 pixels, whose
# decoding (thumbnails, focal point) would take gigabytes (« decompression bomb »).
MAX_PIXELS = 40_000_000
TOO_BIG = "Image trop grande : réduisez-la à 40 mégapixels au plus (par exemple 6000 × 6000 pixels)."


def check_pixels(data: bytes, field: str) -> None:
    """Refuse (French error) an image announcing more than MAX_PIXELS pixels; reads the header only."""
    from PIL import Image  # imported late: Pillow is slow to import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ServiceError(TOO_BIG, field) from exc
    except Exception:  # not an image at all: the caller's own checks say so
        return
    if width * height > MAX_PIXELS:
        raise ServiceError(TOO_BIG, field)


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

    check_pixels(data, field)
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
