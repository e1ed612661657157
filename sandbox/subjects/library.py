"""The centre's subject library: packs imported into ``<data>/subjects/<id>/`` plus the shipped ``subjects/``.

An imported archive is unpacked in a staging folder of the data folder, checked completely by
``load_subject`` (the very checks of ``e5 subject check``), and only then moved into the library: a
broken pack never lands there. A pack imported with the id of a shipped one takes its place.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sandbox.packs.errors import PackError, PackProblem
from sandbox.services import ServiceError
from sandbox.subjects.archive import unpack
from sandbox.subjects.pack import load_subject
from sandbox.subjects.prepare import SubjectTemplateInfo, list_prepared, prepare_subject

LIBRARY = "subjects"
SHIPPED = Path(__file__).resolve().parents[2] / "subjects"


@dataclass
class LibrarySubject:
    """A subject pack of the library, with the dates it is prepared for."""

    id: str
    folder: Path
    shipped: bool
    title: str = ""
    letter: str = ""
    code: str = ""
    site: str = ""
    version: str = ""
    context: str = ""
    prepared: list[SubjectTemplateInfo] = field(default_factory=list)

    @property
    def prepared_dates(self) -> list[date]:
        """The dates this subject is prepared for, in order."""
        return sorted(date.fromisoformat(info.exam_date) for info in self.prepared)


def library_folder(data: Path) -> Path:
    """Where imported packs live: ``<data>/subjects``."""
    return Path(data) / LIBRARY


def _describe(folder: Path, shipped: bool) -> LibrarySubject:
    try:
        head = tomllib.loads((folder / "subject.toml").read_text(encoding="utf-8")).get("subject", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        head = {}
    return LibrarySubject(
        id=str(head.get("id") or folder.name),
        folder=folder,
        shipped=shipped,
        **{key: str(head.get(key, "")) for key in ("title", "letter", "code", "site", "version", "context")},
    )


def library_subjects(data: Path) -> list[LibrarySubject]:
    """Every subject of the library (imported ones first win over shipped ones of the same id), by id."""
    found: dict[str, LibrarySubject] = {}
    for base, shipped in ((library_folder(data), False), (SHIPPED, True)):
        if not base.is_dir():
            continue
        for folder in sorted(p for p in base.iterdir() if (p / "subject.toml").is_file()):
            subject = _describe(folder, shipped)
            found.setdefault(subject.id, subject)
    prepared = list_prepared(data)
    for subject in found.values():
        subject.prepared = [info for info in prepared if info.subject == subject.id]
    return sorted(found.values(), key=lambda s: s.id)


def find_subject(data: Path, subject_id: str) -> LibrarySubject:
    """A library subject by id, or ServiceError."""
    for subject in library_subjects(data):
        if subject.id == subject_id:
            return subject
    raise ServiceError(f"Le sujet « {subject_id} » n'est pas dans la bibliothèque : déposez son archive.")


def store_folder(data: Path, root: Path) -> Path:
    """Check an unpacked pack completely, then move it into the library; returns its library folder."""
    pack = load_subject(root, data)
    library = library_folder(data)
    target = library / pack.id
    if target.resolve().parent != library.resolve():  # the id pattern already forbids it; never trust
        raise PackError([PackProblem("subject.toml", "subject.id", "identifiant invalide", "corrigez l'id")])
    library.mkdir(parents=True, exist_ok=True)
    if target.exists():
        shutil.rmtree(target)
    shutil.move(str(root), target)
    return target


def import_archive(data: Path, archive: Path, filename: str = "") -> LibrarySubject:
    """Unpack, check and store a subject archive; PackError lists every problem (nothing stored then)."""
    data = Path(data)
    staging = data / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sujet-", dir=staging) as tmp:
        named = Path(tmp) / Path(filename or Path(archive).name).name
        shutil.copyfile(archive, named)  # the upload's own name tells its format
        target = store_folder(data, unpack(named, Path(tmp) / "pack"))
    return find_subject(data, _describe(target, False).id)


def prepare_from_library(data: Path, subject_id: str, day: date) -> tuple[str, float]:
    """Prepare a library subject for an exam date; returns the template name and the seconds it took."""
    subject = find_subject(data, subject_id)
    started = time.perf_counter()
    name = prepare_subject(Path(data), subject.folder, day)
    return name, time.perf_counter() - started
