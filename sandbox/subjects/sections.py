"""The lists of subject.toml: questions (with their feature ids), annexes (Markdown or CSV) and files."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from sandbox.packs.errors import PackProblem
from sandbox.packs.reader import PackReader
from sandbox.subjects.dates import placeholder_problems
from sandbox.subjects.features import FEATURE_IDS

FILE = "subject.toml"
QUESTION_KEYS = ("id", "title", "file", "features")
ANNEX_KEYS = ("id", "title", "file")
FILE_KEYS = ("file", "title", "alt", "caption", "description")
NATIONAL_QUESTIONS = (4, 5)  # the national exam's question count
DATE_FIX = "écrivez {{ today }}, {{ today+15 }} ou {{ today-3 }}"


@dataclass
class Question:
    """A question the candidate reads, with the feature ids it exercises."""

    id: str
    title: str
    file: str
    features: list[str]


@dataclass
class Annex:
    """An annex: a Markdown text or a CSV table."""

    id: str
    title: str
    file: str


@dataclass
class PackFile:
    """A file copied into the seat's media library."""

    file: str
    title: str = ""
    alt: str = ""
    caption: str = ""
    description: str = ""


def problem(fld: str, problem: str, fix: str) -> PackProblem:
    return PackProblem(FILE, fld, problem, fix)


def unknown_keys(table: dict, known: tuple[str, ...], prefix: str) -> list[PackProblem]:
    out = []
    for key in sorted(set(table) - set(known)):
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"vouliez-vous écrire « {close[0]} » ? " if close else ""
        out.append(problem(f"{prefix}{key}", "clé inconnue", f"{hint}clés admises : {', '.join(known)}"))
    return out


def text_value(
    table: dict, key: str, where: str, fix: str, pattern: re.Pattern | None = None
) -> list[PackProblem]:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        return [problem(f"{where}{key}", "valeur manquante ou vide", fix)]
    if pattern is not None and not pattern.match(value):
        return [problem(f"{where}{key}", f"« {value} » n'a pas le bon format", fix)]
    return []


def markdown_file(reader: PackReader, rel: Any, fld: str) -> list[PackProblem]:
    if not isinstance(rel, str) or not rel.endswith(".md"):
        return [
            problem(
                fld, f"« {rel} » n'est pas un fichier Markdown (.md)", 'écrivez par exemple "questions/q1.md"'
            )
        ]
    if not reader.exists(rel):
        return [
            problem(
                fld,
                f"fichier {rel} introuvable dans le pack",
                f"ajoutez le fichier {rel} ou corrigez le chemin",
            )
        ]
    bad = placeholder_problems(reader.text(rel))
    return [PackProblem(rel, "", f"date non relative : {', '.join(bad)}", DATE_FIX)] if bad else []


def question_count_notice(count: int) -> str | None:
    """The warning for a subject shorter than the national exam (accepted: it suits practice), else None."""
    if 1 <= count < NATIONAL_QUESTIONS[0]:
        return (
            f"Le sujet national compte 4 ou 5 questions ; ce sujet en a {count} : "
            "il convient à l'entraînement"
        )
    return None


