"""Widgets of the site vitrine's footer and sidebar: add, configure, reorder, remove."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Widget
from sandbox.models.appearance import WIDGET_AREAS, WIDGET_TYPES
from sandbox.services import ServiceError

# Options each type understands, with (minimum, maximum) for numbers.
NUMBER_OPTIONS = {"recent_posts": {"count": (1, 20), "excerpt_words": (0, 100)},
                  "recent_comments": {"count": (1, 20)}, "archives": {}, "categories": {},
                  "gallery": {}, "calendar": {}, "search": {}, "text": {}, "rss": {"count": (1, 20)},
                  "meta": {}, "social": {}}


def clean_config(kind: str, raw: dict) -> dict:
    """Validated options of a widget type from form text (French messages per field)."""
    config: dict = {}
    for key, (low, high) in NUMBER_OPTIONS.get(kind, {}).items():
        value = (raw.get(key) or "").strip()
        if not value:
            continue
        if not value.isdigit() or not low <= int(value) <= high:
            raise ServiceError(f"Indiquez un nombre entier entre {low} et {high}.", key)
        config[key] = int(value)
    if kind == "text":
        config["text"] = (raw.get("text") or "").strip()[:2000]
    if kind == "rss":
        url = (raw.get("url") or "").strip()
        if url and not url.startswith(("http://", "https://", "/")):
            raise ServiceError("Indiquez l'adresse du flux, par exemple https://exemple.fr/feed.", "url")
        config["url"] = url
    if kind == "gallery":
        chosen = raw.get("media_ids") or []
        # The form sends the picked images as a list; subject packs may still write « 3, 5 ».
        parts = chosen.replace(" ", "").split(",") if isinstance(chosen, str) else [str(i) for i in chosen]
        ids = [part for part in parts if part]
        if not all(part.isdigit() for part in ids):
            raise ServiceError("Choisissez les images de la galerie dans la médiathèque.", "media_ids")
        config["media_ids"] = [int(part) for part in ids]
    return config


def add_widget(db: Session, area: str, kind: str, title: str = "",
               raw: dict[str, str] | None = None) -> Widget:
    """Add a widget at the end of an area."""
    if area not in WIDGET_AREAS:
        raise ServiceError("Choisissez la zone du widget.", "area")
    if kind not in WIDGET_TYPES:
        raise ServiceError("Choisissez le type de widget.", "kind")
    title = (title or "").strip()
    if len(title) > 120:
        raise ServiceError("Le titre est trop long (120 caractères au plus).", "title")
    last = db.scalar(select(func.max(Widget.position)).where(Widget.area == area)) or 0
    config = clean_config(kind, raw or {})
    widget = Widget(area=area, kind=kind, title=title, config=config, position=last + 1)
    db.add(widget)
    db.flush()
    return widget


def update_widget(db: Session, widget: Widget, title: str, raw: dict[str, str]) -> None:
    """Change a widget's title and options."""
    title = (title or "").strip()
    if len(title) > 120:
        raise ServiceError("Le titre est trop long (120 caractères au plus).", "title")
    widget.title = title
    widget.config = clean_config(widget.kind, raw)
    db.flush()


def move_widget(db: Session, widget: Widget, direction: str) -> None:
    """Move a widget up or down in its area."""
    rows = widgets_in(db, widget.area)
    index = rows.index(widget)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(rows):
        raise ServiceError("Ce widget est déjà à l'extrémité de sa zone.")
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, start=1):
        row.position = position
    db.flush()


def widgets_in(db: Session, area: str) -> list[Widget]:
    """The widgets of an area in display order."""
    return list(db.scalars(select(Widget).where(Widget.area == area).order_by(Widget.position, Widget.id)))
