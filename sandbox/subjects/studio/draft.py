"""Studio drafts: a subject pack folder ``<data>/studio/<draft_id>/`` written piece by piece.

A draft is exactly a pack folder (subject.toml, contexte.md, mise-en-situation.md, questions/*.md,
annexes/*, files/*, changes.toml, grid.toml), so ``load_subject`` checks it and a zip of it is an
exportable pack. What is not part of the pack (revision for the two-tabs conflict, author, dates,
versions) lives beside it in ``<data>/studio-meta/<draft_id>/``. Every write goes through ``toml_io``.
The texts, questions, annexes and files are read and written by ``parts``.
"""

from __future__ import annotations

import fcntl
import json
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sandbox.services import ServiceError
from sandbox.subjects.studio.toml_io import read_toml, write_toml

STUDIO = "studio"
META = "studio-meta"
CONTEXTE = "contexte.md"
SITUATION = "mise-en-situation.md"
HEADER_KEYS = ("id", "title", "site", "letter", "session", "code", "version", "context", "context_versions")
DEFAULT_CONTEXT = "lin-et-nature"
DRAFT_ID = re.compile(r"[0-9a-f]{8}")  # secrets.token_hex(4): « 0042beef » (all digits happens too)


class DraftConflict(ServiceError):
    """The draft changed since the editor loaded it (another tab saved meanwhile)."""


@dataclass
class Draft:
    """A draft: its id, its pack folder and its meta folder."""

    id: str
    folder: Path
    meta_folder: Path

    @property
    def meta(self) -> dict[str, Any]:
        """Author, dates, revision."""
        path = self.meta_folder / "meta.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    @property
    def revision(self) -> int:
        """Incremented by every write: an editor posting an older revision is in conflict."""
        return int(self.meta.get("revision", 0))


def studio_folder(data: Path) -> Path:
    """Where drafts live: ``<data>/studio``."""
    return Path(data) / STUDIO


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _valid_id(draft_id: str) -> bool:
    return bool(DRAFT_ID.fullmatch(draft_id or ""))


def open_draft(data: Path, draft_id: str) -> Draft:
    """An existing draft, or ServiceError (an id from a URL is never trusted as a path)."""
    if not _valid_id(draft_id) or not (studio_folder(data) / draft_id / "subject.toml").is_file():
        raise ServiceError(f"Le brouillon « {draft_id} » n'existe pas.")
    return Draft(draft_id, studio_folder(data) / draft_id, Path(data) / META / draft_id)


def blank_draft(data: Path, author: str) -> Draft:
    """A new draft id with its empty pack folder and its meta folder."""
    draft_id = secrets.token_hex(4)
    draft = Draft(draft_id, studio_folder(data) / draft_id, Path(data) / META / draft_id)
    draft.folder.mkdir(parents=True)
    draft.meta_folder.mkdir(parents=True)
    _write_meta(draft, {"author": author, "created": now_iso(), "updated": now_iso(), "revision": 0})
    return draft


