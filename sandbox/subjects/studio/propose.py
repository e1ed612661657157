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
from sandbox.subjects.observables import (
    Observation,
    ObserveContext,
    check_types,
    observe,
    validate_observable,
)
from sandbox.subjects.refs import REF_KINDS, is_named, resolve
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


# Events on a part of an object count as a change of that object: (owner type, owner column, what changed).
PARTS = {
    "Combination": ("Product", "product_id", "combinations"),
    "ProductCategory": ("Product", "product_id", "categories"),
    "RelatedProduct": ("Product", "product_id", "accessories"),
    "PackItem": ("Product", "pack_id", "pack"),
    "CustomizationField": ("Product", "product_id", "customization"),
    "ProductCarrier": ("Product", "product_id", "carriers"),
    "SpecificPrice": ("Product", "product_id", "specific_prices"),
    "CustomerMessage": ("CustomerThread", "thread_id", "messages"),
    "CartRuleRestriction": ("CartRule", "cart_rule_id", "restrictions"),
    "OrderLine": ("Order", "order_id", "lines"),
}


def _owner(db: Session, event) -> str | None:
    """The id of the object a part-event belongs to (a deleted link only has its composite key)."""
    kind, column, _label = PARTS[event.object_type]
    owner = event.changes.get(column, [None, None])[1]
    if owner is None and "-" in event.object_id:
        owner = event.object_id.split("-")[0]  # composite keys start with the owner's id
    if owner is None and event.object_id.isdigit():
        from sandbox import models

        row = db.get(getattr(models, event.object_type), int(event.object_id))
        owner = getattr(row, column, None)
    return None if owner is None else str(owner)


def _part(db: Session, event) -> tuple[str | None, str]:
    """The object a part-event belongs to, and what it says of it (combinations, a stock, carriers…)."""
    owner, label = _owner(db, event), PARTS[event.object_type][2]
    if event.object_type == "Combination" and event.action == "update" and set(event.changes) <= {"quantity"}:
        return owner, f"stock:{event.object_id}"  # an inventory, not new combinations
    return owner, label


def touched(db: Session, since: int = 0) -> dict[tuple[str, str], set[str]]:
    """Objects the author changed after event ``since``, with the fields changed, in order."""
    found: dict[tuple[str, str], set[str]] = {}
    stocks: dict[str, list] = {}  # stock label → [first « before », last « after »]
    for event in author_events(db, since):
        if event.object_type in PARTS:
            owner, label = _part(db, event)
            if owner is not None:
                found.setdefault((PARTS[event.object_type][0], owner), set()).add(label)
            if label.startswith("stock:"):
                before, after = event.changes["quantity"]
                stocks.setdefault(label, [before, None])[1] = after
            continue
        fields = set(event.changes) | ({"id"} if event.action == "create" else set())
        for name, (before, after) in event.changes.items():  # a JSON column: which of its keys changed
            if isinstance(after, dict):
                before = before if isinstance(before, dict) else {}
                fields |= {f"{name}:{k}" for k in after if after.get(k) != before.get(k)}
        found.setdefault((event.object_type, event.object_id), set()).update(fields)
    # A stock back where it was (an order then its cancellation) is no inventory.
    back = {label for label, (first, last) in stocks.items() if first == last}
    for fields in found.values():
        fields -= back
    return found


def named(db: Session, candidate: Candidate, objects: dict[str, dict]) -> Candidate | None:
    """The candidate with each object it references said by the pack's « @nom » when it has one; a
    reference given as a primary key (objects only a name can designate) becomes the name or, for an
    object the pack did not name, its key in the context; None when it cannot be said at all."""
    by_id: dict[tuple, str] = {}
    for name, o in objects.items():  # an order named again by its state changes keeps its first name
        by_id.setdefault((o.get("type"), o.get("id")), name)
    spec = check_types().get(candidate.get("check"))
    if spec is None:
        return candidate
    out = dict(candidate)
    for key, param in spec.params.items():
        value = candidate.get(key)
        if param.kind != "ref" or value is None or is_named(value):
            continue
        kind = REF_KINDS[param.ref]
        pk = value if isinstance(value, int) else resolve(db, param.ref, value, objects)
        name = by_id.get((kind.model.__name__, pk))
        if name is not None:
            out[key] = f"@{name}"
        elif isinstance(value, int):
            row = db.get(kind.model, value) if kind.key else None
            if row is None:
                return None  # an object neither named by the pack nor keyed in the context
            out[key] = getattr(row, kind.key)
    return out


def candidates(db: Session, since: int = 0, objects: dict[str, dict] | None = None) -> list[Candidate]:
    """Candidate observables for every object the author touched in the model-answer seat."""
    out: list[Candidate] = []
    for (kind, oid), fields in touched(db, since).items():
        builder = BUILDERS.get(kind)
        if builder is not None:
            found = [named(db, c, objects or {}) for c in builder(db, oid, fields)]
            out += [c for c in found if c is not None and c not in out]
    return out


def _run(db: Session, observable: Candidate, objects: dict[str, dict]) -> Any:
    names = {name: o.get("type") for name, o in objects.items()}
    clean, problems = validate_observable(observable, file="grid.toml", where="proposition", names=names)
    if clean is None:
        return Observation(None, "; ".join(p.problem for p in problems))
    return observe(ObserveContext(db=db, objects=objects, today=seat_today(db)), clean)


def run_both(
    answer: Session, start: Session, observables: list[Candidate], objects: dict[str, dict] | None = None
) -> list[Proposal]:
    """Each observable run on the model-answer seat and on the starting-state seat."""
    proposals = []
    for observable in observables:
        on_answer = _run(answer, observable, objects or {})
        on_start = _run(start, observable, objects or {})
        proposals.append(Proposal(observable, on_answer.sentence, on_answer.ok, on_start.ok))
    return proposals


def propose(
    answer: Session, start: Session, since: int = 0, objects: dict[str, dict] | None = None
) -> list[Proposal]:
    """Proposed observables from the model answer, each with its two verdicts; ``objects``: the pack's
    named objects ({"plaid": {"type": "Product", "id": 12}}), which proposals then call « @plaid »."""
    return run_both(answer, start, candidates(answer, since, objects), objects)
