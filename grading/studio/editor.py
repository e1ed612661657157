"""The editor page's content: the forms of every part filled from the draft, and the checks' problems
placed beside their fields (pure glue between the draft API and the templates; no request handling)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from grading.services.store import now as clock_now
from grading.studio.forms import (
    QUESTION_SLOTS,
    AnnexesForm,
    FileForm,
    GridForm,
    HeaderForm,
    QuestionsForm,
    TextsForm,
    VersionForm,
    feature_choices,
)
from sandbox.packs.errors import PackProblem
from sandbox.subjects.dates import in_words, is_relative
from sandbox.subjects.grid import GRID_TYPES
from sandbox.subjects.observables import check_types
from sandbox.subjects.pack import check_subject
from sandbox.subjects.render import csv_html, markdown_html
from sandbox.subjects.sections import question_count_notice
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts
from sandbox.subjects.studio.fields import by_anchor


def preview_day() -> date:
    """{{ today }} in a preview: the day « Essayer comme candidat » and a session created now would use."""
    return clock_now().date()


def problems_of(data: Path, draft: studio.Draft) -> list[PackProblem]:
    """Every problem `e5 subject check` finds in the draft (the same three rounds)."""
    return check_subject(draft.folder, data)


def notices_of(draft: studio.Draft) -> dict[str, str]:
    """Warnings that do not block, by editor section (a short subject is fine for practice)."""
    return {"questions": question_count_notice(len(parts.questions(draft))) or ""}


# The checks' fixes are written for pack files (« letter = "A" », « [[lines]] »); beside a field, the studio
# says the same to a teacher in words, or only the problem when a fix cannot be said without the file format.
_BLOCKS = [
    ("un bloc [[lines]] avec question = ", "une ligne de grille pour la question "),
    ("un bloc [[lines]]", "une ligne de grille"),
    ("blocs [[lines]]", "lignes de grille"),
    ("un bloc [[questions]]", "une question"),
    ("blocs [[questions]]", "questions"),
    ("un bloc [[annexes]]", "une annexe"),
]
_ASSIGNMENT = re.compile(r'\b[a-z_.]+ = "([^"]*)"')
_QUOTED = re.compile(r'"([^"]*)"')
_FILE_FORMAT = re.compile(r"\[\[|\]\]|\.toml\b|\b[a-z_]+ = ")


def for_teachers(fix: str) -> str:
    """A check's fix said without the pack's file format; "" when it cannot be."""
    for old, new in _BLOCKS:
        fix = fix.replace(old, new)
    fix = _QUOTED.sub(r"« \1 »", _ASSIGNMENT.sub(r'"\1"', fix))
    return "" if _FILE_FORMAT.search(fix) else fix


def problem_list(problems: list[PackProblem]) -> list[dict[str, str]]:
    """JSON-ready problems, each with the editor field it belongs to, in a teacher's words."""
    return [
        {"anchor": key, "text": " — ".join(part for part in (p.problem, for_teachers(p.fix)) if part)}
        for key, items in by_anchor(problems).items()
        for p in items
    ]


def preview(markdown: str) -> str:
    """Sanitised HTML of a Markdown text, as the « Sujet » page shows it."""
    try:
        return markdown_html(markdown, preview_day())
    except ValueError:  # a malformed date placeholder: the check says why, beside the field
        return ""


def table_preview(content: str) -> str:
    """A CSV annex as the table the candidate sees."""
    try:
        return csv_html(content, preview_day())
    except ValueError:
        return ""


