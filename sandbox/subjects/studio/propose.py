"""« Faire le corrigé »: what the author did in the model-answer seat, as proposed observables.

Each object the author touched gives candidate observables of the registered check types, with the
values it holds at the end (a product's price and combinations, an order's state, a cart rule's code
and minimum…). Every candidate is then run on both seats: a proposal worth keeping is ✓ on the model
answer and ✗ on the starting state; the page shows both columns so that an author sees at once a check
that cannot fail or cannot succeed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.subjects.observables import Observation, ObserveContext, observe, validate_observable
from sandbox.subjects.studio.propose_builders import BUILDERS, Candidate
from sandbox.subjects.studio.record import SEAT_PREFIX, author_events


@dataclass
class Proposal:
    """A proposed observable with its verdict on the model answer and on the starting state."""

    observable: Candidate
    sentence: str
    on_answer: bool | None
    on_start: bool | None

    @property
    def discriminates(self) -> bool:
        """✓ on the model answer and ✗ on the starting state: a check that can both fail and succeed."""
        return self.on_answer is True and self.on_start is False


def corrige_seat_name(draft_id: str) -> str:
    """The scratch seat where the author does the model answer."""
    return f"{SEAT_PREFIX}{draft_id}-corrige"


# Events on a part of an object count as a change of that object (its combinations, its categories).
PARTS = {"Combination", "ProductCategory"}


def _part(db: Session, event) -> tuple[str | None, str]:
    """The product a part-event belongs to, and what it says of it (combinations, categories, a stock)."""
    if event.object_type == "ProductCategory":
        return event.changes.get("product_id", [None, None])[1], "categories"
    from sandbox.models import Combination

    combination = db.get(Combination, int(event.object_id))
    owner = event.changes.get("product_id", [None, None])[1] or (
        combination.product_id if combination else None
    )
    if event.action == "update" and set(event.changes) <= {"quantity"} and combination is not None:
        return owner, f"stock:{combination.id}"  # an inventory, not new combinations
    return owner, "combinations"


def touched(db: Session, since: int = 0) -> dict[tuple[str, str], set[str]]:
    """Objects the author changed after event ``since``, with the fields changed, in order."""
    found: dict[tuple[str, str], set[str]] = {}
    for event in author_events(db, since):
        if event.object_type in PARTS:
            owner, label = _part(db, event)
            if owner is not None:
                found.setdefault(("Product", str(owner)), set()).add(label)
            continue
        found.setdefault((event.object_type, event.object_id), set()).update(event.changes)
    return found


def candidates(db: Session, since: int = 0) -> list[Candidate]:
    """Candidate observables for every object the author touched in the model-answer seat."""
    out: list[Candidate] = []
    for (kind, oid), fields in touched(db, since).items():
        builder = BUILDERS.get(kind)
        if builder is not None:
            out += [c for c in builder(db, oid, fields) if c not in out]
    return out


def _run(db: Session, observable: Candidate) -> Any:
    clean, problems = validate_observable(observable, file="grid.toml", where="proposition", names={})
    if clean is None:
        return Observation(None, "; ".join(p.problem for p in problems))
    return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def run_both(answer: Session, start: Session, observables: list[Candidate]) -> list[Proposal]:
    """Each observable run on the model-answer seat and on the starting-state seat."""
    proposals = []
    for observable in observables:
        on_answer = _run(answer, observable)
        on_start = _run(start, observable)
        proposals.append(Proposal(observable, on_answer.sentence, on_answer.ok, on_start.ok))
    return proposals


def propose(answer: Session, start: Session, since: int = 0) -> list[Proposal]:
    """Proposed observables from the model answer, each with its two verdicts."""
    return run_both(answer, start, candidates(answer, since))
