"""Server-side schema of the editor's blocks: the JSON posted by the editor is checked and cleaned here.

Each block type lists its attributes and their kind; an unknown type or attribute is refused with a
French message, text is kept as plain text, phrasing HTML goes through nh3 and URLs through
``safe_url``. The renderer sanitises again on output: stored content is never trusted.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from sandbox.content.sanitize import as_text, safe_url, sanitize_block_html, sanitize_inline
from sandbox.services import ServiceError

ALIGNS = ["", "left", "center", "right", "wide", "full"]
SIZES = ["large", "medium", "thumbnail", "full"]
MAX_BLOCKS = 200
MAX_ITEMS = 50

ITEM_SCHEMAS: dict[str, dict[str, Any]] = {
    "slides": {"media_id": "media", "caption": "text", "button_text": "text", "url": "url"},
    "columns": {"blocks": "inner_blocks"},
    "faq": {"question": "text", "answer": "html"},
    "testimonials": {"quote": "text", "name": "text", "role": "text"},
    "members": {"name": "text", "role": "text", "media_id": "media", "bio": "text"},
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "heading": {"text": "text", "level": ("int", 2, 4)},
    "paragraph": {"html": "html"},
    "list": {"items": "html_list", "ordered": "bool"},
    "quote": {"text": "html", "cite": "text"},
    "separator": {},
    "image": {"media_id": "media", "alt": "text", "caption": "html", "align": ALIGNS, "size": SIZES,
              "link": "url", "crop": ["", "1:1", "4:3", "16:9"]},
    "button": {"text": "text", "url": "url"},
    "cover": {"title": "text", "text": "text", "media_id": "media", "button_text": "text", "url": "url"},
    "gallery": {"media_ids": "media_list", "columns": ("int", 2, 4), "caption": "text"},
    "table": {"rows": "rows", "header": "bool", "caption": "text"},
    "rss": {"title": "text", "count": ("int", 1, 10), "url": "url"},
    "calendar": {"month": "month"},
    "audio": {"media_id": "media", "caption": "text"},
    "video": {"media_id": "media", "caption": "text"},
    "file": {"media_id": "media", "text": "text"},
    "slider": {"slides": ("items", "slides")},
    "form": {"kind": ["contact", "newsletter"], "title": "text", "button": "text"},
    "faq": {"items": ("items", "faq")},
    "testimonials": {"items": ("items", "testimonials")},
    "team": {"members": ("items", "members")},
    "map": {"address": "text", "caption": "text"},
    "countdown": {"title": "text", "date": "date"},
    "columns": {"columns": ("items", "columns")},
    "embed": {"url": "embed_url", "caption": "text"},
    "html": {"html": "block_html"},
    "breadcrumb": {},
    "social_icons": {"title": "text"},
    "contact_details": {"title": "text"},
}

# What a column may hold (as in Gutenberg's « Colonnes », without nesting columns in columns).
INNER_TYPES = ("paragraph", "heading", "list", "image", "button")

# The fields a block cannot do without (everything else is optional: every block must render without
# them). A test renders every type with only these fields, so a new type must be listed here.
REQUIRED: dict[str, tuple[str, ...]] = {
    "heading": ("text",), "paragraph": ("html",), "list": ("items",), "quote": ("text",), "separator": (),
    "image": ("media_id",), "button": ("text",), "cover": ("title",), "gallery": ("media_ids",),
    "table": ("rows",), "rss": (), "calendar": (), "audio": ("media_id",), "video": ("media_id",),
    "file": ("media_id",), "slider": ("slides",), "form": (), "faq": ("items",), "testimonials": ("items",),
    "team": ("members",), "map": ("address",), "countdown": ("date",), "columns": ("columns",),
    "embed": ("url",), "html": ("html",), "breadcrumb": (), "social_icons": (),
    "contact_details": (),
}

BLOCK_LABELS = {
    "heading": "Titre", "paragraph": "Paragraphe", "list": "Liste", "quote": "Citation",
    "separator": "Séparateur", "image": "Image", "button": "Bouton", "cover": "Bannière",
    "gallery": "Galerie", "table": "Tableau", "rss": "Flux RSS", "calendar": "Calendrier",
    "audio": "Audio", "video": "Vidéo", "file": "Fichier", "slider": "Diaporama", "form": "Formulaire",
    "faq": "FAQ", "testimonials": "Témoignages", "team": "Équipe", "map": "Carte",
    "countdown": "Compte à rebours", "columns": "Colonnes", "embed": "Contenu embarqué",
    "html": "HTML personnalisé",
    "breadcrumb": "Fil d'Ariane", "social_icons": "Icônes de réseaux sociaux",
    "contact_details": "Coordonnées",
}

_BOLD = re.compile(r"<(/?)b(\s[^>]*)?>", re.IGNORECASE)
_ITALIC = re.compile(r"<(/?)i(\s[^>]*)?>", re.IGNORECASE)


class BlockError(ServiceError):
    """A block refused by its schema; ``index`` says which one, so the editor shows the message in it."""

    def __init__(self, message: str, index: int):
        super().__init__(message, "blocks")
        self.index = index


def _html(value: Any) -> str:
    # The browser's bold/italic commands write <b>/<i>; the stored form is <strong>/<em>.
    text = _ITALIC.sub(r"<\1em>", _BOLD.sub(r"<\1strong>", as_text(value)))
    return str(sanitize_inline(text))[:20000]


def _int(value: Any, low: int, high: int, label: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ServiceError(f"Bloc « {label} » : un nombre entier est attendu.") from exc
    return min(high, max(low, number))


def _clean(kind: Any, value: Any, label: str) -> Any:
    """One attribute cleaned according to its kind."""
    if kind == "text":
        return as_text(value).strip()[:2000]
    if kind == "html":
        return _html(value)
    if kind == "html_list":
        return [_html(v) for v in (value if isinstance(value, list) else [])[:MAX_ITEMS]]
    if kind == "bool":
        return value is True or value in ("1", "true", "on")
    if kind == "url":
        text = as_text(value).strip()
        if text and safe_url(text) is None:
            raise ServiceError(f"Bloc « {label} » : l'adresse « {text[:80]} » n'est pas un lien autorisé "
                               "(http, https, mailto ou adresse du site).")
        return text
    if kind == "media":
        return _int(value, 0, 10**9, label) if value not in (None, "", 0) else None
    if kind == "media_list":
        return [_int(v, 1, 10**9, label) for v in (value if isinstance(value, list) else [])[:MAX_ITEMS]]
    if kind == "rows":
        rows = value if isinstance(value, list) else []
        return [[as_text(c).strip()[:500] for c in (r if isinstance(r, list) else [])[:12]]
                for r in rows[:MAX_ITEMS]]
    if kind == "embed_url":
        text = as_text(value).strip()
        full = re.match(r"https?://[^/\s]+\.[^/\s]+", text, re.IGNORECASE)
        if text and (not full or safe_url(text) is None):
            raise ServiceError(f"Bloc « {label} » : collez l'adresse complète du contenu à embarquer "
                               "(exemple : https://www.youtube.com/watch?v=…).")
        return text
    if kind == "block_html":
        return str(sanitize_block_html(as_text(value)))[:20000]
    if kind == "inner_blocks":
        blocks = value if isinstance(value, list) else []
        for data in blocks:
            inner = as_text(data.get("type")) if isinstance(data, dict) else ""
            if inner not in INNER_TYPES:
                raise ServiceError(f"Bloc « {label} » : un bloc « {BLOCK_LABELS.get(inner, inner[:40])} » ne "
                                   "peut pas être placé dans une colonne.")
        return [validate_block(b) for b in blocks[:MAX_ITEMS]]
    if kind == "month":
        text = as_text(value).strip()
        if text and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
            raise ServiceError(f"Bloc « {label} » : le mois doit s'écrire AAAA-MM (exemple : 2027-05).")
        return text
    if kind == "date":
        text = as_text(value).strip()
        try:
            return date.fromisoformat(text).isoformat() if text else ""
        except ValueError as exc:
            raise ServiceError(f"Bloc « {label} » : « {text[:20]} » n'est pas une date valide.") from exc
    if isinstance(kind, list):
        text = as_text(value).strip()
        return text if text in kind else kind[0]
    if isinstance(kind, tuple) and kind[0] == "int":
        return _int(value if value not in (None, "") else kind[1], kind[1], kind[2], label)
    if isinstance(kind, tuple) and kind[0] == "items":
        items = value if isinstance(value, list) else []
        return [_clean_attrs(ITEM_SCHEMAS[kind[1]], item, label) for item in items[:MAX_ITEMS]]
    raise AssertionError(f"unknown attribute kind {kind!r}")


def _clean_attrs(schema: dict[str, Any], data: Any, label: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ServiceError(f"Bloc « {label} » : contenu mal formé.")
    unknown = sorted(set(data) - set(schema) - {"type"})
    if unknown:
        raise ServiceError(f"Bloc « {label} » : attribut inconnu « {unknown[0][:40]} ».")
    return {name: _clean(kind, data.get(name), label) for name, kind in schema.items()}


def validate_block(data: Any) -> dict[str, Any]:
    """One block checked against its type's schema and cleaned; ServiceError when refused."""
    if not isinstance(data, dict):
        raise ServiceError("Le contenu de l'éditeur est mal formé : un bloc n'est pas un objet.")
    type_name = as_text(data.get("type"))
    if type_name not in SCHEMAS:
        raise ServiceError(f"Type de bloc inconnu : « {type_name[:40]} ».")
    return {"type": type_name, **_clean_attrs(SCHEMAS[type_name], data, BLOCK_LABELS[type_name])}


def validate_blocks(raw: Any) -> list[dict[str, Any]]:
    """The editor's JSON (text or already parsed) as a clean list of blocks."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw or "[]")
        except ValueError as exc:
            message = "Le contenu de l'éditeur est illisible : rechargez la page."
            raise ServiceError(message, "blocks") from exc
    if not isinstance(raw, list):
        raise ServiceError("Le contenu de l'éditeur doit être une liste de blocs.", "blocks")
    if len(raw) > MAX_BLOCKS:
        raise ServiceError(f"{MAX_BLOCKS} blocs au plus par contenu.", "blocks")
    clean = []
    for index, data in enumerate(raw):
        try:
            clean.append(validate_block(data))
        except ServiceError as exc:
            raise BlockError(exc.message, index) from exc
    return clean
