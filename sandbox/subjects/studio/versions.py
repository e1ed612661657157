"""Versions of a draft: each « Enregistrer une version » keeps a zip of the pack folder with its author,
date and comment; a version can be restored, and compared with the current draft file by file."""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sandbox.services import ServiceError
from sandbox.subjects.studio.draft import Draft, now_iso
from sandbox.subjects.studio.share import pack_files, zip_folder

# What each file of a pack is, in the editor's words (for the summary of differences).
PARTS = {
    "subject.toml": "en-tête, liste des questions et des annexes",
    "contexte.md": "contexte commercial",
    "mise-en-situation.md": "mise en situation",
    "changes.toml": "situation de départ (objets nommés)",
    "grid.toml": "grille et observables",
}
FOLDERS = {"questions": "texte d'une question", "annexes": "annexe", "files": "fichier de la médiathèque"}


@dataclass
class Version:
    """One saved version."""

    number: int
    author: str
    saved_at: str
    comment: str


def _folder(draft: Draft) -> Path:
    return draft.meta_folder / "versions"


def _index(draft: Draft) -> list[dict]:
    path = _folder(draft) / "versions.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def list_versions(draft: Draft) -> list[Version]:
    """Saved versions, newest first."""
    return [Version(**v) for v in reversed(_index(draft))]


def save_version(draft: Draft, author: str, comment: str = "") -> Version:
    """Keep the draft as it is now as a new version."""
    index = _index(draft)
    version = Version(len(index) + 1, author, now_iso(), comment.strip())
    _folder(draft).mkdir(parents=True, exist_ok=True)
    zip_folder(draft.folder, _folder(draft) / f"{version.number}.zip")
    index.append(version.__dict__)
    (_folder(draft) / "versions.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return version


def _archive(draft: Draft, number: int) -> Path:
    path = _folder(draft) / f"{int(number)}.zip"
    if not path.is_file():
        raise ServiceError(f"La version {number} n'existe pas.")
    return path


def restore_version(draft: Draft, number: int) -> None:
    """Put a saved version back as the draft (the current state is replaced: save a version first)."""
    archive = _archive(draft, number)
    for rel in pack_files(draft.folder):
        (draft.folder / rel).unlink()
    for sub in sorted((p for p in draft.folder.iterdir() if p.is_dir()), reverse=True):
        shutil.rmtree(sub)
    with zipfile.ZipFile(archive) as z:
        z.extractall(draft.folder)  # our own archive, written by zip_folder: plain relative names


def _label(rel: str) -> str:
    part = PARTS.get(rel)
    if part is None:
        top = rel.split("/", 1)[0]
        part = FOLDERS.get(top, "fichier")
    return f"{part} ({rel})"


def diff_summary(draft: Draft, number: int) -> list[str]:
    """What changed since a version, one French line per file (« Modifié : grille et observables… »)."""
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(_archive(draft, number)) as z:
        z.extractall(tmp)
        old = {p.as_posix(): (Path(tmp) / p).read_bytes() for p in pack_files(Path(tmp))}
    new = {p.as_posix(): (draft.folder / p).read_bytes() for p in pack_files(draft.folder)}
    lines = [f"Ajouté : {_label(r)}" for r in sorted(set(new) - set(old))]
    lines += [f"Supprimé : {_label(r)}" for r in sorted(set(old) - set(new))]
    lines += [f"Modifié : {_label(r)}" for r in sorted(set(old) & set(new)) if old[r] != new[r]]
    return lines
