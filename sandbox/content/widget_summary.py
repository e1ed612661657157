"""Widget options in plain French for the console (« adresse du flux : « https://… » (flux externe…) »)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session


def _feed(url: Any) -> str:
    text = str(url or "").strip()
    if not text:
        return "flux de ce site"
    outside = text.startswith(("http://", "https://", "//"))
    return f"« {text} »" + (" (flux externe, affiché hors ligne)" if outside else "")


def _images(ids: Any, session: Session | None) -> str:
    from sandbox.models import Media

    ids = [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []
    if not ids:
        return "aucune image (les dernières de la médiathèque)"
    names = [(m.title or m.filename) if (m := session.get(Media, i) if session else None) else f"média {i}"
             for i in ids]
    return f"{len(ids)} image{'s' if len(ids) > 1 else ''} ({', '.join(names)})"


LABELS = {"count": "nombre d'éléments", "excerpt_words": "longueur de l'extrait (mots)", "text": "texte",
          "url": "adresse du flux", "media_ids": "images de la galerie"}


def _value(key: str, value: Any, session: Session | None) -> str:
    if key == "url":
        return _feed(value)
    if key == "media_ids":
        return _images(value, session)
    if key == "text":
        return f"« {str(value or '')[:60]} »"
    return str(value) if value not in (None, "") else "(par défaut)"


def config_facts(kind: str, config: dict, session: Session | None) -> str:
    """What a new widget shows, for the « ajouté » line (RSS address, gallery images)."""
    if kind == "rss":
        return f"{LABELS['url']} : {_feed(config.get('url'))}"
    if kind == "gallery":
        return f"{LABELS['media_ids']} : {_images(config.get('media_ids'), session)}"
    return ""


def config_change(old: Any, new: Any, session: Session | None) -> str:
    """« nombre d'éléments 5 → 3 ; adresse du flux : flux de ce site → « https://… » (…) »."""
    old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
    parts = [f"{LABELS.get(k, k)} : {_value(k, old.get(k), session)} → {_value(k, new.get(k), session)}"
             for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return " ; ".join(parts) or "réglages inchangés"
