"""The class view's data (students × grid lines, observed or not; latest activity; stuck) and exports.

``ClassWatcher`` keeps, per seat, the last event id and the seat epoch it computed the row from: a poll
reads two values per seat (indexed) and recomputes the observables only of seats whose work moved.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from grading.models import GridSheet
from grading.models_practice import PracticeSession
from grading.services.store import now, reading
from grading.services.subjects import subject_for_template
from sandbox.activity.feed import event_as_dict, events_after
from sandbox.db.storage import storage_for
from sandbox.formatting import format_datetime
from sandbox.models import ActivityEvent
from sandbox.spreadsheet import csv_text
from sandbox.subjects.observables.kept import observe_in
from sandbox.subjects.store import read_subject

SIGNATURE = (f"SELECT (SELECT max(id) FROM {ActivityEvent.__tablename__}), "  # noqa: S608 — table name from the model, never from input
             "(SELECT value FROM setting WHERE key = 'seat.epoch')")
MARKS = {True: "✓", False: "✗", None: "•"}


def group_lines(data: Path, session: PracticeSession) -> dict[int, list[dict[str, Any]]]:
    """Per group, the grid lines of its subject (the matrix columns)."""
    return {g.id: subject_for_template(data, g.template).grid.get("lines", []) for g in session.groups}


def _cell(observations: list) -> dict[str, Any]:
    """One line of one student: ✓ when every observable holds, ✗ when one fails, • when none decides."""
    verdicts = [o.ok for o in observations]
    ok = False if False in verdicts else (True if verdicts and all(verdicts) else None)
    sentences = " ; ".join(o.sentence for o in observations) or "Pas d'observable pour cette ligne."
    return {"ok": ok, "mark": MARKS[ok], "sentence": sentences}


def _activity_of(db: Session) -> dict[str, Any]:
    """The seat's latest activity and event count: two indexed reads."""
    table = ActivityEvent.__table__
    last_id, count = db.execute(select(func.max(table.c.id), func.count(table.c.id))).one()
    last = db.get(ActivityEvent, last_id) if last_id else None
    return {"last": {"summary": last.summary, "at": last.at.isoformat()} if last else None, "events": count}


def seat_cells(db: Session, data: Path, seat_name: str, written: tuple | None) -> dict[str, dict[str, Any]]:
    """The seat's observables as matrix cells, by grid line id. ``written``: the seat's written marks, read
    before ``db`` read anything; on PostgreSQL only the checks that read a table written since they last
    ran, in this process (class view or console), run again (``observables.kept``)."""
    subject = read_subject(db)
    found = observe_in(db, storage_for(data), seat_name, subject, written) if subject else {}
    return {line_id: _cell(obs) for line_id, obs in found.items()}


_cells: dict[tuple[str, str], tuple[tuple[int, int], dict[str, dict[str, Any]]]] = {}


def cells_of(data: Path, seat_name: str, db: Session, version: tuple, written: tuple | None = None
             ) -> dict[str, dict[str, Any]]:
    """seat_cells, computed once per data version of the seat and process (~40 queries a seat): every
    class view opened, reloaded or streamed by any teacher's tab shares them until the seat changes.
    ``version`` (``data_version``) and ``written`` (``written_marks``) are read before the session's first
    query: the cells kept under them are never older than they."""
    key = (str(data), seat_name)
    known = _cells.get(key)
    if known is None or known[0] != version:
        known = _cells[key] = (version, seat_cells(db, data, seat_name, written))
    return known[1]


def seat_row(data: Path, seat_name: str) -> dict[str, Any]:
    """A seat's cells by line id, its latest activity and event count (empty when not prepared)."""
    storage = storage_for(data)
    if not storage.exists("seats", seat_name):
        return {"cells": {}, "last": None, "events": 0}
    written = storage.written_marks("seats", seat_name)  # before the seat is read
    with Session(storage.engine("seats", seat_name)) as db:
        return {**_activity_of(db), "cells": seat_cells(db, data, seat_name, written)}


def _stuck(row: dict[str, Any], minutes: int, moment: datetime) -> bool:
    last = row.get("last")
    return last is not None and datetime.fromisoformat(last["at"]) < moment - timedelta(minutes=minutes)


