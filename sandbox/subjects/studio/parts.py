"""The candidate's side of a draft: its two texts, its questions, its annexes and its media files.

Each text is a Markdown file of the pack; a table pasted from a spreadsheet becomes a CSV annex.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sandbox.services import ServiceError
from sandbox.spreadsheet import annex_csv
from sandbox.subjects.studio.draft import CONTEXTE, SITUATION, Draft, manifest, write_manifest

TEXT_FILES = {"contexte": CONTEXTE, "mise_en_situation": SITUATION}


def _read(draft: Draft, rel: str) -> str:
    path = draft.folder / rel
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def text(draft: Draft, which: str) -> str:
    """« contexte » or « mise_en_situation » (Markdown)."""
    return _read(draft, TEXT_FILES[which])


def questions(draft: Draft) -> list[dict[str, Any]]:
    """Questions in order: id, title, features, text (Markdown)."""
    return [
        {
            "id": q.get("id", ""),
            "title": q.get("title", ""),
            "features": list(q.get("features", [])),
            "text": _read(draft, q.get("file", "")),
        }
        for q in manifest(draft).get("questions", [])
    ]


def annexes(draft: Draft) -> list[dict[str, Any]]:
    """Annexes in order: id, title, file, kind (« texte » or « tableau »), content (Markdown or CSV)."""
    return [
        {
            "id": a.get("id", ""),
            "title": a.get("title", ""),
            "file": a.get("file", ""),
            "kind": "tableau" if str(a.get("file", "")).endswith(".csv") else "texte",
            "content": _read(draft, a.get("file", "")),
        }
        for a in manifest(draft).get("annexes", [])
    ]


def files(draft: Draft) -> list[dict[str, str]]:
    """Files for the seat's media library ([[files]] entries)."""
    return [dict(f) for f in manifest(draft).get("files", [])]


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
        listed.append(
            {
                "id": qid,
                "title": entry.get("title", ""),
                "file": f"questions/{qid}.md",
                "features": list(entry.get("features", [])),
            }
        )
    data = manifest(draft)
    data["questions"] = listed
    write_manifest(draft, data)


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
    write_manifest(draft, data)


def tsv_to_csv(pasted: str) -> str:
    """Cells pasted from a spreadsheet (tab-separated) as the CSV of an annex."""
    return annex_csv([cell.strip() for cell in line.split("\t")] for line in pasted.strip("\n").split("\n"))


def store_file(draft: Draft, filename: str, content: bytes) -> str:
    """Put a file in the pack's files/ folder, e.g. a photo a change gives a product (``images = [...]``),
    without listing it for the media library; returns its pack path (« files/nappe.jpg »)."""
    name = Path(filename).name
    if not name or name.startswith("."):
        raise ServiceError("Nom de fichier invalide.")
    (draft.folder / "files").mkdir(exist_ok=True)
    (draft.folder / "files" / name).write_bytes(content)
    return f"files/{name}"


def add_file(draft: Draft, filename: str, content: bytes, **fields: str) -> str:
    """Store a file for the media library (title, alt, caption, description); returns its pack path."""
    rel = store_file(draft, filename, content)
    data = manifest(draft)
    listed = [f for f in data.get("files", []) if f.get("file") != rel]
    listed.append({"file": rel, **{k: v for k, v in fields.items() if v}})
    data["files"] = listed
    write_manifest(draft, data)
    return rel


def remove_file(draft: Draft, rel: str) -> None:
    """Remove a media-library file from the draft."""
    data = manifest(draft)
    data["files"] = [f for f in data.get("files", []) if f.get("file") != rel]
    write_manifest(draft, data)
    target = draft.folder / "files" / Path(rel).name
    target.unlink(missing_ok=True)
