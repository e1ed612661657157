"""Practice sessions of a class (« séances d'entraînement »): kept apart from the exam-day tables.

A teacher's session has one group per subject; each student (a name, no candidate number) gets a seat
named ``e-<session>-<n>``, never ``s<slot>-<n>`` as exam seats are, so the two never share a seat.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from grading.db import CentreUser, GradingBase


class PracticeSession(GradingBase):
    """A teacher's practice session: subjects per group, optional duration, class code, feedback switch."""

    __tablename__ = "practice_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("centre_user.id"))
    title: Mapped[str] = mapped_column(String(160))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    show_observables: Mapped[bool] = mapped_column(Boolean, default=False)
    stuck_minutes: Mapped[int] = mapped_column(Integer, default=5)
    prepared_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    teacher: Mapped[CentreUser] = relationship()
    groups: Mapped[list[PracticeGroup]] = relationship(back_populates="session", order_by="PracticeGroup.id")
    students: Mapped[list[Student]] = relationship(back_populates="session", order_by="Student.position")


class PracticeGroup(GradingBase):
    """A group of the session and the prepared subject template its seats are copied from."""

    __tablename__ = "practice_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_session.id"))
    name: Mapped[str] = mapped_column(String(80))
    template: Mapped[str] = mapped_column(String(120))
    subject_label: Mapped[str] = mapped_column(String(300), default="")

    session: Mapped[PracticeSession] = relationship(back_populates="groups")


class Student(GradingBase):
    """A student of the class list: a name only, and their place in the list."""

    __tablename__ = "practice_student"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_session.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("practice_group.id"))
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer)

    session: Mapped[PracticeSession] = relationship(back_populates="students")
    group: Mapped[PracticeGroup] = relationship()
    seat: Mapped[PracticeSeat | None] = relationship(back_populates="student")


class PracticeSeat(GradingBase):
    """A student's seat (e-<session>-<n>); the seat name is unique across the whole centre."""

    __tablename__ = "practice_seat"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("practice_student.id"), unique=True)
    seat_name: Mapped[str] = mapped_column(String(40), unique=True)
    prepared_at: Mapped[datetime | None] = mapped_column(DateTime)
    reset_count: Mapped[int] = mapped_column(Integer, default=0)
    # The browser that picked this name (a random id kept in its session): no other browser may pick it
    # until the teacher releases it (« Libérer »).
    claimed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    student: Mapped[Student] = relationship(back_populates="seat")