@dataclass
class ClassWatcher:
    """Follows the seats of a class in two passes, as the slot console does: first the cheap latest
    activity of every seat whose last event or epoch moved, then the observables of those seats, within
    a time budget so that one busy poll never delays the next seat's activity."""

    data: Path
    seats: dict[int, str]  # student id → seat name
    stuck_minutes: int = 5
    signatures: dict[int, tuple] = field(default_factory=dict)
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    stale: dict[int, None] = field(default_factory=dict)  # students whose observables are behind, in order

    def _signature(self, name: str) -> tuple:
        storage = storage_for(self.data)
        if not storage.exists("seats", name):
            return (None, None)
        with storage.engine("seats", name).connect() as conn:
            return tuple(conn.exec_driver_sql(SIGNATURE).one())

    def _engine(self, name: str):
        storage = storage_for(self.data)
        return storage.engine("seats", name) if storage.exists("seats", name) else None

    def activity(self, moment: datetime | None = None, moved: Collection[str] | None = None
                 ) -> dict[int, dict[str, Any]]:
        """Rows whose latest activity or stuck flag changed (cells as last computed); ``moved``: the only
        seats whose databases may have changed since the last call (None: any seat)."""
        moment = moment or now()
        changed = {}
        for student_id, name in self.seats.items():
            # A seat that did not move keeps its signature: a wake costs one query per moved seat, not one
            # per seat of the class (on PostgreSQL each is a round trip to the server).
            known = moved is not None and name not in moved and student_id in self.signatures
            signature = self.signatures[student_id] if known else self._signature(name)
            row = self.rows.get(student_id) or {"student": student_id, "seat": name, "cells": {},
                                                "last": None, "events": 0, "observed": -1}
            if self.signatures.get(student_id) != signature:
                self.signatures[student_id] = signature
                engine = self._engine(name)
                if engine is not None:
                    with Session(engine) as db:
                        row = {**row, **_activity_of(db)}
                    self.stale[student_id] = None
            stuck = _stuck(row, self.stuck_minutes, moment)
            if row is not self.rows.get(student_id) or row.get("stuck") != stuck:
                row = {**row, "stuck": stuck, "last_text": _last_text(row)}
                self.rows[student_id] = changed[student_id] = row
        return changed

    def observables(self, budget: float | None = None) -> dict[int, dict[str, Any]]:
        """Rows whose observables were recomputed (oldest change first, until the budget in s is spent)."""
        started, changed = time.monotonic(), {}
        while self.stale and (budget is None or time.monotonic() - started < budget):
            student_id = next(iter(self.stale))
            del self.stale[student_id]
            engine = self._engine(self.seats[student_id])
            if engine is None:
                continue
            name = self.seats[student_id]
            storage = storage_for(self.data)
            version, written = storage.data_version("seats", name), storage.written_marks("seats", name)
            with Session(engine) as db:
                events, cells = _activity_of(db)["events"], cells_of(self.data, name, db, version, written)
            row = {**self.rows[student_id], "cells": cells, "observed": events}
            self.rows[student_id] = changed[student_id] = row
        return changed

    def poll(self, moment: datetime | None = None) -> dict[int, dict[str, Any]]:
        """Both passes, without budget: every row that changed (every row the first time)."""
        changed = self.activity(moment)
        changed.update(self.observables())
        return changed


def _last_text(row: dict[str, Any]) -> str:
    last = row.get("last")
    if not last:
        return "Aucune activité"
    return f"{format_datetime(datetime.fromisoformat(last['at']))} — {last['summary']}"


def timeline(data: Path, seat_name: str) -> list[dict[str, Any]]:
    """Every activity event of a student's seat, oldest first (the replay of their work)."""
    storage = storage_for(data)
    if not storage.exists("seats", seat_name):
        return []
    events, last = [], 0
    with Session(storage.engine("seats", seat_name)) as db:
        while batch := events_after(db, last, limit=500):
            events.extend(event_as_dict(e) for e in batch)
            last = batch[-1].id
    return events


