"""The evaluation grid: every entry saved at once, optimistic concurrency, signing, audit after signing.

Each write carries the version the examiner's page last saw. A write carrying an older version is
refused with ``StaleVersion`` (French message, the current value and version), so that two tabs never
silently overwrite each other. Lines (level + note) have their own version; the sheet's version covers
the appreciation, the mark and the signature. Once signed, a change needs a reason and is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from grading.models import AuditEntry, GridEntry, GridSheet
from grading.services.sheets import format_mark, get_sheet, parse_mark
from grading.services.store import now, reading, writing
from grading.services.subjects import LEVELS
from sandbox.formatting import format_datetime
from sandbox.services import ServiceError


class StaleVersion(ServiceError):
    """A write based on an old version: refused, with what is saved now."""

    def __init__(self, message: str, field: str, current: Any, version: int, updated_by: str = ""):
        super().__init__(message, field)
        self.current = current
        self.version = version
        self.updated_by = updated_by


@dataclass
class Saved:
    """The value now stored and its new version (the page keeps it for its next write)."""

    field: str
    value: Any
    version: int
    updated_at: datetime | None
    updated_by: str


def _entry(sheet: GridSheet, line_id: str) -> GridEntry:
    entry = next((e for e in sheet.entries if e.line_id == line_id), None)
    if entry is None:
        raise ServiceError(f"La ligne « {line_id} » n'existe pas dans cette grille.", "line")
    return entry


def _audit(db: Session, sheet: GridSheet, field: str, before: str, after: str, reason: str, who: str) -> None:
    """After signing, every change needs a reason and leaves a trace."""
    if sheet.signed_at is None:
        return
    if not (reason or "").strip():
        raise ServiceError(
            "La grille est signée : indiquez la raison de cette modification (elle sera tracée).", "reason"
        )
    db.add(
        AuditEntry(
            sheet_id=sheet.id,
            field=field,
            before=before,
            after=after,
            reason=reason.strip(),
            who=who,
            at=now(),
        )
    )


def _check_version(field: str, expected: int, actual: int, current: Any, updated_by: str) -> None:
    if int(expected) != actual:
        by = f" par {updated_by}" if updated_by else ""
        raise StaleVersion(
            f"Cette valeur a été modifiée entre-temps{by} (dans un autre onglet ?) : votre saisie "
            "n'a pas été enregistrée. La valeur actuelle est affichée ; recommencez si besoin.",
            field,
            current,
            actual,
            updated_by,
        )


def _write_entry(
    data: Path,
    sheet_id: int,
    line_id: str,
    attribute: str,
    value: str,
    expected_version: int,
    who: str,
    reason: str,
) -> Saved:
    with writing(data) as db:
        sheet = get_sheet(db, sheet_id)
        entry = _entry(sheet, line_id)
        field = f"{attribute}:{line_id}"
        before = getattr(entry, attribute)
        _check_version(field, expected_version, entry.version, before, entry.updated_by)
        if before != value:
            _audit(db, sheet, field, before, value, reason, who)
            setattr(entry, attribute, value)
            entry.version += 1
            entry.updated_at, entry.updated_by = now(), who
        return Saved(field, value, entry.version, entry.updated_at, entry.updated_by)


def set_level(
    data: Path, sheet_id: int, line_id: str, level: str, expected_version: int, who: str, reason: str = ""
) -> Saved:
    """Position a line (TI/I/S/TS or 1–4; "" clears it), saved at once."""
    level = (level or "").strip().upper()
    with reading(data) as db:
        allowed = LEVELS.get(get_sheet(db, sheet_id).grid_type, {})
    if level and level not in allowed:
        choices = ", ".join(allowed) or "aucun (grille sans niveaux)"
        raise ServiceError(
            f"Niveau « {level} » impossible pour cette grille : choisissez parmi {choices}.", "level"
        )
    return _write_entry(data, sheet_id, line_id, "level", level, expected_version, who, reason)


def set_note(
    data: Path, sheet_id: int, line_id: str, note: str, expected_version: int, who: str, reason: str = ""
) -> Saved:
    """The examiner's note on a line, saved at once."""
    return _write_entry(data, sheet_id, line_id, "note", (note or "").strip(), expected_version, who, reason)


def _write_sheet(
    data: Path,
    sheet_id: int,
    field: str,
    value: Any,
    expected_version: int,
    who: str,
    reason: str,
    shown: Any = str,
) -> Saved:
    with writing(data) as db:
        sheet = get_sheet(db, sheet_id)
        before = getattr(sheet, field)
        _check_version(field, expected_version, sheet.version, before, sheet.updated_by)
        if before != value:
            _audit(db, sheet, field, shown(before), shown(value), reason, who)
            setattr(sheet, field, value)
            sheet.version += 1
            sheet.updated_at, sheet.updated_by = now(), who
        return Saved(field, value, sheet.version, sheet.updated_at, sheet.updated_by)


def set_appreciation(
    data: Path, sheet_id: int, text: str, expected_version: int, who: str, reason: str = ""
) -> Saved:
    """The overall appreciation, saved at once."""
    return _write_sheet(data, sheet_id, "appreciation", (text or "").strip(), expected_version, who, reason)


def set_mark(
    data: Path, sheet_id: int, mark: str | Decimal | None, expected_version: int, who: str, reason: str = ""
) -> Saved:
    """The mark out of 20 typed by the examiner (« 14,5 »), saved at once; the software never computes it."""
    return _write_sheet(data, sheet_id, "mark", parse_mark(mark), expected_version, who, reason, format_mark)


def sign(data: Path, sheet_id: int, examiner_name: str, confirmation: bool) -> GridSheet:
    """Sign the grid (mark required, explicit confirmation): later changes need a reason and are audited."""
    examiner_name = (examiner_name or "").strip()
    if not examiner_name:
        raise ServiceError("Indiquez le nom de l'examinateur qui signe.", "examiner_name")
    if not confirmation:
        raise ServiceError("Cochez la case de confirmation pour signer la grille.", "confirmation")
    with writing(data) as db:
        sheet = get_sheet(db, sheet_id)
        if sheet.signed_at is not None:
            raise ServiceError(
                f"Cette grille est déjà signée par {sheet.signed_by_name} le "
                f"{format_datetime(sheet.signed_at)}."
            )
        if sheet.mark is None:
            raise ServiceError("Saisissez la note sur 20 avant de signer la grille.", "mark")
        sheet.signed_by_name, sheet.signed_at = examiner_name, now()
        sheet.version += 1
        sheet.updated_at, sheet.updated_by = sheet.signed_at, examiner_name
        return sheet
