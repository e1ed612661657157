"""Exam-day tables of the grading database: sessions, candidates, slots, timers, grids, audit, evidence.

Importing this module registers the tables on GradingBase.metadata, so that ``grading_engine`` creates
them. Marks are exact decimals (stored as integer hundredths, never floats).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from grading.db import CentreUser, GradingBase
from sandbox.db.base import Cents, JSONText


class ExamSession(GradingBase):
    """One exam day of the centre (the seats' clock is its date)."""

    __tablename__ = "exam_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date)
    centre_name: Mapped[str] = mapped_column(String(160))
    academie: Mapped[str] = mapped_column(String(80))
    commissions: Mapped[str] = mapped_column(String(400), default="")  # comma-separated numbers
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="session", order_by="Candidate.last_name, Candidate.first_name"
    )
    slots: Mapped[list[Slot]] = relationship(back_populates="session", order_by="Slot.starts_at, Slot.id")

    @property
    def commission_list(self) -> list[str]:
        """The commission numbers, in the order typed."""
        return [c.strip() for c in self.commissions.split(",") if c.strip()]


class Candidate(GradingBase):
    """A candidate registered for a session; the number is unique within the session."""

    __tablename__ = "candidate"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id"))
    number: Mapped[str] = mapped_column(String(20))
    last_name: Mapped[str] = mapped_column(String(80))
    first_name: Mapped[str] = mapped_column(String(80))

    session: Mapped[ExamSession] = relationship(back_populates="candidates")
    accommodation: Mapped[Accommodation | None] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", lazy="joined"
    )

    @property
    def full_name(self) -> str:
        """« NOM Prénom », as on official lists."""
        return f"{self.last_name.upper()} {self.first_name}"


class Accommodation(GradingBase):
    """Extra time granted to a candidate: « tiers-temps » (a third of the slot's duration) or minutes.

    A table of its own rather than a column of ``candidate`` (added by migration r0002, grading/migrations).
    """

    __tablename__ = "accommodation"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # tiers-temps, minutes
    minutes: Mapped[int] = mapped_column(Integer, default=0)  # for kind "minutes"

    candidate: Mapped[Candidate] = relationship(back_populates="accommodation")


class Slot(GradingBase):
    """One examiner, one subject, one start time, up to three candidates working side by side."""

    __tablename__ = "slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    examiner_id: Mapped[int] = mapped_column(ForeignKey("centre_user.id"))
    commission: Mapped[str] = mapped_column(String(40), default="")
    subject_id: Mapped[str] = mapped_column(String(80))
    subject_version: Mapped[str] = mapped_column(String(20), default="")
    subject_title: Mapped[str] = mapped_column(String(200), default="")
    subject_letter: Mapped[str] = mapped_column(String(4), default="")
    subject_code: Mapped[str] = mapped_column(String(40), default="")
    subject_site: Mapped[str] = mapped_column(String(20), default="")
    template: Mapped[str] = mapped_column(String(120))  # the prepared subject template seats are copied from
    grid: Mapped[dict[str, Any]] = mapped_column(JSONText)  # the subject's grid, frozen at slot creation
    duration_minutes: Mapped[int] = mapped_column(Integer, default=40)
    prepared_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    session: Mapped[ExamSession] = relationship(back_populates="slots")
    examiner: Mapped[CentreUser] = relationship()
    seats: Mapped[list[SlotSeat]] = relationship(back_populates="slot", order_by="SlotSeat.position")


class SlotSeat(GradingBase):
    """A candidate's place in a slot: the seat they work on and its timer (net of pauses)."""

    __tablename__ = "slot_seat"
    __table_args__ = (UniqueConstraint("slot_id", "position"), UniqueConstraint("slot_id", "candidate_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("slot.id"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"))
    seat_name: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)  # 1 to 3
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)

    slot: Mapped[Slot] = relationship(back_populates="seats")
    candidate: Mapped[Candidate] = relationship()
    sheet: Mapped[GridSheet] = relationship(back_populates="slot_seat")
    timer_events: Mapped[list[TimerEvent]] = relationship(order_by="TimerEvent.id")
    evidence: Mapped[list[Evidence]] = relationship(order_by="Evidence.id")


class TimerEvent(GradingBase):
    """Start, pause (with the incident that caused it), resume or end of a candidate's timer."""

    __tablename__ = "timer_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_seat_id: Mapped[int] = mapped_column(ForeignKey("slot_seat.id"))
    kind: Mapped[str] = mapped_column(String(10))  # start, pause, resume, end
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(120), default="")


class GridSheet(GradingBase):
    """A candidate's evaluation grid: levels per line, appreciation, the mark typed by the examiner."""

    __tablename__ = "grid_sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_seat_id: Mapped[int | None] = mapped_column(ForeignKey("slot_seat.id"), unique=True)
    # A practice student's formative grid has no slot seat (exam sheets never have a practice seat).
    practice_seat_id: Mapped[int | None] = mapped_column(ForeignKey("practice_seat.id"), unique=True)
    grid_type: Mapped[str] = mapped_column(String(20))  # fiche-2020, niveaux-1-4, ti-ts
    appreciation: Mapped[str] = mapped_column(Text, default="")
    mark: Mapped[Decimal | None] = mapped_column(Cents)  # a mark out of 20, kept exactly
    signed_by_name: Mapped[str] = mapped_column(String(120), default="")
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(
        Integer, default=0
    )  # +1 at each change of appreciation, mark, signature
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")

    slot_seat: Mapped[SlotSeat] = relationship(back_populates="sheet")
    entries: Mapped[list[GridEntry]] = relationship(back_populates="sheet", order_by="GridEntry.id")
    audit: Mapped[list[AuditEntry]] = relationship(order_by="AuditEntry.id")


class GridEntry(GradingBase):
    """One line of a grid: the level chosen and the examiner's note, each write bumping the version."""

    __tablename__ = "grid_entry"
    __table_args__ = (UniqueConstraint("sheet_id", "line_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("grid_sheet.id"))
    line_id: Mapped[str] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(4), default="")  # TI, I, S, TS or 1–4; "" = not positioned
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, default=0)

    sheet: Mapped[GridSheet] = relationship(back_populates="entries")


class AuditEntry(GradingBase):
    """A change made to a grid after it was signed: who, when, what, before, after and why."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("grid_sheet.id"))
    field: Mapped[str] = mapped_column(String(120))  # appreciation, mark, level:<line>, note:<line>
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime)


class Evidence(GradingBase):
    """What a candidate's test left behind: the seat database at the end, its timeline, the grid."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_seat_id: Mapped[int] = mapped_column(ForeignKey("slot_seat.id"))
    folder: Mapped[str] = mapped_column(String(400))  # relative to the data folder
    seat_db_path: Mapped[str] = mapped_column(String(400))
    timeline_path: Mapped[str] = mapped_column(String(400))
    grid_json: Mapped[dict[str, Any]] = mapped_column(JSONText)
    created_at: Mapped[datetime] = mapped_column(DateTime)
