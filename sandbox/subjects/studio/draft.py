"""Studio drafts: a subject pack folder ``<data>/studio/<draft_id>/`` written piece by piece.

A draft is exactly a pack folder (subject.toml, contexte.md, mise-en-situation.md, questions/*.md,
annexes/*, files/*, changes.toml, grid.toml), so ``load_subject`` checks it and a zip of it is an
exportable pack. What is not part of the pack (revision for the two-tabs conflict, author, dates,
versions) lives beside it in ``<data>/studio-meta/<draft_id>/``. Every write goes through ``toml_io``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import shutil
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
TEXT_FILES = {"contexte": CONTEXTE, "mise_en_situation": SITUATION}
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


def _read(draft: Draft, rel: str) -> str:
    path = draft.folder / rel
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def text(draft: Draft, which: str) -> str:
    """« contexte » or « mise_en_situation » (Markdown)."""
    return _read(draft, TEXT_FILES[which])


def questions(draft: Draft) -> list[dict[str, Any]]:
    """Questions in order: id, title, features, text (Markdown)."""
    return [
        {"id": q.get("id", ""), "title": q.get("title", ""), "features": list(q.get("features", [])),
         "text": _read(draft, q.get("file", ""))}
        for q in manifest(draft).get("questions", [])
    ]


def annexes(draft: Draft) -> list[dict[str, Any]]:
    """Annexes in order: id, title, file, kind (« texte » or « tableau »), content (Markdown or CSV)."""
    return [
        {"id": a.get("id", ""), "title": a.get("title", ""), "file": a.get("file", ""),
         "kind": "tableau" if str(a.get("file", "")).endswith(".csv") else "texte",
         "content": _read(draft, a.get("file", ""))}
        for a in manifest(draft).get("annexes", [])
    ]


def files(draft: Draft) -> list[dict[str, str]]:
    """Files for the seat's media library ([[files]] entries)."""
    return [dict(f) for f in manifest(draft).get("files", [])]


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


def _write_manifest(draft: Draft, data: dict[str, Any]) -> None:
    write_toml(draft.folder / "subject.toml", {k: v for k, v in data.items() if v != [] or k == "questions"})


def set_header(draft: Draft, **fields: Any) -> None:
    """Set fields of [subject] (id, title, site, letter, session, code, version, context…)."""
    unknown = set(fields) - set(HEADER_KEYS)
    if unknown:
        raise ValueError(f"unknown header keys: {sorted(unknown)}")
    data = manifest(draft)
    data.setdefault("subject", {}).update(fields)
    _write_manifest(draft, data)


def set_text(draft: Draft, which: str, markdown: str) -> None:
    """Write « contexte » or « mise_en_situation » (Markdown, stored as a .md file of the pack)."""
    (draft.folder / TEXT_FILES[which]).write_text(_lf(markdown), encoding="utf-8")


def _lf(value: str) -> str:
    """Browsers post CRLF: store LF so that an export and a re-import stay byte-identical."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def set_questions(draft: Draft, entries: list[dict[str, Any]]) -> None:
    """Replace the questions: each {title, text, features}; numbered q1, q2… in the given order."""
    folder = draft.folder / "questions"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    listed = []
    for number, entry in enumerate(entries, start=1):
        qid = f"q{number}"
        (folder / f"{qid}.md").write_text(_lf(entry.get("text", "")), encoding="utf-8")
        listed.append({"id": qid, "title": entry.get("title", ""), "file": f"questions/{qid}.md",
                       "features": list(entry.get("features", []))})
    data = manifest(draft)
    data["questions"] = listed
    _write_manifest(draft, data)


def set_annexes(draft: Draft, entries: list[dict[str, Any]]) -> None:
    """Replace the annexes: each {title, kind: « texte » | « tableau », content (Markdown or CSV)}."""
    folder = draft.folder / "annexes"
    shutil.rmtree(folder, ignore_errors=True)
    listed = []
    for number, entry in enumerate(entries, start=1):
        aid = f"annexe-{number}"
        rel = f"annexes/{aid}.{'csv' if entry.get('kind') == 'tableau' else 'md'}"
        folder.mkdir(exist_ok=True)
        content = _lf(entry.get("content", ""))
        if entry.get("kind") == "tableau" and "\t" in content:
            content = tsv_to_csv(content)
        (draft.folder / rel).write_text(content, encoding="utf-8")
        listed.append({"id": aid, "title": entry.get("title", ""), "file": rel})
    data = manifest(draft)
    data["annexes"] = listed
    _write_manifest(draft, data)


def tsv_to_csv(pasted: str) -> str:
    """Cells pasted from a spreadsheet (tab-separated) as the CSV of an annex (comma, quoted when needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for line in pasted.strip("\n").split("\n"):
        writer.writerow(cell.strip() for cell in line.split("\t"))
    return out.getvalue()


def add_file(draft: Draft, filename: str, content: bytes, **fields: str) -> str:
    """Store a file for the media library (title, alt, caption, description); returns its pack path."""
    name = Path(filename).name
    if not name or name.startswith("."):
        raise ServiceError("Nom de fichier invalide.")
    (draft.folder / "files").mkdir(exist_ok=True)
    (draft.folder / "files" / name).write_bytes(content)
    rel = f"files/{name}"
    data = manifest(draft)
    listed = [f for f in data.get("files", []) if f.get("file") != rel]
    listed.append({"file": rel, **{k: v for k, v in fields.items() if v}})
    data["files"] = listed
    _write_manifest(draft, data)
    return rel


def remove_file(draft: Draft, rel: str) -> None:
    """Remove a media-library file from the draft."""
    data = manifest(draft)
    data["files"] = [f for f in data.get("files", []) if f.get("file") != rel]
    _write_manifest(draft, data)
    target = draft.folder / "files" / Path(rel).name
    target.unlink(missing_ok=True)


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
