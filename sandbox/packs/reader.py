"""Read the files of a pack folder; parsing errors become PackProblems naming the file.

Only regular files inside the folder are read: a path leaving it, a link or a special file is refused
(``safety.entry_problem``) and remembered in ``refused``, so that the pack checks can report it.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

from sandbox.packs.errors import PackError, PackProblem
from sandbox.packs.safety import entry_problem


class PackReader:
    """Typed access to the files of a pack folder, relative to its root."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.refused: list[PackProblem] = []

    def _refusal(self, rel: str) -> PackProblem | None:
        problem = entry_problem(self.root, rel)
        if problem is not None and problem not in self.refused:
            self.refused.append(problem)
        return problem

    def path(self, rel: str) -> Path:
        """Absolute path of a pack file; refuses a missing or unsafe file with a precise message."""
        refusal = self._refusal(rel)
        if refusal is not None:
            raise PackError([refusal])
        path = self.root / rel
        if not path.is_file():
            raise PackError([PackProblem(rel, "", "fichier introuvable dans le pack",
                                         f"ajoutez le fichier {rel} au dossier {self.root.name}/")])
        return path

    def toml(self, rel: str) -> dict[str, Any]:
        """A TOML file as a dict."""
        try:
            return tomllib.loads(self.path(rel).read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise PackError([PackProblem(rel, "", f"TOML invalide ({exc})",
                                         "corrigez la syntaxe à la ligne indiquée")]) from exc

    def csv(self, rel: str) -> list[dict[str, str]]:
        """A CSV file (UTF-8, comma separated, header row) as a list of dicts with stripped values."""
        with self.path(rel).open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle)
            return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in rows]

    def text(self, rel: str) -> str:
        """A text (Markdown) file."""
        return self.path(rel).read_text(encoding="utf-8")

    def exists(self, rel: str) -> bool:
        """Whether the pack has that file (a refused path does not count: see ``refused``)."""
        return self._refusal(rel) is None and (self.root / rel).is_file()

    def files(self) -> list[str]:
        """Every file of the pack, as sorted POSIX relative paths (what the checksum manifest covers)."""
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.name != "CHECKSUMS"
        )
