"""The grading database (one per data folder): centre accounts here; exam-day tables in grading.models."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import DateTime, Engine, MetaData, String, create_engine, event, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sandbox.db.base import NAMING
from sandbox.db.migrate import stamp_head
from sandbox.db.storage import storage_for
from sandbox.paths import private_file

GRADING_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
GRADING_DATABASE = ("grading", "main")  # (kind, name) of the grading database on a PostgreSQL storage


class GradingBase(DeclarativeBase):
    """Base of the grading tables, kept apart from the seat tables."""

    metadata = MetaData(naming_convention=NAMING)


class CentreUser(GradingBase):
    """An account of the exam centre: administrator, examiner or teacher (never a seat credential)."""

    __tablename__ = "centre_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(12))  # admin, examiner, teacher
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Set by the administrator: the account can no longer log in (kept, so grids still name it).
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    @property
    def active(self) -> bool:
        """Whether the account may log in."""
        return self.disabled_at is None


ROLES = {"admin": "administrateur du centre", "examiner": "examinateur", "teacher": "enseignant"}

_engines: dict[Path, Engine] = {}


def _forget_parent() -> None:
    # A forked server worker must not use the parent's pooled SQLite connections (SQLite forbids using a
    # connection across fork); close=False leaves them to the parent.
    for engine in _engines.values():
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):  # not on Windows, which never forks
    os.register_at_fork(after_in_child=_forget_parent)


def _pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a mark typed must survive a crash
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def grading_engine(data: Path) -> Engine:
    """Engine on <data>/grading.sqlite (or the folder's grading database on PostgreSQL); a new database
    gets every table, stamped at the latest revision.

    An existing one is used as it is: ``e5 upgrade`` (grading.upgrade) brings an older one up to date.
    """
    key = Path(data).resolve()
    if key not in _engines:
        # Registers the exam-day and practice-session tables before create_all.
        from grading import models, models_practice  # noqa: F401

        storage = storage_for(key)
        if storage.dialect == "sqlite":
            # Account hashes and marks: created private, SQLite gives its -wal and -shm files the same mode.
            engine = create_engine(
                f"sqlite:///{private_file(key / 'grading.sqlite')}", connect_args={"check_same_thread": False}
            )
            event.listen(engine, "connect", _pragmas)
        else:
            storage.ensure(*GRADING_DATABASE)
            engine = storage.engine(*GRADING_DATABASE)
        if not inspect(engine).has_table("centre_user"):
            GradingBase.metadata.create_all(engine)
            stamp_head(engine, GRADING_MIGRATIONS)
        _engines[key] = engine
    return _engines[key]


def find_user(db: Session, username: str) -> CentreUser | None:
    """The centre account with that user name."""
    return db.scalar(select(CentreUser).where(CentreUser.username == username))
