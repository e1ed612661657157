"""Evidence of a candidate's test: the seat database at the end, its activity timeline, the grid.

Files go to ``<data>/archives/session-<id>/<seat>-<candidate number>-<moment>/`` and are made
read-only; each archiving makes a new folder (an archive is never overwritten). Once archived, the
seat can be prepared again for another slot.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session

from grading.models import Evidence, SlotSeat, TimerEvent
from grading.services.accommodations import describe
from grading.services.sheets import sheet_as_dict
from grading.services.slots import get_place
from grading.services.store import now, writing
from grading.services.timers import ENDED, OVER, STATES, duration_seconds, state
from sandbox.activity.feed import event_as_dict, events_after
from sandbox.db.storage import storage_for
from sandbox.services import ServiceError

ARCHIVES = "archives"
READ_ONLY = 0o444


def _write_json(path: Path, content: Any) -> None:
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    os.chmod(path, READ_ONLY)


def _snapshot(data: Path, seat_name: str, target: Path) -> None:
    """A consistent copy of the seat database, in rollback-journal mode so read-only opens create no file."""
    storage_for(data).snapshot("seats", seat_name, target)
    os.chmod(target, 0o644)
    with sqlite3.connect(target) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    os.chmod(target, READ_ONLY)


def open_evidence(path: str | Path) -> Engine:
    """A read-only engine on an archived seat database (SQLite URI mode=ro)."""
    target = Path(path).resolve()
    if not target.exists():
        raise ServiceError(f"L'archive {target} est introuvable.")
    uri = f"file:{target}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))


def _timeline(engine: Engine) -> list[dict[str, Any]]:
    """Every activity event of the archived seat, oldest first."""
    events, last = [], 0
    with Session(engine) as db:
        while batch := events_after(db, last, limit=500):
            events.extend(event_as_dict(e) for e in batch)
            last = batch[-1].id
    return events


def _timer(events: list[TimerEvent]) -> list[dict[str, Any]]:
    return [{"kind": e.kind, "at": e.at.isoformat(), "reason": e.reason, "by": e.by} for e in events]


def _identity(place: SlotSeat) -> dict[str, Any]:
    """Who, when, where and which subject: the header of every exported grid."""
    slot, candidate, session = place.slot, place.candidate, place.slot.session
    return {
        "session": {
            "id": session.id,
            "date": session.date.isoformat(),
            "centre": session.centre_name,
            "academie": session.academie,
        },
        "slot": {
            "id": slot.id,
            "starts_at": slot.starts_at.isoformat(),
            "commission": slot.commission,
            "examiner": slot.examiner.display_name,
            "duration_minutes": slot.duration_minutes,
        },
        "accommodation": describe(candidate.accommodation, slot.duration_minutes),
        "duration_seconds": duration_seconds(place),
        "subject": {
            "id": slot.subject_id,
            "version": slot.subject_version,
            "title": slot.subject_title,
            "letter": slot.subject_letter,
            "code": slot.subject_code,
            "site": slot.subject_site,
            "template": slot.template,
        },
        "candidate": {
            "number": candidate.number,
            "last_name": candidate.last_name,
            "first_name": candidate.first_name,
        },
        "seat": place.seat_name,
        "position": place.position,
    }


def grid_document(place: SlotSeat) -> dict[str, Any]:
    """A candidate's filled grid with its identity header, JSON-ready (grille.json, PDF export)."""
    return {**_identity(place), **sheet_as_dict(place.sheet, place.slot.grid)}


def archive_evidence(data: Path, slot_seat_id: int) -> Evidence:
    """Archive a finished test: seat snapshot, timeline JSON, grid JSON (read-only files)."""
    data = Path(data)
    with writing(data) as db:
        place = get_place(db, slot_seat_id)
        current = state(place)
        if current not in (ENDED, OVER):
            raise ServiceError(
                f"Le test de {place.candidate.full_name} est « {STATES[current]} » : les preuves "
                "s'archivent une fois le test terminé."
            )
        moment = now()
        relative = (
            Path(ARCHIVES)
            / f"session-{place.slot.session_id}"
            / (f"{place.seat_name}-{place.candidate.number}-{moment:%Y%m%d-%H%M%S}")
        )
        folder = data / relative
        if folder.exists():
            raise ServiceError(
                "Une archive vient d'être faite pour ce candidat : réessayez dans une seconde."
            )
        folder.mkdir(parents=True)
        _snapshot(data, place.seat_name, folder / "poste.sqlite")
        engine = open_evidence(folder / "poste.sqlite")
        try:
            events = _timeline(engine)
        finally:
            engine.dispose()
        identity = _identity(place)
        _write_json(
            folder / "chronologie.json", {**identity, "timer": _timer(place.timer_events), "events": events}
        )
        grid = grid_document(place)
        _write_json(folder / "grille.json", grid)
        evidence = Evidence(
            slot_seat_id=place.id,
            folder=str(relative),
            seat_db_path=str(relative / "poste.sqlite"),
            timeline_path=str(relative / "chronologie.json"),
            grid_json=grid,
            created_at=moment,
        )
        db.add(evidence)
        return evidence


def evidence_files(data: Path, evidence: Evidence) -> list[Path]:
    """The files of an archive (absolute paths), to list or to zip."""
    folder = Path(data) / evidence.folder
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []
