"""Subject packs: load one and check it completely, in ONE place, before anything is prepared.

Checks run in three rounds and report every problem of a round at once (file, field, fix):
1. the files themselves: subject.toml, the Markdown and CSV files, changes.toml, grid.toml;
2. the fit with the installed context: its id and version (``templates/context-<id>.json``);
3. a dry run: the changes are applied to a throw-away copy of the context template (every referenced
   seeded object must exist) and every observable is computed once on the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sandbox.db.storage import storage_for
from sandbox.packs.errors import PackError, PackProblem
from sandbox.packs.reader import PackReader
from sandbox.packs.safety import folder_problems
from sandbox.subjects.changes import Change, check_changes
from sandbox.subjects.grid import Grid, check_grid
from sandbox.subjects.manifest import Manifest, check_manifest

MANIFEST = "subject.toml"
CHANGES = "changes.toml"
GRID = "grid.toml"


@dataclass
class SubjectPack:
    """A subject pack whose files are valid."""

    reader: PackReader
    manifest: Manifest
    changes: list[Change]
    names: dict[str, str]
    grid: Grid

    @property
    def id(self) -> str:
        """Subject id."""
        return self.manifest.subject["id"]

    @property
    def context(self) -> str:
        """Id of the context the subject is written on."""
        return self.manifest.subject["context"]

    @property
    def context_template(self) -> str:
        """Name of the installed context template it starts from."""
        return f"context-{self.context}"

    def template_name(self, day: date) -> str:
        """Name of the subject template prepared for an exam date."""
        return f"subject-{self.id}-{day.isoformat()}"


def _toml(reader: PackReader, rel: str, required: bool) -> tuple[dict | None, list[PackProblem]]:
    if not reader.exists(rel):
        if not required:
            return {}, []
        return None, [
            PackProblem(rel, "", "fichier introuvable dans le pack", f"ajoutez {rel} au dossier du sujet")
        ]
    try:
        return reader.toml(rel), []
    except PackError as exc:
        return None, list(exc.problems)


def _question_ids(data: dict | None) -> list[str]:
    """The question ids a refused manifest still lists, so the grid is not asked about questions it lacks."""
    entries = (data or {}).get("questions")
    if not isinstance(entries, list):
        return []
    return [f"q{n}" for n in range(1, len(entries) + 1)]


def read_pack(source: Path) -> tuple[SubjectPack | None, list[PackProblem]]:
    """Round 1: the pack's own files. Returns the pack only when they have no problem."""
    source = Path(source)
    if not source.is_dir():
        return None, [
            PackProblem(
                str(source),
                "",
                "dossier de sujet introuvable",
                "indiquez le dossier du sujet, par exemple subjects/ln-boutique-a",
            )
        ]
    unsafe = folder_problems(source)
    if unsafe:  # nothing is read from a folder holding links or special files
        return None, unsafe
    reader = PackReader(source)
    data, problems = _toml(reader, MANIFEST, True)
    manifest = None
    if data is not None:
        manifest, trouble = check_manifest(data, reader)
        problems += trouble
    changes_data, trouble = _toml(reader, CHANGES, False)
    problems += trouble
    changes, names = [], {}
    if changes_data is not None:
        unknown = sorted(set(changes_data) - {"changes"})
        problems += [
            PackProblem(CHANGES, k, "clé inconnue", "écrivez seulement des blocs [[changes]]")
            for k in unknown
        ]
        changes, names, trouble = check_changes(changes_data.get("changes", []), reader)
        problems += trouble
    grid_data, trouble = _toml(reader, GRID, True)
    problems += trouble
    grid = None
    if grid_data is not None:
        questions = [q.id for q in manifest.questions] if manifest else _question_ids(data)
        grid, trouble = check_grid(grid_data, questions, names)
        problems += trouble
    if problems:
        # A path leaving the pack also reads as « introuvable »: say first why it is refused.
        return None, reader.refused + [p for p in problems if p not in reader.refused]
    return SubjectPack(reader=reader, manifest=manifest, changes=changes, names=names, grid=grid), []


def version_fits(version: str, patterns: list[str]) -> bool:
    """Whether a context version matches one of "1.0.0", "1.2.*" or "1.*"."""
    for pattern in patterns:
        if pattern.endswith(".*"):
            if version.startswith(pattern[:-1]):
                return True
        elif version == pattern:
            return True
    return False


def context_problems(pack: SubjectPack, data: Path) -> list[PackProblem]:
    """Round 2: the context the subject is written on is installed, in a version it fits."""
    from sandbox.packs.install import read_template  # imported late: install pulls in seeding

    subject = pack.manifest.subject
    if not storage_for(data).exists("templates", pack.context_template):
        return [
            PackProblem(
                MANIFEST,
                "subject.context",
                f"le contexte « {pack.context} » n'est pas installé",
                f"installez-le d'abord : e5 context install contexts/{pack.context}",
            )
        ]
    installed = read_template(data, pack.context_template).version
    if not version_fits(installed, subject["context_versions"]):
        wanted = ", ".join(subject["context_versions"])
        return [
            PackProblem(
                MANIFEST,
                "subject.context_versions",
                f"le contexte installé est en version {installed or 'inconnue'} ; "
                f"le sujet est écrit pour {wanted}",
                f'vérifiez le sujet sur la version {installed}, puis ajoutez "{installed}" '
                "à context_versions, "
                "ou installez une version du contexte que le sujet accepte",
            )
        ]
    return []


def read_checked(source: Path, data: Path) -> SubjectPack:
    """A subject pack checked in the first two rounds (its files, the installed context); PackError
    lists every problem of the first round that fails."""
    pack, problems = read_pack(source)
    if pack is None:
        raise PackError(problems)
    problems = context_problems(pack, Path(data))
    if problems:
        raise PackError(problems)
    return pack


def load_subject(source: Path, data: Path, day: date | None = None) -> SubjectPack:
    """A subject pack checked in all three rounds (the dry run on ``day``, else the context's clock);
    PackError lists every problem of the first round that fails."""
    pack = read_checked(source, data)
    from sandbox.subjects.prepare import dry_run  # prepare imports this module

    problems = dry_run(Path(data), pack, day)
    if problems:
        raise PackError(problems)
    return pack


def check_subject(source: Path, data: Path, day: date | None = None) -> list[PackProblem]:
    """Every problem of a subject pack (empty when it can be prepared)."""
    try:
        load_subject(source, data, day)
    except PackError as exc:
        return list(exc.problems)
    return []
