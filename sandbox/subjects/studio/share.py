"""Share a draft: export it as a pack zip, import a pack archive or a library subject as a draft, duplicate.

The zip is deterministic (sorted entries, fixed dates, the pack at the root), so a draft exported,
re-imported and exported again gives the same bytes: what the author shares is exactly what they wrote.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from sandbox.packs.errors import PackError, PackProblem
from sandbox.packs.safety import folder_problems
from sandbox.subjects.archive import unpack
from sandbox.subjects.studio.draft import Draft, blank_draft, header, set_header

FIXED_DATE = (2020, 1, 1, 0, 0, 0)  # zip entries carry no real date: same folder ⇒ same bytes
SKIPPED_NAMES = (".DS_Store", "Thumbs.db")


def pack_files(folder: Path) -> list[Path]:
    """The files of a pack folder, relative and sorted (hidden and temporary files left out)."""
    folder = Path(folder)
    return sorted(
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.name not in SKIPPED_NAMES
    )


def copy_pack(folder: Path, target: Path) -> Path:
    """Copy the pack files of ``folder`` into the folder ``target`` (made); returns ``target``."""
    for rel in pack_files(folder):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / rel, target / rel)
    return target


def add_to_library(data: Path, draft: Draft) -> tuple[str, bool]:
    """Check the draft completely (PackError lists every problem) and put a copy of it in the centre's
    library; returns its id and whether it takes the place of a library subject of the same id."""
    from sandbox.subjects.library import library_subjects, store_folder  # the library pulls in preparation

    data = Path(data)
    staging = data / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    subject_id = str(header(draft).get("id", ""))
    replaced = any(s.id == subject_id for s in library_subjects(data))  # shipped subjects too
    with tempfile.TemporaryDirectory(prefix="sujet-", dir=staging) as tmp:
        target = store_folder(data, copy_pack(draft.folder, Path(tmp) / "pack"))
    return target.name, replaced


def zip_folder(folder: Path, target: Path) -> Path:
    """Write the pack folder as a zip whose root holds subject.toml; returns ``target``."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for rel in pack_files(folder):
            info = zipfile.ZipInfo(rel.as_posix(), date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (Path(folder) / rel).read_bytes())
    return Path(target)


def export_name(draft: Draft) -> str:
    """« ln-boutique-j.zip »: the subject id names the archive."""
    return f"{header(draft).get('id') or draft.id}.zip"


def export_zip(draft: Draft, target: Path) -> Path:
    """The draft as a pack archive (the format of subjects/<id>/ that `e5 subject check` reads)."""
    return zip_folder(draft.folder, target)


def draft_from_folder(data: Path, source: Path, author: str = "") -> Draft:
    """A new draft holding a copy of a pack folder (links and special files refused)."""
    problems = folder_problems(Path(source))
    if problems:
        raise PackError(problems)
    if not (Path(source) / "subject.toml").is_file():
        missing = PackProblem("subject.toml", "", "fichier introuvable", "choisissez le dossier d'un sujet")
        raise PackError([missing])
    draft = blank_draft(data, author)
    for rel in pack_files(source):
        (draft.folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(source) / rel, draft.folder / rel)
    return draft


def import_draft(data: Path, archive: Path, filename: str = "", author: str = "") -> Draft:
    """A pack archive (.zip, .tar.gz) as a new draft, unpacked safely; the pack may still be unfinished."""
    data = Path(data)
    staging = data / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="studio-", dir=staging) as tmp:
        named = Path(tmp) / Path(filename or Path(archive).name).name
        shutil.copyfile(archive, named)
        return draft_from_folder(data, unpack(named, Path(tmp) / "pack"), author)


def duplicate_draft(data: Path, draft: Draft, author: str = "") -> Draft:
    """A copy of a draft to start another subject: new draft, new subject id, title marked « (copie) »."""
    copy = draft_from_folder(data, draft.folder, author)
    head = header(copy)
    set_header(copy, id=f"sujet-{copy.id}", title=f"{head.get('title', '')} (copie)".strip())
    return copy
