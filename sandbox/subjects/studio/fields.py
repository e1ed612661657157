"""Where each problem of the pack checks belongs in the editor: a field key such as « header-title »,
« question-2-text », « annex-1-content », « line-3-criterion », or the section (« questions », « grid »…).

The checks speak of files and TOML fields (``subject.toml``, ``questions[2].title``); the editor shows
each French message beside the field the author typed, so the author never has to read TOML.
"""

from __future__ import annotations

import re

from sandbox.packs.errors import PackProblem

ITEM = re.compile(r"^(questions|annexes|files|lines)\[(\d+)\]\.?([a-z_]*)")
PREFIX = {"questions": "question", "annexes": "annex", "files": "file", "lines": "line"}
FILE_ITEM = re.compile(r"^(questions)/q(\d+)\.md$|^(annexes)/annexe-(\d+)\.(md|csv)$")
TEXT_FILES = {"contexte.md": "texts-contexte", "mise-en-situation.md": "texts-mise_en_situation"}
SECTIONS = {"subject.toml": "header", "grid.toml": "grid", "changes.toml": "changes"}


def anchor(problem: PackProblem) -> str:
    """The editor field (or section) a problem of the pack checks belongs to; "" when none fits."""
    fld, file = problem.field or "", problem.file or ""
    if file in TEXT_FILES:
        return TEXT_FILES[file]
    found = FILE_ITEM.match(file)
    if found:
        if found.group(1):
            return f"question-{int(found.group(2))}-text"
        return f"annex-{int(found.group(4))}-content"
    if file == "subject.toml":
        if fld.startswith("subject."):
            return "header-" + fld.split(".", 1)[1]
        if fld.startswith("texts."):
            return "texts-" + fld.split(".", 1)[1]
    if file in ("subject.toml", "grid.toml"):
        item = ITEM.match(fld)
        if item:
            kind, part = item.group(1), item.group(3) or "title"
            if part == "file":  # the text the author typed is stored in that file
                part = {"questions": "text", "annexes": "content"}.get(kind, part)
            return f"{PREFIX[kind]}-{int(item.group(2))}-{part}"
        if fld in ("questions", "annexes", "files"):
            return fld
        if fld.startswith("grid."):
            return "grid-" + fld.split(".", 1)[1]
        if fld == "lines":
            return "grid"
    return SECTIONS.get(file, "")


def by_anchor(problems: list[PackProblem]) -> dict[str, list[PackProblem]]:
    """Problems grouped by editor field, in their order."""
    grouped: dict[str, list[PackProblem]] = {}
    for item in problems:
        grouped.setdefault(anchor(item), []).append(item)
    return grouped
