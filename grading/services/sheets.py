"""Reading grid sheets: the mark as typed and shown in French, a sheet as JSON-ready data."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from grading.models import GridSheet
from grading.services.subjects import LEVELS
from sandbox.formatting import format_number
from sandbox.services import ServiceError

MARK = re.compile(r"^\d{1,2}([.,]\d{1,2})?$")
TWENTY = Decimal(20)


def parse_mark(text: str | Decimal | None) -> Decimal | None:
    """« 14,5 » → Decimal("14.50"); empty → None; refuses anything but 0 to 20 with 2 decimals at most."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    raw = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if isinstance(text, str) and not MARK.match(raw):
        raise ServiceError(
            "La note s'écrit comme un nombre de 0 à 20, avec deux décimales au plus (exemple : 14,5).", "mark"
        )
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation as exc:
        raise ServiceError("La note doit être un nombre de 0 à 20 (exemple : 14,5).", "mark") from exc
    if value != value.quantize(Decimal("0.01")) or not Decimal(0) <= value <= TWENTY:
        raise ServiceError("La note doit être comprise entre 0 et 20, avec deux décimales au plus.", "mark")
    return value.quantize(Decimal("0.01"))


def format_mark(value: Decimal | None) -> str:
    """A mark the French way: 14,5 ; 12 ; 13,25 (empty when not typed)."""
    if value is None:
        return ""
    text = format_number(value, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


SHEET_FIELDS = {"mark": "Note sur 20", "appreciation": "Appréciation globale"}
LINE_FIELDS = {"level": "Niveau", "note": "Observation"}


def audit_label(field: str, grid: dict[str, Any]) -> str:
    """An audited field in French: « Note sur 20 », « Niveau — Créer les déclinaisons… »."""
    if field in SHEET_FIELDS:
        return SHEET_FIELDS[field]
    kind, _, line_id = field.partition(":")
    line = next((ln for ln in grid.get("lines", []) if ln["id"] == line_id), None)
    text = (line or {}).get("text") or line_id
    return f"{LINE_FIELDS.get(kind, kind)} — {text}"


def audit_value(field: str, value: str, grid_type: str) -> str:
    """An audited value in French: a level by its name (« Satisfaisant »), an empty one as « (vide) »."""
    if not value:
        return "(vide)"
    if field.startswith("level:"):
        return LEVELS.get(grid_type, {}).get(value, value)
    return value


def changed_after_signing(sheet: GridSheet) -> datetime | None:
    """The last moment the mark or a level changed after signing (None when never)."""
    moments = [a.at for a in sheet.audit if a.field == "mark" or a.field.startswith("level:")]
    return max(moments) if moments else None


def get_sheet(db: Session, sheet_id: int) -> GridSheet:
    """The grid sheet with that id, or ServiceError."""
    sheet = db.get(GridSheet, sheet_id)
    if sheet is None:
        raise ServiceError(f"La grille n° {sheet_id} n'existe pas.")
    return sheet


def sheet_as_dict(sheet: GridSheet, grid: dict[str, Any]) -> dict[str, Any]:
    """The sheet with its grid definition, JSON-ready (evidence, exports, the console's first load)."""
    entries = {e.line_id: e for e in sheet.entries}
    lines = []
    for line in grid.get("lines", []):
        entry = entries.get(line["id"])
        lines.append(
            {
                **line,
                "level": entry.level if entry else "",
                "note": entry.note if entry else "",
                "version": entry.version if entry else 0,
                "updated_by": entry.updated_by if entry else "",
            }
        )
    return {
        "sheet_id": sheet.id,
        "grid_type": sheet.grid_type,
        "levels": LEVELS.get(sheet.grid_type, {}),
        "questions": grid.get("questions", []),
        "lines": lines,
        "appreciation": sheet.appreciation,
        "mark": None if sheet.mark is None else str(sheet.mark),
        "version": sheet.version,
        "signed_by_name": sheet.signed_by_name,
        "signed_at": sheet.signed_at.isoformat() if sheet.signed_at else None,
        "audit": [
            {
                "field": a.field,
                "label": audit_label(a.field, grid),
                "before_label": audit_value(a.field, a.before, sheet.grid_type),
                "after_label": audit_value(a.field, a.after, sheet.grid_type),
                "before": a.before,
                "after": a.after,
                "reason": a.reason,
                "who": a.who,
                "at": a.at.isoformat(),
            }
            for a in sheet.audit
        ],
    }
