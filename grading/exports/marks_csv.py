"""The session's marks as CSV for a French spreadsheet: UTF-8 with BOM, « ; » separators, decimal comma."""

from __future__ import annotations

from grading.services.marks import MarkRow
from grading.services.sheets import format_mark
from sandbox.formatting import format_date, format_datetime
from sandbox.spreadsheet import csv_text

HEADER = [
    "Numéro de candidat",
    "Nom",
    "Prénom",
    "Commission",
    "Date",
    "Heure",
    "Examinateur",
    "Sujet",
    "Note sur 20",
    "Grille signée",
    "Signée par",
    "Signée le",
    "Aménagement",
    "Modification après signature",
]


def _changed(row: MarkRow) -> str:
    """« modifiée après signature le 20/05/2027 à 14:05 », so that a late change is never silent."""
    moment = row.changed_after_signing
    return f"modifiée après signature le {format_date(moment)} à {moment:%H:%M}" if moment else ""


def marks_csv(rows: list[MarkRow]) -> bytes:
    """One line per candidate; the BOM makes Excel read UTF-8, the « ; » and comma fit French locales."""
    lines = [
        [
            row.number,
            row.last_name,
            row.first_name,
            row.commission,
            format_date(row.starts_at),
            f"{row.starts_at:%H:%M}",
            row.examiner,
            row.subject,
            format_mark(row.mark).replace("\u202f", ""),
            "oui" if row.signed_at else "non",
            row.signed_by,
            format_datetime(row.signed_at),
            row.accommodation,
            _changed(row),
        ]
        for row in rows
    ]
    return csv_text(HEADER, lines).encode("utf-8")
