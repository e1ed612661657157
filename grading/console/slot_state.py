"""What the slot console shows, as JSON-ready data: timers, grids, observations (page and stream alike).

The page renders from these dicts and the stream sends the same dicts when something changes, so a
reload, a second tab and a live update always agree.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from flask import url_for

from grading.models import GridSheet, SlotSeat
from grading.services import timers
from grading.services.evidence import evidence_files
from grading.services.sheets import format_mark, sheet_as_dict
from sandbox.formatting import format_datetime

# What the examiner reads under the timer once the seat no longer accepts changes.
TIMER_NOTICES = {
    timers.NOT_STARTED: "Le chronomètre n'est pas lancé.",
    timers.RUNNING: "",
    timers.PAUSED: "En pause — poste en lecture seule jusqu'à la reprise.",
    timers.OVER: "Temps écoulé — poste en lecture seule",
    timers.ENDED: "Épreuve terminée — poste en lecture seule",
}
OBSERVED = {True: "✓ constaté", False: "✗ non constaté", None: "• à apprécier"}


def timer_state(place: SlotSeat, at: datetime | None = None) -> dict[str, Any]:
    """A candidate's timer: state, French label, seconds left (the page counts down from it)."""
    current = timers.state(place, at)
    last_pause = next((e for e in reversed(place.timer_events) if e.kind == "pause"), None)
    return {
        "place": place.id,
        "state": current,
        "label": timers.STATES[current],
        "remaining": timers.remaining_seconds(place, at),
        "notice": TIMER_NOTICES[current],
        "pause_reason": last_pause.reason if current == timers.PAUSED and last_pause else "",
    }


def grid_state(sheet: GridSheet, grid: dict[str, Any] | None = None) -> dict[str, Any]:
    """A candidate's grid as saved now: levels, notes and versions per line, mark in French, signature."""
    # A practice sheet has no slot: its page gives the subject's grid.
    grid = grid if grid is not None else sheet.slot_seat.slot.grid
    raw = sheet_as_dict(sheet, grid)
    return {
        "place": sheet.slot_seat_id,
        "sheet": sheet.id,
        "version": raw["version"],
        "appreciation": raw["appreciation"],
        "mark": format_mark(sheet.mark),
        "signed": sheet.signed_at is not None,
        "signed_by": sheet.signed_by_name,
        "signed_at": format_datetime(sheet.signed_at),
        "lines": {
            line["id"]: {"level": line["level"], "note": line["note"], "version": line["version"]}
            for line in raw["lines"]
        },
        "audit": [
            {
                "field": audit_label(grid, a.field),
                "before": a.before,
                "after": a.after,
                "reason": a.reason,
                "who": a.who,
                "at": format_datetime(a.at),
            }
            for a in sheet.audit
        ],
    }


def audit_label(grid: dict[str, Any], field: str) -> str:
    """« Niveau — <line text> », « Note sur 20 »…: an audited field as the examiner named it."""
    names = {"appreciation": "Appréciation générale", "mark": "Note sur 20"}
    if field in names:
        return names[field]
    kind, _, line_id = field.partition(":")
    text = next((line["text"] for line in grid.get("lines", []) if line["id"] == line_id), line_id)
    return f"{'Niveau' if kind == 'level' else 'Note'} — {text}"


def observations_state(found: dict[str, list]) -> dict[str, list[dict[str, Any]]]:
    """observe_all's result as JSON: per line, each observation's verdict words and its sentence."""
    return {
        line_id: [{"ok": o.ok, "verdict": OBSERVED[o.ok], "sentence": o.sentence} for o in observations]
        for line_id, observations in found.items()
    }


def questions_of(grid: dict[str, Any]) -> list[dict[str, Any]]:
    """The grid's questions in order, each with its lines (a question named only by its lines gets its id)."""
    titles = {q["id"]: q.get("title", "") for q in grid.get("questions", [])}
    order = [q["id"] for q in grid.get("questions", [])]
    for line in grid.get("lines", []):
        if line["question"] not in order:
            order.append(line["question"])
    return [
        {
            "id": qid,
            "title": titles.get(qid, ""),
            "number": qid[1:] if qid[:1] == "q" and qid[1:].isdigit() else qid,
            "lines": [line for line in grid.get("lines", []) if line["question"] == qid],
        }
        for qid in order
    ]


def evidence_links(data: Path, place: SlotSeat) -> list[dict[str, Any]]:
    """The candidate's archived evidence: one entry per archiving, with a download link per file."""
    return [
        {
            "label": f"Preuves archivées le {format_datetime(evidence.created_at)}",
            "files": [
                {"name": path.name, "url": url_for("console.slot_evidence_file", evidence_id=evidence.id,
                                                   filename=path.name)}
                for path in evidence_files(data, evidence)
            ],
        }
        for evidence in place.evidence
    ]