def results_csv(data: Path, session: PracticeSession) -> bytes:
    """One line per student: group, subject, lines observed / total, each line's verdict; BOM, « ; »."""
    lines = group_lines(data, session)
    all_lines = [line for group in session.groups for line in lines[group.id]]
    header = ["Élève", "Groupe", "Sujet", "Poste", "Lignes constatées", "Lignes", "Dernière activité",
              *[line["text"] for line in all_lines]]
    rows = []
    for student in session.students:
        name = student.seat.seat_name if student.seat else ""
        row = seat_row(data, name) if name else {"cells": {}, "last": None}
        own = {line["id"] for line in lines[student.group_id]}
        cells = row["cells"]
        done = sum(1 for line_id in own if cells.get(line_id, {}).get("ok") is True)
        rows.append([
            student.name, student.group.name, student.group.subject_label, name, done, len(own),
            _last_text(row),
            *[(cells.get(line["id"], {}).get("mark", "") if line["id"] in own else "") for line in all_lines],
        ])
    return csv_text(header, rows).encode("utf-8")


def teacher_grid(data: Path, student) -> dict[str, Any] | None:
    """The teacher's formative grid of the student: {"lines": {id: (level, note)}, "appreciation"}."""
    if student.seat is None:
        return None
    with reading(data) as db:
        sheet = db.scalar(select(GridSheet).where(GridSheet.practice_seat_id == student.seat.id))
        if sheet is None:
            return None
        lines = {e.line_id: (e.level, e.note) for e in sheet.entries}
        return {"lines": lines, "appreciation": sheet.appreciation}


def feedback_pdf(data: Path, session: PracticeSession, student_id: int) -> bytes:
    """A student's feedback sheet: each grid line with what was observed on their seat."""
    # fpdf (with fontTools) weighs ~20 MB: loaded by the first PDF, not by every server process.
    from grading.exports.pdf import GridPDF, _para

    student = next(s for s in session.students if s.id == student_id)
    row = seat_row(data, student.seat.seat_name) if student.seat else {"cells": {}, "last": None, "events": 0}
    pdf = GridPDF(f"Séance d'entraînement « {session.title} » — {student.name}")
    pdf.alias_nb_pages()
    pdf.add_page()
    t = pdf.text_of
    pdf.set_font(pdf.grid_font, "B", 13)
    _para(pdf, 7, t("Fiche de retour — séance d'entraînement E5"), align="C")
    pdf.set_font(pdf.grid_font, "", 10)
    _para(pdf, 5, t(f"Élève : {student.name} — {student.group.name}"))
    _para(pdf, 5, t(f"Sujet : {student.group.subject_label}"))
    _para(pdf, 5, t(f"Séance : {session.title} — dernière activité : {_last_text(row)}"))
    _para(pdf, 5, t(f"Actions enregistrées : {row.get('events', 0)}"))
    sheet = teacher_grid(data, student) or {"lines": {}, "appreciation": ""}
    pdf.ln(3)
    for line in group_lines(data, session)[student.group_id]:
        cell = row["cells"].get(line["id"], {"mark": "•", "sentence": "Poste non préparé."})
        pdf.set_font(pdf.grid_font, "B", 10)
        _para(pdf, 5, t(f"{cell['mark']} {line['text']}"))
        pdf.set_font(pdf.grid_font, "", 9)
        _para(pdf, 4.5, t(cell["sentence"]))
        level, note = sheet["lines"].get(line["id"], ("", ""))
        if level or note:
            said = f"Enseignant — niveau : {level or 'non positionné'}" + (f" — {note}" if note else "")
            _para(pdf, 4.5, t(said))
        pdf.ln(1.5)
    if sheet["appreciation"]:
        pdf.set_font(pdf.grid_font, "B", 10)
        _para(pdf, 5, t("Appréciation de l'enseignant"))
        pdf.set_font(pdf.grid_font, "", 9)
        _para(pdf, 4.5, t(sheet["appreciation"]))
    pdf.ln(2)
    pdf.set_font(pdf.grid_font, "", 8)
    _para(pdf, 4, t("Constats objectifs relevés sur le poste (entraînement) : ce n'est ni une note ni une "
                    "évaluation ; l'enseignant apprécie le travail."))
    return bytes(pdf.output())
