"""Practice sessions of a class: create a session from a class list, find it by its class code.

Seats are prepared by ``practice_seats``; the class matrix and the exports are in ``practice_results``.
A teacher sees only their own sessions; exam slots and practice sessions never share a seat.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from grading.models_practice import PracticeGroup, PracticeSeat, PracticeSession, Student
from grading.services.store import now, writing
from grading.services.subjects import subject_for_template
from sandbox.services import ServiceError

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from a projector without doubt
CODE_LENGTH = 6
MAX_STUDENTS = 60
PRACTICE_PREFIX = "e-"


def practice_seat_name(session_id: int, position: int) -> str:
    """A student's seat: e-<session id>-<position> (exam seats are s<slot>-<n>, so they never meet)."""
    return f"{PRACTICE_PREFIX}{session_id}-{position}"


def is_practice_seat_name(name: str) -> bool:
    """Whether a seat name is a practice seat's."""
    return name.startswith(PRACTICE_PREFIX)


@dataclass
class ClassList:
    """A parsed class list: (name, group number or None) per student, and the errors per line."""

    students: list[tuple[str, int | None]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _rows(text: str) -> list[list[str]]:
    """Lines of a paste (one name a line) or of a CSV (; or , separated), BOM and blank lines removed."""
    text = (text or "").lstrip("\ufeff")
    lines = text.splitlines()
    sample = "\n".join(lines[:5])
    delimiter = ";" if ";" in sample else ("," if "," in sample else None)
    if delimiter is None:
        return [[line] for line in lines]
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _header(row: list[str]) -> dict[str, int] | None:
    names = {cell.strip().lower().replace("é", "e"): i for i, cell in enumerate(row)}
    if "nom" not in names and "eleve" not in names:
        return None
    return {"nom": names.get("nom", names.get("eleve")), "prenom": names.get("prenom"),
            "groupe": names.get("groupe")}


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def parse_class_list(text: str, groups: int = 1) -> ClassList:
    """Read a pasted class list or a CSV (columns nom;prénom;groupe); every bad line is reported."""
    result = ClassList()
    rows = _rows(text)
    head = _header(rows[0]) if rows else None
    start = 1 if head else 0
    seen: set[str] = set()
    for number, row in enumerate(rows[start:], start=start + 1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        group = None
        if head:
            name = f"{_cell(cells, head['nom'])} {_cell(cells, head['prenom'])}"
            raw_group = _cell(cells, head["groupe"])
            if raw_group:
                if not raw_group.isdigit() or not 1 <= int(raw_group) <= groups:
                    result.errors.append(f"Ligne {number} : groupe « {raw_group} » inconnu (1 à {groups}).")
                    continue
                group = int(raw_group)
        else:
            name = " ".join(c for c in cells if c)
        name = " ".join(name.split())
        if not name:
            result.errors.append(f"Ligne {number} : le nom de l'élève est vide.")
        elif len(name) > 120:
            result.errors.append(f"Ligne {number} : nom trop long (120 caractères au plus).")
        elif name.lower() in seen:
            result.errors.append(f"Ligne {number} : « {name} » figure déjà dans la liste.")
        else:
            seen.add(name.lower())
            result.students.append((name, group))
    if not result.students and not result.errors:
        result.errors.append("La liste de la classe est vide : collez un nom par ligne.")
    if len(result.students) > MAX_STUDENTS:
        result.errors.append(f"{len(result.students)} élèves : une séance en compte {MAX_STUDENTS} au plus.")
    return result


def _new_code(db: Session) -> str:
    taken = set(db.scalars(select(PracticeSession.code)))
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def class_problems(data: Path, templates: Iterable[str], class_list: str) -> list[ServiceError]:
    """Every refusal of the subjects and the class list at once (the form shows each beside its field)."""
    names = [t for t in dict.fromkeys(templates or []) if t]
    problems = [] if names else [ServiceError("Choisissez au moins un sujet.", "subjects")]
    for name in names:
        try:
            subject_for_template(data, name)
        except ServiceError as exc:
            problems.append(ServiceError(exc.message, "subjects"))
    parsed = parse_class_list(class_list, max(1, len(names)))
    if parsed.errors:
        problems.append(ServiceError(" ".join(parsed.errors), "students"))
    return problems


def create_practice_session(
    data: Path, teacher: dict[str, Any], title: str, templates: Iterable[str], class_list: str,
    duration_minutes: int | None = None, show_observables: bool = False, stuck_minutes: int = 5,
) -> PracticeSession:
    """Create a teacher's session: one group per subject, the students of the class list, a class code."""
    if (teacher or {}).get("role") != "teacher":
        raise ServiceError("Seul un compte enseignant crée une séance d'entraînement.")
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Indiquez le titre de la séance.", "title")
    names = [t for t in dict.fromkeys(templates or []) if t]
    if not names:
        raise ServiceError("Choisissez au moins un sujet.", "subjects")
    subjects = [subject_for_template(data, name) for name in names]
    if duration_minutes is not None and not 1 <= int(duration_minutes) <= 240:
        raise ServiceError("La durée doit être comprise entre 1 et 240 minutes.", "duration")
    if not 1 <= int(stuck_minutes or 0) <= 60:
        raise ServiceError("Le délai « sans activité » doit être compris entre 1 et 60 minutes.", "stuck")
    parsed = parse_class_list(class_list, len(subjects))
    if parsed.errors:
        raise ServiceError(" ".join(parsed.errors), "students")
    with writing(data) as db:
        session = PracticeSession(
            teacher_id=teacher["id"], title=title, code=_new_code(db), duration_minutes=duration_minutes,
            show_observables=bool(show_observables), stuck_minutes=int(stuck_minutes), created_at=now(),
        )
        db.add(session)
        groups = [
            PracticeGroup(session=session, name=f"Groupe {i}", template=s.template, subject_label=s.label)
            for i, s in enumerate(subjects, start=1)
        ]
        db.add_all(groups)
        for position, (name, group) in enumerate(parsed.students, start=1):
            chosen = groups[(group - 1) if group else (position - 1) % len(groups)]
            db.add(Student(session=session, group=chosen, name=name, position=position))
    return session


def sessions_of(db: Session, teacher: dict[str, Any]) -> list[PracticeSession]:
    """The teacher's own sessions, the latest first."""
    return list(db.scalars(select(PracticeSession).where(PracticeSession.teacher_id == teacher.get("id"))
                           .order_by(PracticeSession.id.desc())))


def get_practice_session(db: Session, session_id: int) -> PracticeSession:
    """The session with its groups, students and seats, or ServiceError."""
    session = db.scalar(
        select(PracticeSession).where(PracticeSession.id == session_id).options(
            selectinload(PracticeSession.groups),
            selectinload(PracticeSession.students).selectinload(Student.seat),
            selectinload(PracticeSession.students).selectinload(Student.group),
        )
    )
    if session is None:
        raise ServiceError(f"La séance n° {session_id} n'existe pas.")
    return session


def can_open_practice(user: dict[str, Any] | None, session: PracticeSession) -> bool:
    """Only the teacher who created the session opens it (examiners and the administrator do not)."""
    return bool(user) and user.get("role") == "teacher" and user.get("id") == session.teacher_id


def session_by_code(db: Session, code: str) -> PracticeSession | None:
    """The session a class code opens (case and spaces ignored)."""
    code = "".join((code or "").split()).upper()
    if len(code) != CODE_LENGTH:
        return None
    found = db.scalar(select(PracticeSession.id).where(PracticeSession.code == code))
    return get_practice_session(db, found) if found else None


def student_seat(db: Session, student_id: int) -> PracticeSeat | None:
    """A student's seat row, if prepared."""
    return db.scalar(select(PracticeSeat).where(PracticeSeat.student_id == student_id))
