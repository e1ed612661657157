"""A practice student's formative grid: the exam grid sheet (same services, same saves), owned by the
practice seat instead of a slot seat, never signed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from grading.models import GridEntry, GridSheet
from grading.services.store import writing


def practice_sheet_id(data: Path, practice_seat_id: int, grid: dict[str, Any]) -> int:
    """The id of the practice seat's grid sheet, created (one entry per grid line) on first use."""
    with writing(data) as db:
        sheet = db.scalar(select(GridSheet).where(GridSheet.practice_seat_id == practice_seat_id))
        if sheet is None:
            sheet = GridSheet(practice_seat_id=practice_seat_id, grid_type=grid["type"], appreciation="",
                              version=0)
            sheet.entries = [GridEntry(line_id=line["id"], level="", note="", version=0)
                             for line in grid.get("lines", [])]
            db.add(sheet)
            db.flush()
        return sheet.id
