"""Prepared subject templates as the exam day sees them: identity of the subject and its grid.

A slot freezes the grid of its subject when it is created, so that grading never depends on pack files
afterwards. The grid is read from the prepared template itself (setting ``subject.grid`` written by
``sandbox.subjects.prepare``, beside ``templates/subject-<id>-<date>.json``), else from the pack folder
(``subject.toml`` + ``grid.toml``, format v1 in docs/subject-packs.md).
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox.db.storage import storage_for
from sandbox.seats import is_trial_template
from sandbox.services import ServiceError

SUBJECT_PREFIX = "subject-"
_stored: dict[tuple[str, str], tuple[Any, dict[str, Any] | None]] = {}  # see _stored_subject
PACKS = Path(__file__).resolve().parents[2] / "subjects"
GRID_TYPES = {
    "fiche-2020": "Fiche d'évaluation (2020)",
    "niveaux-1-4": "Niveaux 1 à 4 par question (2021–2022)",
    "ti-ts": "TI / I / S / TS par ligne (2023–2025)",
}
# The generation of the national grid each type reproduces, as printed on exports (apart from the session).
GENERATIONS = {
    "fiche-2020": "Fiche d'évaluation 2020 (note sur 20)",
    "niveaux-1-4": "Grille 2021–2022 (niveaux 1 à 4)",
    "ti-ts": "Grille 2023–2025 (TI/I/S/TS)",
}
# The levels a line can take, per grid type, with the words printed on the official grids.
LEVELS: dict[str, dict[str, str]] = {
    "fiche-2020": {},
    "niveaux-1-4": {"1": "Niveau 1", "2": "Niveau 2", "3": "Niveau 3", "4": "Niveau 4"},
    "ti-ts": {"TI": "Très insuffisant", "I": "Insuffisant", "S": "Satisfaisant", "TS": "Très satisfaisant"},
}
NOT_DONE = "Non réalisée"  # level 1 of the 2021–2022 grids, always


@dataclass
class SubjectChoice:
    """A prepared subject template that a slot can use."""

    template: str
    subject_id: str
    version: str = ""
    title: str = ""
    letter: str = ""
    code: str = ""
    site: str = ""
    date: str = ""
    grid: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """How the subject is named in a list: « Sujet A — Titre (E5B-…) — 20/05/2027 »."""
        parts = [f"Sujet {self.letter}" if self.letter else self.subject_id]
        if self.title:
            parts.append(self.title)
        if self.code:
            parts.append(self.code)
        if self.date:
            parts.append("/".join(reversed(self.date.split("-"))))
        return " — ".join(parts)


def normalise_grid(raw: dict[str, Any], questions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The grid as grading stores it: {type, questions: [{id, title}], lines: [{id, question, criterion,
    text, levels}]}; accepts grid.toml as parsed, or a subject dict holding it under "grid"."""
    if "lines" not in raw and isinstance(raw.get("grid"), dict):
        return normalise_grid(raw["grid"], questions or raw.get("questions"))
    head = raw.get("grid") if isinstance(raw.get("grid"), dict) else raw
    grid_type = head.get("type", "")
    if grid_type not in GRID_TYPES:
        raise ServiceError(f"Type de grille « {grid_type} » inconnu : attendu {', '.join(GRID_TYPES)}.")
    lines = []
    for line in raw.get("lines", []):
        levels = list(line.get("levels", []))
        if grid_type == "niveaux-1-4" and len(levels) == 3:
            levels = [NOT_DONE, *levels]
        lines.append(
            {
                "id": str(line["id"]),
                "question": str(line.get("question", "")),
                "criterion": str(line.get("criterion", "")),
                "text": str(line.get("text", "")),
                "levels": [str(level) for level in levels],
            }
        )
    qs = [{"id": str(q.get("id", "")), "title": str(q.get("title", ""))} for q in (questions or [])]
    # "aid": the pack's optional, clearly non-binding help for the examiner (never a conversion scale).
    return {"type": grid_type, "questions": qs, "lines": lines, "aid": str(head.get("aid", ""))}