def check_questions(entries: Any, reader: PackReader) -> tuple[list[Question], list[PackProblem]]:
    # Fewer than 4 is accepted with a warning (question_count_notice): teachers write short practice subjects.
    if not isinstance(entries, list) or not 1 <= len(entries) <= NATIONAL_QUESTIONS[-1]:
        count = len(entries) if isinstance(entries, list) else 0
        return [], [
            problem(
                "questions",
                f"{count} question(s) : un sujet en compte 4 ou 5 (de 1 à 5 pour l'entraînement)",
                "écrivez de 1 à 5 blocs [[questions]] (q1 … q5)",
            )
        ]
    questions, problems = [], []
    for number, entry in enumerate(entries, start=1):
        where = f"questions[{number}]."
        entry = entry if isinstance(entry, dict) else {}
        trouble = unknown_keys(entry, QUESTION_KEYS, where)
        if entry.get("id") != f"q{number}":
            trouble.append(
                problem(
                    f"{where}id",
                    f"identifiant « {entry.get('id')} » inattendu",
                    f'les questions sont numérotées dans l\'ordre : écrivez id = "q{number}"',
                )
            )
        trouble += text_value(
            entry,
            "title",
            where,
            'donnez le titre court de la question, par exemple title = "Compléter la fiche produit"',
        )
        trouble += markdown_file(reader, entry.get("file"), f"{where}file")
        features = entry.get("features")
        if not isinstance(features, list):  # an empty list is allowed: the grid lines' objects still group
            trouble.append(
                problem(
                    f"{where}features",
                    "liste des fonctionnalités manquante",
                    'écrivez par exemple features = ["B-CAT-1", "B-CAT-5"] (ou features = [] si aucune)',
                )
            )
        else:
            for fid in features:
                if fid not in FEATURE_IDS:
                    close = difflib.get_close_matches(str(fid), sorted(FEATURE_IDS), n=1)
                    hint = f"vouliez-vous écrire « {close[0]} » ? " if close else ""
                    trouble.append(
                        problem(
                            f"{where}features",
                            f"fonctionnalité « {fid} » inconnue",
                            f"{hint}utilisez un identifiant de « e5 subject features » (B-CAT-1, S-CON-1…)",
                        )
                    )
        problems += trouble
        if not trouble:
            questions.append(Question(entry["id"], entry["title"].strip(), entry["file"], list(features)))
    return questions, problems


def check_annexes(entries: Any, reader: PackReader) -> tuple[list[Annex], list[PackProblem]]:
    annexes, problems, seen = [], [], set()
    for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        where = f"annexes[{number}]."
        entry = entry if isinstance(entry, dict) else {}
        trouble = unknown_keys(entry, ANNEX_KEYS, where)
        trouble += text_value(entry, "id", where, 'écrivez par exemple id = "annexe-1"')
        trouble += text_value(entry, "title", where, "donnez le titre de l'annexe")
        if entry.get("id") in seen:
            trouble.append(
                problem(
                    f"{where}id", f"annexe « {entry.get('id')} » en double", "donnez un identifiant unique"
                )
            )
        seen.add(entry.get("id"))
        rel = entry.get("file")
        if isinstance(rel, str) and rel.endswith(".csv"):
            if not reader.exists(rel):
                trouble.append(
                    problem(
                        f"{where}file", f"fichier {rel} introuvable dans le pack", f"ajoutez le fichier {rel}"
                    )
                )
            elif placeholder_problems(reader.text(rel)):
                bad = ", ".join(placeholder_problems(reader.text(rel)))
                trouble.append(PackProblem(rel, "", f"date non relative : {bad}", DATE_FIX))
        else:
            trouble += markdown_file(reader, rel, f"{where}file")
        problems += trouble
        if not trouble:
            annexes.append(Annex(entry["id"], entry["title"].strip(), rel))
    return annexes, problems


def check_files(entries: Any, reader: PackReader) -> tuple[list[PackFile], list[PackProblem]]:
    files, problems = [], []
    for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        where = f"files[{number}]."
        entry = entry if isinstance(entry, dict) else {}
        trouble = unknown_keys(entry, FILE_KEYS, where)
        rel = entry.get("file")
        if not isinstance(rel, str) or not reader.exists(rel):
            trouble.append(
                problem(
                    f"{where}file",
                    f"fichier « {rel} » introuvable dans le pack",
                    'placez-le dans files/ et écrivez son chemin, par exemple file = "files/photo.jpg"',
                )
            )
        trouble += [
            problem(f"{where}{k}", "texte attendu", f'écrivez {k} = "…"')
            for k in FILE_KEYS[1:]
            if k in entry and not isinstance(entry[k], str)
        ]
        problems += trouble
        if not trouble:
            files.append(PackFile(**{k: entry[k] for k in FILE_KEYS if k in entry}))
    return files, problems
