"""The grading database (one per data folder): centre accounts here; exam-day tables in grading.models."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import DateTime, Engine, MetaData, String, create_engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sandbox.db.base import NAMING
from sandbox.paths import private_file


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


def _pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a mark typed must survive a crash
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


# Columns added after the first release: a data folder made before gets them on first use.
ADDED_COLUMNS = {"centre_user": {"disabled_at": "DATETIME"},
                 "practice_seat": {"claimed_by": "VARCHAR(64)", "claimed_at": "DATETIME"}}


def _add_missing_columns(engine: Engine) -> None:
    with engine.begin() as conn:
        for table, columns in ADDED_COLUMNS.items():
            present = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
            for name, kind in columns.items():
                if name not in present:
                    try:
                        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
                    except OperationalError as exc:  # another server process added it first
                        if "duplicate column" not in str(exc):
                            raise


def grading_engine(data: Path) -> Engine:
    """Engine on <data>/grading.sqlite, with its tables created on first use."""
    key = Path(data).resolve()
    if key not in _engines:
        # Registers the exam-day and practice-session tables before create_all.
        from grading import models, models_practice  # noqa: F401

        # Account hashes and marks: created private, SQLite gives its -wal and -shm files the same mode.
        engine = create_engine(
            f"sqlite:///{private_file(key / 'grading.sqlite')}", connect_args={"check_same_thread": False}
        )
        event.listen(engine, "connect", _pragmas)
        GradingBase.metadata.create_all(engine)
        _add_missing_columns(engine)
        _engines[key] = engine
    return _engines[key]


def find_user(db: Session, username: str) -> CentreUser | None:
    """The centre account with that user name."""
    return db.scalar(select(CentreUser).where(CentreUser.username == username))
