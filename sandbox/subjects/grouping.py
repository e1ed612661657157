"""Group a seat's activity by question: which question an activity event is most likely about.

When a subject is prepared, each grid line records the objects its observables watch, as
``[type, id, title, key]``: a named or seeded object (id and title known), a seeded key that does
not exist yet (an e-mail the candidate will register: key only), or a name the candidate will type
(« Nuit de bébé »: title only). An event then goes, in order, to the question of a line watching
(1) its object, (2) the object it is attached to (a combination created for the watched product), or
an object whose key it writes, (3) an object its summary names; else (4) to the question whose
feature ids match the event's type and fields better than any other; else None.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.activity.summaries import object_title
from sandbox.models import ActivityEvent
from sandbox.subjects import refs
from sandbox.subjects.features import features_touched
from sandbox.subjects.observables import check_types
from sandbox.subjects.observables.common import fold
from sandbox.subjects.store import SeatSubject

# Foreign keys recorded in an event's changes that attach a row to a parent object.
PARENTS = {
    "product_id": "Product",
    "thread_id": "CustomerThread",
    "order_id": "Order",
    "post_id": "Post",
    "customer_id": "Customer",
    "return_id": "ReturnRequest",
}
MIN_TITLE = 6  # shorter titles ("Blanc") would match summaries by chance


def watched_objects(db: Session, grid, objects: dict) -> dict[str, list[list]]:
    """For each grid line, the objects its observables watch: [type, id or None, title, key]."""
    types = check_types()
    found: dict[str, list[list]] = {}
    for line in grid.lines:
        watched = []
        for observable in line.observables:
            spec = types[observable["check"]]
            for key, value in observable["params"].items():
                param = spec.params.get(key)
                if param is not None and param.kind == "ref":
                    model = refs.REF_KINDS[param.ref].model
                    pk = refs.resolve(db, param.ref, value, objects)
                    if pk is not None:
                        title = object_title(db.get(model, pk)) if hasattr(model, "__activity__") else ""
                        watched.append([model.__name__, pk, title, ""])
                    elif not refs.is_named(value):
                        watched.append([model.__name__, None, "", value])
                elif param is not None and param.names and isinstance(value, str):
                    watched.append([param.names, None, value, ""])
        found[line.id] = watched
    return found


def _parents(event: ActivityEvent) -> set[tuple[str, str]]:
    changes = event.changes if isinstance(event.changes, dict) else {}
    found = set()
    for key, parent in PARENTS.items():
        for value in changes.get(key) or ():
            if value is not None:
                found.add((parent, str(value)))
    if event.object_type == "Comment":
        found |= {("Comment", str(v)) for v in changes.get("parent_id") or () if v is not None}
    return found


def _written(event: ActivityEvent) -> set[str]:
    """Values an event writes (new values of its changed fields), to spot a watched key being created."""
    changes = event.changes if isinstance(event.changes, dict) else {}
    return {str(pair[1]) for pair in changes.values() if isinstance(pair, list) and len(pair) == 2}


def _watching(subject: SeatSubject, match) -> list[str]:
    """Questions (grid order, no repeats) with a line watching an object for which match(...) holds."""
    questions: list[str] = []
    for line in subject.grid.lines:
        watched = subject.line_objects.get(line.id, [])
        if line.question not in questions and any(match(*(w + ["", ""])[:4]) for w in watched):
            questions.append(line.question)
    return questions


def _by_features(subject: SeatSubject, event: ActivityEvent) -> list[str]:
    """Questions whose features match the event best (several when tied, none when none match)."""
    changed = set(event.changes) if isinstance(event.changes, dict) else set()
    touched = features_touched(event.object_type, event.object_id or "", event.action, changed)
    scores = {q.id: len(touched & set(q.features)) for q in subject.questions}
    best = max(scores.values(), default=0)
    return [q for q, score in scores.items() if score == best] if best else []


def _not_elsewhere(subject: SeatSubject, questions: list[str], kinds: set[str]) -> list[str]:
    """A question watching given objects of a type is about those objects: an event on another object of
    that type (or attached to one) is rather another question's, when there is one."""
    elsewhere = set(_watching(subject, lambda k, pk, _title, _key: k in kinds and pk is not None))
    return [q for q in questions if q not in elsewhere] or questions


def question_for_event(subject: SeatSubject, event: ActivityEvent) -> str | None:
    """The id of the question an event is about, or None when it cannot be told."""
    kind, own = event.object_type, event.object_id or ""
    parents, written, summary = _parents(event), _written(event), fold(event.summary or "")
    tiers = (
        lambda k, pk, _title, _key: k == kind and pk is not None and str(pk) == own,
        lambda k, pk, _title, key: (
            (pk is not None and (k, str(pk)) in parents) or (k == kind and key in written)
        ),
        lambda _k, _pk, title, _key: len(title) >= MIN_TITLE and fold(title) in summary,
    )
    by_feature = _by_features(subject, event)
    for match in tiers:
        watching = _watching(subject, match)
        if watching:
            preferred = [q for q in watching if q in by_feature]
            return (preferred or watching)[0]
    remaining = _not_elsewhere(subject, by_feature, {kind} | {k for k, _pk in parents})
    return remaining[0] if len(remaining) == 1 else None