def _write_meta(draft: Draft, meta: dict) -> None:
    (draft.meta_folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@contextmanager
def draft_lock(draft: Draft) -> Iterator[None]:
    """Hold the draft for one write (an autosave and a button, or two tabs, never interleave)."""
    with open(draft.meta_folder / "lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def touch(draft: Draft, expected: int | None = None) -> int:
    """Record a write: DraftConflict when ``expected`` is an older revision; returns the new one."""
    meta = draft.meta
    current = int(meta.get("revision", 0))
    if expected is not None and expected != current:
        raise DraftConflict(
            "Ce brouillon a été modifié dans un autre onglet ou par une autre personne : "
            "rechargez la page pour voir la dernière version avant de continuer."
        )
    meta.update(revision=current + 1, updated=now_iso())
    _write_meta(draft, meta)
    return current + 1


def create_draft(
    data: Path, site: str = "boutique", author: str = "", context: str = DEFAULT_CONTEXT
) -> Draft:
    """An empty draft of a subject on ``site``: header filled with defaults, no question, an empty grid."""
    draft = blank_draft(data, author)
    write_toml(
        draft.folder / "subject.toml",
        {
            "subject": {
                "id": f"sujet-{draft.id}",
                "title": "",
                "version": "1.0.0",
                "format": 1,
                "context": context,
                "context_versions": ["1.*"],
                "site": site,
                "letter": "",
                "code": "",
                "session": str(datetime.now(UTC).year + 1),
            },
            "texts": {"contexte": CONTEXTE, "mise_en_situation": SITUATION},
            "questions": [],
        },
    )
    for name in (CONTEXTE, SITUATION):
        (draft.folder / name).write_text("", encoding="utf-8")
    write_toml(draft.folder / "grid.toml", {"grid": {"type": "ti-ts"}, "lines": []})
    return draft


def list_drafts(data: Path) -> list[Draft]:
    """Every draft, most recently written first."""
    base = studio_folder(data)
    if not base.is_dir():
        return []
    drafts = [
        open_draft(data, p.name)
        for p in base.iterdir()
        if _valid_id(p.name) and (p / "subject.toml").is_file()
    ]
    return sorted(drafts, key=lambda d: d.meta.get("updated", ""), reverse=True)


def delete_draft(draft: Draft) -> None:
    """Remove a draft and its history."""
    shutil.rmtree(draft.folder, ignore_errors=True)
    shutil.rmtree(draft.meta_folder, ignore_errors=True)


# --- reading ---------------------------------------------------------------------------------------


def manifest(draft: Draft) -> dict[str, Any]:
    """subject.toml as a dict (sections subject, texts, questions, annexes, files)."""
    return read_toml(draft.folder / "subject.toml")


def header(draft: Draft) -> dict[str, Any]:
    """The [subject] table."""
    return dict(manifest(draft).get("subject", {}))


def grid(draft: Draft) -> dict[str, Any]:
    """grid.toml: {"grid": {"type", "aid"?}, "lines": [...]}, each line with its observables."""
    data = read_toml(draft.folder / "grid.toml") if (draft.folder / "grid.toml").is_file() else {}
    data.setdefault("grid", {"type": "ti-ts"})
    data.setdefault("lines", [])
    return data


def changes(draft: Draft) -> list[dict[str, Any]]:
    """The [[changes]] entries of changes.toml, in order."""
    path = draft.folder / "changes.toml"
    return list(read_toml(path).get("changes", [])) if path.is_file() else []


# --- writing (each returns nothing; the web layer calls ``touch`` for the revision) ---------------


def write_manifest(draft: Draft, data: dict[str, Any]) -> None:
    """Write subject.toml (empty lists of annexes and files left out)."""
    write_toml(draft.folder / "subject.toml", {k: v for k, v in data.items() if v != [] or k == "questions"})


def set_header(draft: Draft, **fields: Any) -> None:
    """Set fields of [subject] (id, title, site, letter, session, code, version, context…)."""
    unknown = set(fields) - set(HEADER_KEYS)
    if unknown:
        raise ValueError(f"unknown header keys: {sorted(unknown)}")
    data = manifest(draft)
    data.setdefault("subject", {}).update(fields)
    write_manifest(draft, data)


def set_grid(draft: Draft, kind: str, lines: list[dict[str, Any]], aid: str = "") -> None:
    """Replace the grid's type and lines (id, question, criterion, text, levels); a line keeps the
    observables it had under the same id unless the entry brings its own."""
    kept = {line.get("id"): line.get("observables", []) for line in grid(draft)["lines"]}
    head: dict[str, Any] = {"type": kind}
    if aid:
        head["aid"] = aid
    out = []
    for entry in lines:
        line = {k: v for k, v in entry.items() if k != "observables" and v not in ("", None, [])}
        observables = entry.get("observables", kept.get(entry.get("id"), []))
        if observables:
            line["observables"] = observables
        out.append(line)
    write_toml(draft.folder / "grid.toml", {"grid": head, "lines": out})


def set_line_observables(draft: Draft, line_id: str, observables: list[dict[str, Any]]) -> None:
    """Replace the observables of one grid line; ServiceError when the line does not exist."""
    data = grid(draft)
    for line in data["lines"]:
        if line.get("id") == line_id:
            if observables:
                line["observables"] = [dict(o) for o in observables]
            else:
                line.pop("observables", None)
            write_toml(draft.folder / "grid.toml", data)
            return
    raise ServiceError(f"La ligne de grille « {line_id} » n'existe pas dans ce brouillon.")


def set_changes(draft: Draft, entries: list[dict[str, Any]]) -> None:
    """Replace changes.toml with these [[changes]] entries (removed when there is none)."""
    path = draft.folder / "changes.toml"
    if not entries:
        path.unlink(missing_ok=True)
        return
    write_toml(path, {"changes": [dict(e) for e in entries]})