def _trim(entries: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Drop the empty slots at the end (a blank slot in the middle stays: its number is the author's)."""
    while entries and not any(str(entries[-1].get(k) or "").strip() for k in keys):
        entries.pop()
    return entries


def questions_from(form: QuestionsForm) -> list[dict[str, Any]]:
    """The questions typed in the form, in order."""
    entries = [
        {"title": e.title.data or "", "text": e.text.data or "", "features": list(e.features.data or [])}
        for e in form.questions
    ]
    return _trim(entries, ("title", "text", "features"))


def annexes_from(form: AnnexesForm) -> list[dict[str, Any]]:
    """The annexes typed in the form, in order."""
    entries = [{"title": e.title.data or "", "kind": e.kind.data, "content": e.content.data or ""}
               for e in form.annexes]
    return _trim(entries, ("title", "content"))


def lines_from(form: GridForm) -> list[dict[str, Any]]:
    """The grid lines typed in the form; a new line gets an id from its question (« q2-2 »)."""
    entries = [
        {"id": e.line_id.data or "", "question": e.question.data or "", "criterion": e.criterion.data or "",
         "text": e.text.data or "",
         "levels": [e.level2.data or "", e.level3.data or "", e.level4.data or ""]}
        for e in form.lines
    ]
    entries = _trim(entries, ("question", "criterion", "text"))
    taken = {e["id"] for e in entries if e["id"]}
    for entry in entries:
        if form.kind.data != "niveaux-1-4":
            entry["levels"] = []
        if not entry["id"]:
            base, n = entry["question"] or "ligne", 1
            while f"{base}-{n}" in taken:
                n += 1
            entry["id"] = f"{base}-{n}"
            taken.add(entry["id"])
    return entries


def _question_choices(draft: studio.Draft) -> list[tuple[str, str]]:
    titles = {q["id"]: q["title"] for q in parts.questions(draft)}
    return [("", "— choisir —")] + [
        (f"q{n}", f"Question {n}" + (f" — {titles[f'q{n}']}" if titles.get(f"q{n}") else ""))
        for n in range(1, QUESTION_SLOTS + 1)
    ]


def _label(field, text: str) -> None:
    field.label.text = text


def build_forms(draft: studio.Draft) -> dict[str, Any]:
    """Every form of the editor page, filled from the draft, with labels naming their item."""
    head = studio.header(draft)
    site = head.get("site", "boutique")
    header = HeaderForm(formdata=None, revision=draft.revision, subject_id=head.get("id", ""),
                        **{k: head.get(k, "") for k in ("title", "site", "letter", "session", "code")})
    texts = TextsForm(formdata=None, revision=draft.revision, contexte=parts.text(draft, "contexte"),
                      mise_en_situation=parts.text(draft, "mise_en_situation"))
    qs = parts.questions(draft)
    questions = QuestionsForm(formdata=None, revision=draft.revision, questions=qs)
    _question_labels(questions, site)
    annex_rows = parts.annexes(draft)
    annexes = AnnexesForm(formdata=None, revision=draft.revision, annexes=annex_rows + [{}])
    _annex_labels(annexes)
    grid_data = studio.grid(draft)
    lines = [
        {"line_id": line.get("id", ""), "question": line.get("question", ""),
         "criterion": line.get("criterion", ""), "text": line.get("text", ""),
         **dict(zip(("level2", "level3", "level4"), line.get("levels", []), strict=False))}
        for line in grid_data["lines"]
    ]
    grid = GridForm(formdata=None, revision=draft.revision, kind=grid_data["grid"].get("type", "ti-ts"),
                    aid=grid_data["grid"].get("aid", ""), lines=lines + [{}] * max(3, 6 - len(lines)))
    line_labels(grid, _question_choices(draft))
    return {
        "header": header, "texts": texts, "questions": questions, "annexes": annexes, "grid": grid,
        "file": FileForm(formdata=None, revision=draft.revision), "version": VersionForm(formdata=None),
        "annex_rows": annex_rows, "grid_lines": grid_data["lines"], "grid_types": GRID_TYPES,
        "files": parts.files(draft),
        "table_previews": [table_preview(a["content"]) if a["kind"] == "tableau" else "" for a in annex_rows],
        "previews": {k: preview(parts.text(draft, k)) for k in parts.TEXT_FILES},
        "preview_day": preview_day(),
    }


def _question_labels(form: QuestionsForm, site: str) -> None:
    for n, entry in enumerate(form.questions, start=1):
        entry.features.choices = feature_choices(site, entry.features.data or [])
        _label(entry.title, f"Titre de la question {n}")
        _label(entry.text, f"Énoncé de la question {n}")
        _label(entry.features, f"Fonctionnalités de la question {n}")


def dress_posted(draft: studio.Draft, form: Any) -> None:
    """Give a posted form the labels and choices of the page, to show it again with what was typed."""
    if isinstance(form, QuestionsForm):
        _question_labels(form, studio.header(draft).get("site", "boutique"))
    elif isinstance(form, AnnexesForm):
        _annex_labels(form)
    elif isinstance(form, GridForm):
        line_labels(form, _question_choices(draft))


def _annex_labels(form: AnnexesForm) -> None:
    for n, entry in enumerate(form.annexes, start=1):
        _label(entry.title, f"Titre de l'annexe {n}")
        _label(entry.kind, f"Type de l'annexe {n}")
        _label(entry.content, f"Contenu de l'annexe {n}")


def line_labels(form: GridForm, question_choices: list[tuple[str, str]]) -> None:
    """Name each line's fields by the line's number (« Critère de performance de la ligne 2 »)."""
    for n, entry in enumerate(form.lines, start=1):
        entry.question.choices = question_choices
        for name, text in (("question", "Question"), ("criterion", "Critère de performance"),
                           ("text", "Compétence évaluée"), ("level2", "Niveau 2"), ("level3", "Niveau 3"),
                           ("level4", "Niveau 4")):
            _label(getattr(entry, name), f"{text} de la ligne {n}")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    return in_words(value) if is_relative(value) else str(value)


def observable_summary(observable: dict[str, Any]) -> str:
    """An observable of a grid line in words: its check's French label and what it compares."""
    kind = check_types().get(str(observable.get("check", "")))
    if kind is None:
        return str(observable.get("check", ""))
    params = [
        f"{kind.params[key].name(key) if key in kind.params else key} : {_value(value)}"
        for key, value in observable.items()
        if key != "check"
    ]
    return f"{kind.label} ({' ; '.join(params)})" if params else kind.label
