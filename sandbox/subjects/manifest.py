"""subject.toml: the header and the texts of a subject pack, then its questions, annexes and files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sandbox.packs.context import ID_PATTERN, SEMVER
from sandbox.packs.errors import PackProblem
from sandbox.packs.reader import PackReader
from sandbox.subjects.dates import placeholder_problems
from sandbox.subjects.sections import (
    DATE_FIX,
    Annex,
    PackFile,
    Question,
    check_annexes,
    check_files,
    check_questions,
    markdown_file,
    problem,
    text_value,
    unknown_keys,
)

SITES = {"boutique": "Boutique en ligne", "vitrine": "Site vitrine"}
VERSION_PATTERN = re.compile(r"^\d+\.(\*|\d+\.\*|\d+\.\d+\S*)$")
SUBJECT_KEYS = (
    "id",
    "title",
    "version",
    "format",
    "context",
    "context_versions",
    "site",
    "letter",
    "code",
    "session",
)
SECTIONS = ("subject", "texts", "questions", "annexes", "files")


@dataclass
class Manifest:
    """subject.toml once valid."""

    subject: dict[str, Any]
    texts: dict[str, str]
    questions: list[Question] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    files: list[PackFile] = field(default_factory=list)


def _subject(table: dict) -> list[PackProblem]:
    w = "subject."
    problems = unknown_keys(table, SUBJECT_KEYS, w)
    problems += text_value(
        table,
        "id",
        w,
        'écrivez 1 à 40 caractères parmi a-z, 0-9 et « - », par exemple id = "ln-boutique-a"',
        ID_PATTERN,
    )
    problems += text_value(
        table, "title", w, 'donnez un titre, par exemple title = "Lancement de la gamme Été"'
    )
    problems += text_value(table, "version", w, 'écrivez version = "1.0.0"', SEMVER)
    problems += text_value(
        table,
        "context",
        w,
        'écrivez l\'identifiant du contexte, par exemple context = "lin-et-nature"',
        ID_PATTERN,
    )
    problems += text_value(
        table, "code", w, 'écrivez le code national du sujet, par exemple code = "E5B-2027-LN-A"'
    )
    problems += text_value(
        table,
        "letter",
        w,
        'écrivez la lettre du sujet, par exemple letter = "A"',
        re.compile(r"^[A-Z]{1,2}$"),
    )
    problems += text_value(
        table,
        "session",
        w,
        'écrivez l\'année de la session, par exemple session = "2027"',
        re.compile(r"^\d{4}$"),
    )
    if table.get("format") != 1:
        problems.append(
            problem(
                f"{w}format", f"format « {table.get('format')} » non pris en charge", "écrivez format = 1"
            )
        )
    if table.get("site") not in SITES:
        problems.append(
            problem(
                f"{w}site", f"site « {table.get('site')} » inconnu", 'écrivez site = "boutique" ou "vitrine"'
            )
        )
    versions = table.get("context_versions")
    if (
        not isinstance(versions, list)
        or not versions
        or not all(isinstance(v, str) and VERSION_PATTERN.match(v) for v in versions)
    ):
        problems.append(
            problem(
                f"{w}context_versions",
                "liste des versions du contexte manquante ou mal écrite",
                'écrivez par exemple context_versions = ["1.0.0"] ou ["1.*"]',
            )
        )
    return problems


def check_manifest(data: dict, reader: PackReader) -> tuple[Manifest | None, list[PackProblem]]:
    """Validate subject.toml; the manifest is returned only when it has no problem."""
    problems = unknown_keys(data, SECTIONS, "")
    subject = data.get("subject") if isinstance(data.get("subject"), dict) else None
    if subject is None:
        problems.append(
            problem("subject", "section [subject] manquante", "ajoutez [subject] avec id, title, version…")
        )
    else:
        problems += _subject(subject)
    texts = data.get("texts") if isinstance(data.get("texts"), dict) else {}
    problems += unknown_keys(texts, ("contexte", "mise_en_situation"), "texts.")
    problems += markdown_file(reader, texts.get("contexte"), "texts.contexte")
    situation = texts.get("mise_en_situation")
    if not isinstance(situation, str) or not situation.strip():
        problems.append(
            problem(
                "texts.mise_en_situation",
                "mise en situation manquante",
                "écrivez le texte (Markdown) ou le nom d'un fichier .md",
            )
        )
    elif situation.strip().endswith(".md"):
        problems += markdown_file(reader, situation.strip(), "texts.mise_en_situation")
    elif placeholder_problems(situation):
        problems.append(problem("texts.mise_en_situation", "date non relative", DATE_FIX))
    questions, trouble = check_questions(data.get("questions"), reader)
    annexes, trouble2 = check_annexes(data.get("annexes", []), reader)
    files, trouble3 = check_files(data.get("files", []), reader)
    problems += trouble + trouble2 + trouble3
    if problems:
        return None, problems
    return Manifest(subject=subject, texts=texts, questions=questions, annexes=annexes, files=files), []
