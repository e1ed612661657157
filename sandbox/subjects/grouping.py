"""Group a seat's activity by question: which question an activity event is most likely about.

First the objects the grid watches (named objects and seeded objects its observables reference):
an event on one of them, or on a row attached to one (a combination of the watched product, a
message in the watched thread), belongs to the question of that grid line. Otherwise the event's
object type and changed fields are matched with the questions' feature ids; when exactly one
question matches, the event is given to it. Else it stays unassigned (None).
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


def _watching(subject: SeatSubject, pairs: set[tuple[str, str]]) -> list[str]:
    """Questions (grid order, no repeats) whose lines watch one of the objects."""
    questions: list[str] = []
    for line in subject.grid.lines:
        watched = {(kind, str(pk)) for kind, pk in subject.line_objects.get(line.id, [])}
        if watched & pairs and line.question not in questions:
            questions.append(line.question)
    return questions


def question_for_event(subject: SeatSubject, event: ActivityEvent) -> str | None:
    """The id of the question an event is about, or None when it cannot be told."""
    changed = set(event.changes) if isinstance(event.changes, dict) else set()
    touched = features_touched(event.object_type, event.object_id or "", event.action, changed)
    by_feature = [q.id for q in subject.questions if touched & set(q.features)]
    for pairs in ({(event.object_type, event.object_id or "")}, _parents(event)):
        watching = _watching(subject, pairs)
        if watching:
            preferred = [q for q in watching if q in by_feature]
            return (preferred or watching)[0]
    return by_feature[0] if len(by_feature) == 1 else None
