"""Fixtures for subject packs: copies of the shipped subjects to break, prepared templates and seats."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
SUBJECTS = ROOT / "subjects"
SHIPPED = sorted(p.name for p in SUBJECTS.iterdir() if (p / "subject.toml").is_file())
EXAM_DAY = date(2027, 5, 20)


@pytest.fixture
def pack_copy(tmp_path):
    """Copy a shipped subject into the test's folder (to break it) and return the copy's path."""

    def copy(subject: str = "ln-boutique-a") -> Path:
        target = tmp_path / "packs" / subject
        shutil.copytree(SUBJECTS / subject, target)
        return target

    return copy


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a pack file (the test fails if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextmanager
def seat_session(data: Path, name: str) -> Iterator[Session]:
    """A session on a seat database."""
    from sandbox.db.storage import storage_for

    with Session(storage_for(data).engine("seats", name)) as db:
        yield db


@pytest.fixture
def prepared(data):
    """Prepare a shipped subject for the exam day and create a seat from it: returns the seat."""
    from sandbox.seats import create_seat
    from sandbox.subjects.prepare import prepare_subject

    def make(subject: str = "ln-boutique-a", seat: str = "poste-a", day: date = EXAM_DAY):
        template = prepare_subject(data, SUBJECTS / subject, day)
        return create_seat(data, seat, template=template)

    return make
