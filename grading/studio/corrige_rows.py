"""« Corrigé »: which grid line each proposal goes to by default, and which proposals the grid already holds.

A proposal goes to the line of the question citing a feature its check type observes; with no such question
the author must choose (no silent « first line »). A proposal already in the grid is shown as such, not
offered again, and a second « Ajouter » does not add it twice.
"""

from __future__ import annotations

from typing import Any

from sandbox.subjects.observables import check_types
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts

DROP = ""  # the grid-line choice « Ne pas garder »
CHOOSE = "?"  # « — choisir une ligne — »: saving asks for a choice


def line_for(draft: studio.Draft, observable: dict[str, Any], lines: list[dict]) -> str:
    """The grid line of the question whose features the observable's check type observes, else CHOOSE."""
    spec = check_types().get(observable.get("check"))
    wanted = set(spec.features) if spec else set()
    for question in parts.questions(draft):
        if wanted & set(question["features"]):
            for line in lines:
                if line.get("question") == question["id"]:
                    return line["id"]
    return CHOOSE


def line_holding(observable: dict[str, Any], lines: list[dict]) -> str:
    """The id of the grid line already holding this observable, else ""."""
    for line in lines:
        if observable in line.get("observables", []):
            return line["id"]
    return ""
