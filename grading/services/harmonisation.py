"""Harmonisation data: marks by examiner and by subject, with their distribution drawn as SVG.

Only marks typed by examiners are counted; nothing is converted or invented. The chart is plain SVG
drawn by sandbox.charts (no script, no external resource) so the page works on a closed network and prints.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup

from grading.services.marks import MarkRow
from sandbox.charts import histogram_svg

BIN_WIDTH = 2  # points per bar: 0–2, 2–4, …, 18–20
BINS = 20 // BIN_WIDTH
HUNDREDTH = Decimal("0.01")


@dataclass
class GroupStats:
    """Count, mean, median, minimum, maximum and the distribution of a group's marks."""

    name: str
    marks: list[Decimal] = field(default_factory=list)
    unsigned: int = 0
    missing: int = 0

    @property
    def count(self) -> int:
        """How many marks were typed."""
        return len(self.marks)

    @property
    def mean(self) -> Decimal | None:
        """Arithmetic mean, to the hundredth."""
        if not self.marks:
            return None
        return (sum(self.marks) / len(self.marks)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)

    @property
    def median(self) -> Decimal | None:
        """Median, to the hundredth."""
        return Decimal(statistics.median(self.marks)).quantize(HUNDREDTH) if self.marks else None

    @property
    def minimum(self) -> Decimal | None:
        """Lowest mark."""
        return min(self.marks) if self.marks else None

    @property
    def maximum(self) -> Decimal | None:
        """Highest mark."""
        return max(self.marks) if self.marks else None

    @property
    def bins(self) -> list[int]:
        """How many marks fall in each 2-point band (20 goes in the last band)."""
        counts = [0] * BINS
        for mark in self.marks:
            counts[min(int(mark // BIN_WIDTH), BINS - 1)] += 1
        return counts

    def chart(self) -> Markup:
        """The distribution as an accessible inline SVG bar chart."""
        return distribution_svg(self.name, self.bins)


def group(rows: list[MarkRow], key: Callable[[MarkRow], str]) -> list[GroupStats]:
    """Statistics per group (examiner, subject…), by group name; the whole session comes first."""
    groups: dict[str, GroupStats] = {}
    for row in rows:
        stats = groups.setdefault(key(row), GroupStats(key(row)))
        if row.mark is None:
            stats.missing += 1
            continue
        stats.marks.append(row.mark)
        if row.signed_at is None:
            stats.unsigned += 1
    return [groups[name] for name in sorted(groups, key=str.lower)]


def harmonisation(rows: list[MarkRow]) -> dict[str, list[GroupStats]]:
    """The session as a whole, by examiner and by subject."""
    return {
        "session": group(rows, lambda r: "Toute la session"),
        "examiners": group(rows, lambda r: r.examiner),
        "subjects": group(rows, lambda r: r.subject),
    }


def distribution_svg(title: str, counts: list[int], width: int = 360, height: int = 170) -> Markup:
    """A bar chart of marks per 2-point band, with axis labels and a text alternative."""
    described = ", ".join(f"{i * BIN_WIDTH} à {(i + 1) * BIN_WIDTH} : {n}" for i, n in enumerate(counts))
    ticks = [f"{i * BIN_WIDTH}–{(i + 1) * BIN_WIDTH}" for i in range(len(counts))]
    return histogram_svg(f"Répartition des notes — {title}. {described}", counts, ticks, "20", "note sur 20",
                         width, height)
