"""Group a seat's activity by question: which question an activity event is most likely about.

In order: (1) the event's object is watched by a grid line (a named object, or a seeded object an
observable references); (2) the row is attached to a watched object (a combination created for the
watched product, a message in the watched thread); (3) the event's summary names a watched object
(« Déclinaison « Parure Flandre à chevrons – 140 x 200 » : stock 0 → 12 »); (4) the event's object
type and changed fields match the feature ids of one question better than any other. Else None.
"""

from __future__ import annotations

from sandbox.models import ActivityEvent
from sandbox.subjects.features import features_touched
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


def _watching(subject: SeatSubject, match) -> list[str]:
    """Questions (grid order, no repeats) with a line watching an object for which match(type, id, title)."""
    questions: list[str] = []
    for line in subject.grid.lines:
        watched = [(kind, str(pk), title) for kind, pk, title in subject.line_objects.get(line.id, [])]
        if line.question not in questions and any(match(*w) for w in watched):
            questions.append(line.question)
    return questions


def _by_features(subject: SeatSubject, event: ActivityEvent) -> list[str]:
    """Questions whose features match the event best (several when tied, none when none match)."""
    changed = set(event.changes) if isinstance(event.changes, dict) else set()
    touched = features_touched(event.object_type, event.object_id or "", event.action, changed)
    scores = {q.id: len(touched & set(q.features)) for q in subject.questions}
    best = max(scores.values(), default=0)
    return [q for q, score in scores.items() if score == best] if best else []


def question_for_event(subject: SeatSubject, event: ActivityEvent) -> str | None:
    """The id of the question an event is about, or None when it cannot be told."""
    own = (event.object_type, event.object_id or "")
    parents = _parents(event)
    summary = event.summary or ""
    by_feature = _by_features(subject, event)
    tiers = (
        lambda kind, pk, _title: (kind, pk) == own,
        lambda kind, pk, _title: (kind, pk) in parents,
        lambda _kind, _pk, title: len(title) >= MIN_TITLE and f"« {title}" in summary,
    )
    for match in tiers:
        watching = _watching(subject, match)
        if watching:
            preferred = [q for q in watching if q in by_feature]
            return (preferred or watching)[0]
    return by_feature[0] if len(by_feature) == 1 else None
