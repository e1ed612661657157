"""Import a session's candidates from a CSV file: a preview with line-by-line errors, then all or nothing.

Files come from the académie's tools or a spreadsheet: UTF-8 (with or without BOM) or Windows-1252,
separated by « ; » or « , », with or without a header row (numéro, nom, prénom in that order when
there is no header). An optional column « aménagement » gives extra time: « tiers-temps » or « +20 ».
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from grading.models import Candidate
from grading.services.accommodations import HELP, apply, as_text_parsed, parse_accommodation
from grading.services.sessions import get_session
from grading.services.store import reading, writing
from sandbox.services import ServiceError

NUMBER = re.compile(r"^[A-Za-z0-9-]{1,20}$")
MAX_NAME = 80


@dataclass
class CandidateRow:
    """One valid line of the file."""

    line: int
    number: str
    last_name: str
    first_name: str
    accommodation: str = ""  # « tiers-temps », « +20 » or ""


@dataclass
class ImportPreview:
    """What an import would create, and why it cannot when errors is not empty."""

    text: str
    encoding: str
    separator: str
    rows: list[CandidateRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file can be imported as it is."""
        return bool(self.rows) and not self.errors


NOT_TEXT = (
    "Ce fichier n'est pas un fichier texte CSV{kind} : dans le tableur, choisissez « Enregistrer sous » puis "
    "le type « CSV (séparateur : point-virgule) », et déposez ce nouveau fichier."
)
# Signatures of the files people upload by mistake instead of the CSV export.
SIGNATURES = {
    b"PK\x03\x04": " (c'est un classeur Excel ou LibreOffice, ou une archive zip)",
    b"\xd0\xcf\x11\xe0": " (c'est un classeur Excel ancien format .xls)",
    b"%PDF": " (c'est un document PDF)",
    b"\x89PNG": " (c'est une image)",
    b"\xff\xd8\xff": " (c'est une image)",
}


def refuse_binary(raw: bytes | str) -> None:
    """ServiceError (field « file », French) when the upload is a spreadsheet, a PDF, an image…"""
    head = raw[:8] if isinstance(raw, bytes) else b""
    kind = next((words for magic, words in SIGNATURES.items() if head.startswith(magic)), None)
    if kind is None and ("\x00" in raw if isinstance(raw, str) else b"\x00" in raw):
        kind = ""  # NUL bytes never occur in a text file (and the csv module refuses them)
    if kind is not None:
        raise ServiceError(NOT_TEXT.format(kind=kind), "file")


def decode(raw: bytes | str) -> tuple[str, str]:
    """The text of an uploaded file and the encoding found (UTF-8 first, else Windows-1252); ServiceError
    when it is not text at all (a spreadsheet, a PDF…)."""
    refuse_binary(raw)
    if isinstance(raw, str):
        return raw.lstrip("\ufeff"), "UTF-8"
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _plain(text: str) -> str:
    """Lower case without accents, to recognise header names (« Prénom » = « prenom »)."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c)
    ).strip()


def _columns(header: list[str]) -> tuple[int, int, int, int | None] | None:
    """Positions of number, last name, first name and accommodation (optional) in a header row, else None."""
    names = [_plain(cell) for cell in header]
    number = next(
        (
            i
            for i, n in enumerate(names)
            if n.startswith(("num", "n°", "no ", "matricule")) or n in ("n", "no", "candidat")
        ),
        None,
    )
    first = next((i for i, n in enumerate(names) if n.startswith("prenom")), None)
    last = next((i for i, n in enumerate(names) if i not in (number, first) and n.startswith("nom")), None)
    if None in (number, first, last):
        return None
    extra = next((i for i, n in enumerate(names) if n.startswith(("amenagement", "tiers"))), None)
    return number, last, first, extra


def parse(raw: bytes | str, existing: set[str] | None = None) -> ImportPreview:
    """Read the file into rows and French errors (« ligne 4 : numéro de candidat manquant »)."""
    text, encoding = decode(raw)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    separator = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    preview = ImportPreview(text=text, encoding=encoding, separator=separator)
    existing = existing or set()
    seen: dict[str, int] = {}
    columns = (0, 1, 2, 3)  # without a header: numéro, nom, prénom, aménagement (optional)
    for index, cells in enumerate(csv.reader(io.StringIO(text), delimiter=separator), start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if not preview.rows and not preview.errors and index == _first_row(text) and _columns(cells):
            columns = _columns(cells)
            continue
        _check_row(preview, index, cells, columns, seen, existing)
    if not preview.rows and not preview.errors:
        preview.errors.append("Le fichier ne contient aucun candidat.")
    return preview


def _first_row(text: str) -> int:
    """Line number of the first non-empty line (the only place a header may be)."""
    return next((i for i, line in enumerate(text.splitlines(), start=1) if line.strip()), 1)


def _check_row(
    preview: ImportPreview,
    index: int,
    cells: list[str],
    columns: tuple[int, int, int, int | None],
    seen: dict[str, int],
    existing: set[str],
) -> None:
    """Validate one line; append a CandidateRow or the line's errors."""

    def cell(position: int) -> str:
        return cells[position] if position < len(cells) else ""

    number, last, first = (cell(c) for c in columns[:3])
    extra = cell(columns[3]) if columns[3] is not None else ""
    problems = []
    try:
        parsed = parse_accommodation(extra)
    except ServiceError:
        problems.append(f"aménagement « {extra} » non reconnu ({HELP})")
        parsed = None
    if not number:
        problems.append("numéro de candidat manquant")
    elif not NUMBER.match(number):
        problems.append(f"numéro de candidat « {number} » invalide (chiffres, lettres et tirets, 20 au plus)")
    elif number in seen:
        problems.append(f"numéro de candidat {number} déjà présent ligne {seen[number]}")
    elif number in existing:
        problems.append(f"le candidat n° {number} est déjà inscrit dans cette session")
    if not last:
        problems.append("nom manquant")
    if not first:
        problems.append("prénom manquant")
    if len(last) > MAX_NAME or len(first) > MAX_NAME:
        problems.append(f"nom ou prénom trop long ({MAX_NAME} caractères au plus)")
    if problems:
        preview.errors.append(f"ligne {index} : " + ", ".join(problems))
        return
    seen[number] = index
    preview.rows.append(CandidateRow(index, number, last, first, as_text_parsed(parsed)))


def preview_candidates(data: Path, session_id: int, raw: bytes | str) -> ImportPreview:
    """Parse a file against a session (numbers already registered are errors); creates nothing."""
    with reading(data) as db:
        get_session(db, session_id)
        existing = set(db.scalars(select(Candidate.number).where(Candidate.session_id == session_id)))
    return parse(raw, existing)


def import_candidates(data: Path, session_id: int, raw: bytes | str) -> int:
    """Create every candidate of the file in one transaction, or none if any line is wrong."""
    with writing(data) as db:
        get_session(db, session_id)
        existing = set(db.scalars(select(Candidate.number).where(Candidate.session_id == session_id)))
        preview = parse(raw, existing)
        if preview.errors:
            raise ServiceError("Aucun candidat importé : " + " ; ".join(preview.errors), "file")
        for r in preview.rows:
            candidate = Candidate(
                session_id=session_id, number=r.number, last_name=r.last_name, first_name=r.first_name
            )
            apply(candidate, parse_accommodation(r.accommodation))
            db.add(candidate)
    return len(preview.rows)
