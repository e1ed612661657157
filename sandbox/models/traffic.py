"""Daily audience figures of the shop, by traffic source."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.db.base import Base


class TrafficDay(Base):
    """Visits, visitors and page views of one day from one source (direct, search, social…)."""

    __tablename__ = "traffic_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    visits: Mapped[int] = mapped_column(Integer)
    visitors: Mapped[int] = mapped_column(Integer)
    page_views: Mapped[int] = mapped_column(Integer)
