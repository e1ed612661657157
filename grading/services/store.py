"""Sessions on the grading database: short write transactions that take the write lock first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from grading.db import grading_engine
from sandbox.db.storage import storage_for


@contextmanager
def reading(data: Path) -> Iterator[Session]:
    """A read session on the grading database (objects stay usable after it closes)."""
    with Session(grading_engine(data), expire_on_commit=False) as db:
        yield db


@contextmanager
def writing(data: Path) -> Iterator[Session]:
    """A write transaction, committed on exit, rolled back on any error.

    The write lock is taken before the first read (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory
    lock): two examiners' tabs writing at once queue up instead of one failing with "database is
    locked" when it upgrades a read transaction that another writer overtook.
    """
    with Session(grading_engine(data), expire_on_commit=False) as db:
        storage_for(data).begin_write(db.connection())
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise


def now() -> datetime:
    """The machine's moment, to the second (timers and signatures are wall-clock facts, not seat dates)."""
    return datetime.now().replace(microsecond=0)
