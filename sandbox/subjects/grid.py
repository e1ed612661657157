"""The evaluation grid of a subject (grid.toml): its national type, its lines and their observables."""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from sandbox.packs.errors import PackProblem
from sandbox.subjects.observables import validate_observable

FILE = "grid.toml"
GRID_TYPES = {
    "fiche-2020": "Fiche d'évaluation (2020) : une note sur 20 et une appréciation",
    "niveaux-1-4": "Niveaux 1 à 4 par question (2021-2022)",
    "ti-ts": "TI / I / S / TS par compétence opérationnelle (2023-2025)",
}
LEVEL_1 = "Non réalisée"
# Performance criteria of the five E5B sub-competences (référentiel, bloc 2).
CRITERIA = (
    "Qualité et pertinence des contenus publiés",
    "Suivi rigoureux et optimisation du référencement",
    "Cohérence entre les techniques, les outils mobilisés, les contenus et les moyens de diffusion",
    "Rythme adapté d'actualisation des contenus",
    "Suivi des publications et contrôle de l'image",
    "Pertinence des choix et des actions menées pour développer les ventes et créer de la valeur",
    "Qualité de l'assistance et prise en compte des risques et de la réglementation",
    "Pertinence des indicateurs utilisés pour l'analyse des résultats",
)
LINE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
LINE_KEYS = ("id", "question", "criterion", "text", "levels", "observables")


