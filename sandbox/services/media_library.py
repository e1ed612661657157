"""The media library of the site back office: upload (type sniffed from the bytes), describe, delete."""

from __future__ import annotations

import io
import re

from PIL import Image, UnidentifiedImageError
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Media, Post
from sandbox.services import ServiceError
from sandbox.services.images import check_pixels
from sandbox.services.site_roles import require

MO = 1024 * 1024
# (MIME type, extension, size limit), by family; the type is read from the file's first bytes.
LIMITS = {"image": 8 * MO, "audio": 16 * MO, "video": 30 * MO, "application": 10 * MO}
FAMILY_WORDS = {"image": "une image", "audio": "un son", "video": "une vidéo", "application": "un PDF"}
ACCEPTED = "images JPEG, PNG, WebP ou GIF ; sons MP3, WAV ou OGG ; vidéos MP4 ou WebM ; documents PDF"


def sniff(data: bytes) -> tuple[str, str] | None:
    """(MIME type, extension) recognised from the content, never from the file name."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif", "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav", "wav"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg", "mp3"
    if head.startswith(b"OggS"):
        return "audio/ogg", "ogg"
    if head[4:8] == b"ftyp":
        return "video/mp4", "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm", "webm"
    if head.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    return None


def _filename(name: str, extension: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", (name or "fichier").rsplit(".", 1)[0]).strip("-.")[:80]
    return f"{stem or 'fichier'}.{extension}"


def _size_text(size: int) -> str:
    return f"{size / MO:.1f}".replace(".", ",") + " Mo"


def upload(db: Session, user, filename: str, data: bytes) -> Media:
    """Add a file to the library; a French error says what is accepted when it is refused."""
    require(user, "upload_media")
    if not data:
        raise ServiceError("Le fichier est vide : choisissez un autre fichier.", "file")
    found = sniff(data)
    if found is None:
        raise ServiceError(f"Type de fichier non accepté. Formats acceptés : {ACCEPTED}.", "file")
    mime, extension = found
    family = mime.split("/")[0]
    if len(data) > LIMITS[family]:
        raise ServiceError(
            f"Fichier trop lourd ({_size_text(len(data))}) : {FAMILY_WORDS[family]} ne doit pas dépasser "
            f"{_size_text(LIMITS[family])}.", "file")
    width = height = None
    if family == "image":
        check_pixels(data, "file")
        try:
            with Image.open(io.BytesIO(data)) as img:
                img.verify()
            with Image.open(io.BytesIO(data)) as img:
                width, height = img.size
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            raise ServiceError("Cette image est endommagée ou illisible : enregistrez-la à nouveau.",
                               "file") from exc
    name = _filename(filename, extension)
    title = name.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
    media = Media(filename=name, mime=mime, title=title[:200], size=len(data), width=width, height=height,
                  created_at=seat_now(db), data=data, uploaded_by=user.id)
    db.add(media)
    db.flush()
    return media


def describe(db: Session, user, media: Media, title: str, alt: str, caption: str, description: str) -> None:
    """Set the texts of a media item (alt text, title, caption, description)."""
    require(user, "edit_media", media)
    media.title, media.alt = title.strip()[:200], alt.strip()[:300]
    media.caption, media.description = caption.strip()[:300], description.strip()[:5000]
    db.flush()


def _percent(value: str, field: str, word: str) -> int:
    text = (value or "").strip().replace(",", ".")
    if not text:
        return 50
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not (0 <= number <= 100) or number != int(number):
        raise ServiceError(f"Le point focal {word} doit être un nombre entier entre 0 et 100 "
                           f"(50 = centre).", field)
    return int(number)


def set_focal_point(db: Session, user, media: Media, focal_x: str, focal_y: str) -> None:
    """Set the focal point (percent from the left and from the top) kept in view when the image is cropped."""
    require(user, "edit_media", media)
    x = _percent(focal_x, "focal_x", "horizontal")
    y = _percent(focal_y, "focal_y", "vertical")
    media.focal_x, media.focal_y = x, y
    db.flush()


def delete(db: Session, user, media: Media) -> None:
    """Delete a media item; content pointing to it simply stops showing it."""
    require(user, "edit_media", media)
    featured = Post.__table__.update().where(Post.featured_media_id == media.id)
    db.execute(featured.values(featured_media_id=None))
    db.delete(media)
    db.flush()


def search(db: Session, query: str = "", family: str = "") -> list[Media]:
    """Library items, newest first, filtered by words and by family (image, audio, video, application)."""
    stmt = select(Media).order_by(Media.id.desc())
    if query.strip():
        like = f"%{query.strip()}%"
        stmt = stmt.where(or_(Media.filename.ilike(like), Media.title.ilike(like), Media.alt.ilike(like)))
    if family in LIMITS:
        stmt = stmt.where(Media.mime.like(f"{family}/%"))
    return list(db.scalars(stmt).all())