def _choice(template: str, subject: dict[str, Any], grid: dict[str, Any], date: str) -> SubjectChoice:
    head = subject.get("subject", subject)
    return SubjectChoice(
        template=template,
        subject_id=str(head.get("id", "")),
        version=str(head.get("version", "")),
        title=str(head.get("title", "")),
        letter=str(head.get("letter", "")),
        code=str(head.get("code", "")),
        site=str(head.get("site", "")),
        date=date,
        grid=grid,
    )


def load_pack(folder: Path, template: str = "", date: str = "") -> SubjectChoice:
    """Read a subject pack folder's identity and grid (subject.toml, grid.toml)."""
    try:
        subject = tomllib.loads((folder / "subject.toml").read_text(encoding="utf-8"))
        grid = tomllib.loads((folder / "grid.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ServiceError(f"Sujet illisible dans {folder} : {exc}") from exc
    return _choice(template, subject, normalise_grid(grid, subject.get("questions")), date)


def _stored_subject(data: Path, template: str) -> dict[str, Any] | None:
    """The subject that preparation stored in the template (setting subject.grid), if any.

    Kept per data version of the template: the class view and the slot pages read it on every visit,
    while a template only changes when it is prepared again (a new version); on PostgreSQL each read
    was a connection of its own to the template's database.
    """
    storage = storage_for(data)
    key = (str(data), template)
    version = storage.data_version("templates", template)
    kept = _stored.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = storage.read_setting("templates", template, "subject.grid")
    subject = json.loads(value) if value else None
    _stored[key] = (version, subject)
    return subject


def _split_name(template: str) -> tuple[str, str]:
    """subject-<id>-<AAAA-MM-JJ> → (id, date); the date part is optional."""
    rest = template.removeprefix(SUBJECT_PREFIX)
    parts = rest.rsplit("-", 3)
    if len(parts) == 4 and all(p.isdigit() for p in parts[1:]):
        return parts[0], "-".join(parts[1:])
    return rest, ""


def subject_for_template(data: Path, template: str) -> SubjectChoice:
    """The subject prepared in that template, with its grid; ServiceError when it cannot be read."""
    storage = storage_for(data)
    if not template.startswith(SUBJECT_PREFIX) or not storage.exists("templates", template):
        raise ServiceError(
            f"Le sujet préparé « {template} » n'existe pas : préparez-le avec e5 subject prepare.", "template"
        )
    meta_path = storage.meta_path("templates", template)
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    subject_id, date = _split_name(template)
    date = str(meta.get("exam_date") or meta.get("date") or date)
    stored = _stored_subject(data, template)
    if stored and ("grid" in stored or "lines" in stored):
        choice = _choice(template, stored, normalise_grid(stored), date)
        choice.version = choice.version or str(meta.get("version", ""))
        return choice
    pack_id = str(meta.get("subject") or meta.get("id") or subject_id)
    for folder in (Path(str(meta.get("source", ""))), PACKS / pack_id):
        if str(folder) not in ("", ".") and (folder / "subject.toml").exists():
            return load_pack(folder, template, date)
    raise ServiceError(f"La grille du sujet « {template} » est introuvable.", "template")


def available_subjects(data: Path) -> list[SubjectChoice]:
    """Every prepared subject template of the data folder whose grid can be read (a studio trial is not
    offered: its draft goes to the library first)."""
    choices = []
    for name in storage_for(data).names("templates"):
        if name.startswith(SUBJECT_PREFIX) and not is_trial_template(name):
            try:
                choices.append(subject_for_template(data, name))
            except ServiceError:
                continue  # a template being prepared right now, or a broken one: not offered
    return choices


def subject_choices(subjects: list[SubjectChoice]) -> list[tuple[str, str]]:
    """(template, label) pairs for a list, with the subject's id where two labels would read the same."""
    # A centre's own subject A uploaded next to the shipped subject A, both prepared for the day.
    counts = Counter(s.label for s in subjects)
    return [(s.template, f"{s.label} ({s.subject_id})" if counts[s.label] > 1 else s.label) for s in subjects]