@dataclass
class GridLine:
    """One line: the question it belongs to, its criterion, its text, levels 2–4, and its observables."""

    id: str
    question: str
    criterion: str
    text: str
    levels: list[str] = field(default_factory=list)
    observables: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Grid:
    """A subject's grid; ``aid`` is the optional non-binding help the pack gives the examiner."""

    type: str
    lines: list[GridLine]
    aid: str = ""

    def as_dict(self) -> dict:
        """JSON-ready form stored in the seat."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Grid:
        """Back from the stored form."""
        return cls(
            type=data["type"], aid=data.get("aid", ""), lines=[GridLine(**line) for line in data["lines"]]
        )


def _p(fld: str, problem: str, fix: str) -> PackProblem:
    return PackProblem(FILE, fld, problem, fix)


def _criterion(value: Any, where: str, required: bool) -> list[PackProblem]:
    if value is None:
        return (
            [
                _p(
                    f"{where}.criterion",
                    "critère de performance manquant",
                    'recopiez un critère du référentiel, par exemple criterion = "' + CRITERIA[5] + '"',
                )
            ]
            if required
            else []
        )
    if value not in CRITERIA:
        close = [c for c in CRITERIA if str(value).lower() in c.lower()] or difflib.get_close_matches(
            str(value), CRITERIA, n=1, cutoff=0.5
        )
        fix = f"vouliez-vous écrire « {close[0]} » ? " if close else ""
        return [
            _p(
                f"{where}.criterion",
                f"« {value} » n'est pas un critère de performance du référentiel",
                fix + "recopiez-le exactement : " + " | ".join(CRITERIA),
            )
        ]
    return []


def _line(
    entry: dict, number: int, kind: str, questions: set[str], names: dict[str, str]
) -> tuple[GridLine | None, list[PackProblem]]:
    where = f"lines[{number}]"
    problems = [
        _p(f"{where}.{k}", "clé inconnue", "supprimez-la (clés admises : " + ", ".join(LINE_KEYS) + ")")
        for k in sorted(set(entry) - set(LINE_KEYS))
    ]
    line_id, question, text = entry.get("id"), entry.get("question"), entry.get("text")
    if not isinstance(line_id, str) or not LINE_ID.match(line_id):
        problems.append(
            _p(
                f"{where}.id",
                f"identifiant « {line_id} » invalide",
                'écrivez par exemple id = "q1-declinaisons"',
            )
        )
    if question not in questions:
        problems.append(
            _p(
                f"{where}.question",
                f"la question « {question} » n'existe pas dans subject.toml",
                "choisissez parmi : " + ", ".join(sorted(questions)),
            )
        )
    if not isinstance(text, str) or not text.strip():
        problems.append(
            _p(
                f"{where}.text",
                "texte de la ligne manquant",
                'écrivez ce que l\'examinateur évalue, par exemple text = "Créer les déclinaisons"',
            )
        )
    problems += _criterion(entry.get("criterion"), where, required=kind != "fiche-2020")
    levels = entry.get("levels")
    if kind == "niveaux-1-4":
        if not (
            isinstance(levels, list)
            and len(levels) == 3
            and all(isinstance(v, str) and v.strip() for v in levels)
        ):
            problems.append(
                _p(
                    f"{where}.levels",
                    "il faut les textes des niveaux 2, 3 et 4",
                    f'écrivez levels = ["…niveau 2…", "…niveau 3…", "…niveau 4…"] (le niveau 1 est '
                    f"toujours « {LEVEL_1} »)",
                )
            )
    elif levels is not None:
        problems.append(
            _p(
                f"{where}.levels",
                f"des niveaux n'ont de sens qu'avec une grille « niveaux-1-4 » (grille « {kind} »)",
                "supprimez levels ou changez le type de grille",
            )
        )
    observables = []
    entries = entry.get("observables", [])
    if not isinstance(entries, list):
        entries, problems = (
            [],
            problems
            + [
                _p(
                    f"{where}.observables",
                    "liste mal écrite",
                    "écrivez chaque observable dans un bloc [[lines.observables]]",
                )
            ],
        )
    for index, item in enumerate(entries, start=1):
        clean, trouble = validate_observable(
            item, file=FILE, where=f"{where}.observables[{index}]", names=names
        )
        problems += trouble
        if clean is not None:
            observables.append(clean)
    if problems:
        return None, problems
    return GridLine(
        id=line_id,
        question=question,
        criterion=entry.get("criterion", ""),
        text=text.strip(),
        levels=list(levels or []),
        observables=observables,
    ), []


def check_grid(
    data: dict, questions: list[str], names: dict[str, str]
) -> tuple[Grid | None, list[PackProblem]]:
    """Validate grid.toml against the subject's questions and the names of its changes."""
    problems = [
        _p(k, "clé inconnue", "gardez seulement [grid] et [[lines]]")
        for k in sorted(set(data) - {"grid", "lines"})
    ]
    head = data.get("grid") if isinstance(data.get("grid"), dict) else {}
    kind, aid = head.get("type"), head.get("aid", "")
    if kind not in GRID_TYPES:
        problems.append(
            _p(
                "grid.type",
                f"type de grille « {kind} » inconnu",
                "choisissez type = " + ", ".join(f'"{k}"' for k in GRID_TYPES),
            )
        )
    if not isinstance(aid, str):
        problems.append(_p("grid.aid", "l'aide à la notation doit être un texte", 'écrivez aid = "…"'))
    entries = data.get("lines")
    if not isinstance(entries, list) or not entries:
        return None, problems + [
            _p("lines", "aucune ligne de grille", "ajoutez au moins un bloc [[lines]] par question")
        ]
    lines, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        line, trouble = _line(entry if isinstance(entry, dict) else {}, number, kind, set(questions), names)
        problems += trouble
        if line is not None:
            if line.id in seen:
                problems.append(
                    _p(
                        f"lines[{number}].id",
                        f"identifiant « {line.id} » en double",
                        "donnez un identifiant unique",
                    )
                )
            seen.add(line.id)
            lines.append(line)
    covered = {e.get("question") for e in entries if isinstance(e, dict)}
    for question in questions:
        if question not in covered:
            problems.append(
                _p(
                    "lines",
                    f"la question {question} n'a aucune ligne de grille",
                    f'ajoutez un bloc [[lines]] avec question = "{question}"',
                )
            )
        elif (
            kind == "niveaux-1-4"
            and sum(1 for e in entries if isinstance(e, dict) and e.get("question") == question) > 1
        ):
            problems.append(
                _p(
                    "lines",
                    f"la question {question} a plusieurs lignes",
                    "une grille « niveaux-1-4 » a exactement une ligne par question",
                )
            )
    return (None if problems else Grid(type=kind, lines=lines, aid=aid)), problems
