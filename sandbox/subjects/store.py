"""The subject as a seat holds it: settings written when the subject template is prepared.

- ``subject.id``: the subject's id;
- ``subject.json``: what the candidate reads (header, rendered texts, questions, annexes, files);
- ``subject.grid``: the grid, its observables, the questions' features and the objects each line watches;
- ``subject.objects``: the named objects, ``{"plaid": {"type": "Product", "id": 12}}``.

The « Sujet » page reads ``subject.json`` only; the console reads the rest through ``read_subject``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from sandbox.models import get_setting, set_setting
from sandbox.subjects.grid import Grid, GridLine

ID_KEY = "subject.id"
SHEET_KEY = "subject.json"
GRID_KEY = "subject.grid"
OBJECTS_KEY = "subject.objects"


@dataclass
class QuestionInfo:
    """A question as the console needs it: id, title and feature ids."""

    id: str
    title: str
    features: list[str]


@dataclass
class SeatSubject:
    """The subject of a seat as the console and the observables use it (no candidate texts)."""

    id: str
    title: str
    letter: str
    code: str
    site: str
    exam_date: str
    questions: list[QuestionInfo]
    grid: Grid
    objects: dict[str, dict] = field(default_factory=dict)
    line_objects: dict[str, list[list]] = field(default_factory=dict)  # line id → [[type, id], …]

    def line(self, line_id: str) -> GridLine:
        """A grid line by id (KeyError when unknown)."""
        for line in self.grid.lines:
            if line.id == line_id:
                return line
        raise KeyError(line_id)

    def lines_of(self, question_id: str) -> list[GridLine]:
        """The grid lines of a question, in grid order."""
        return [line for line in self.grid.lines if line.question == question_id]


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_subject(db: Session, sheet: dict, subject: SeatSubject) -> None:
    """Store the candidate's sheet and the console's subject in the seat settings."""
    set_setting(db, ID_KEY, subject.id)
    set_setting(db, SHEET_KEY, _dumps(sheet))
    set_setting(db, OBJECTS_KEY, _dumps(subject.objects))
    set_setting(
        db,
        GRID_KEY,
        _dumps(
            {
                "id": subject.id,
                "title": subject.title,
                "letter": subject.letter,
                "code": subject.code,
                "site": subject.site,
                "exam_date": subject.exam_date,
                "questions": [q.__dict__ for q in subject.questions],
                "grid": subject.grid.as_dict(),
                "line_objects": subject.line_objects,
            }
        ),
    )


def has_subject(db: Session) -> bool:
    """Whether the seat was prepared from a subject."""
    return bool(get_setting(db, ID_KEY))


def read_sheet(db: Session) -> dict | None:
    """What the candidate reads on the « Sujet » page, or None for a seat without a subject."""
    raw = get_setting(db, SHEET_KEY)
    return json.loads(raw) if raw else None


def read_subject(db: Session) -> SeatSubject | None:
    """The seat's subject for the console (grid, observables, named objects), or None."""
    raw = get_setting(db, GRID_KEY)
    if not raw:
        return None
    data = json.loads(raw)
    return SeatSubject(
        id=data["id"],
        title=data["title"],
        letter=data["letter"],
        code=data["code"],
        site=data["site"],
        exam_date=data["exam_date"],
        questions=[QuestionInfo(**q) for q in data["questions"]],
        grid=Grid.from_dict(data["grid"]),
        objects=json.loads(get_setting(db, OBJECTS_KEY, "{}")),
        line_objects=data.get("line_objects", {}),
    )
