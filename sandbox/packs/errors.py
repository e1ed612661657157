"""Pack errors: every message names the file, the field and how to fix it, in French."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PackProblem:
    """One problem found in a pack."""

    file: str
    field: str
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}, champ « {self.field} »" if self.field else self.file
        return f"{where} : {self.problem} — {self.fix}"


class PackError(Exception):
    """A pack that cannot be used; carries every problem found, not only the first."""

    def __init__(self, problems: list[PackProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
