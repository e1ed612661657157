"""Activity grouped by question: the candidate's events land on the question they belong to."""

from __future__ import annotations

from collections import Counter

from sandbox.activity.feed import events_after
from sandbox.models import ActivityEvent
from sandbox.subjects.grouping import question_for_event
from sandbox.subjects.store import read_subject
from tests.subjects.conftest import seat_session
from tests.subjects.tasks import do_subject_a


def test_events_of_subject_a_are_grouped_by_question(data, prepared):
    prepared("ln-boutique-a")
    with seat_session(data, "poste-a") as db:
        subject = read_subject(db)
        do_subject_a(db, subject.objects["parure"]["id"])
        events = events_after(db, 0, limit=1000)
        grouped = [(e.object_type, e.action, e.summary, question_for_event(subject, e)) for e in events]
    by_type = Counter((kind, question) for kind, _action, _summary, question in grouped)
    unassigned = [g for g in grouped if g[3] is None]
    assert unassigned == []
    parure = [g for g in grouped if "Parure Flandre à chevrons" in g[2]]
    assert parure and {g[3] for g in parure} == {"q1"}
    assert by_type[("Category", "q2")] == 1
    nappes = [g for g in grouped if "Nappe vichy" in g[2] or "Fouta" in g[2]]
    assert len(nappes) == 3 and {g[3] for g in nappes} == {"q3"}
    assert by_type[("Order", "q4")] == 2
    assert by_type[("Customer", "q5")] == 1


def _event(object_type: str, object_id: str = "1", action: str = "update", changes=None, summary: str = ""):
    return ActivityEvent(
        object_type=object_type, object_id=object_id, action=action, changes=changes or {}, summary=summary
    )


def test_feature_fallback_and_unknown_events(data, prepared):
    prepared("ln-boutique-b")
    with seat_session(data, "poste-a") as db:
        subject = read_subject(db)
    plaid = str(subject.objects["plaid"]["id"])
    # The watched product itself, and a combination created for it.
    assert question_for_event(subject, _event("Product", plaid, changes={"price_ht": ["0", "62.5"]})) == "q1"
    assert (
        question_for_event(
            subject,
            _event("Combination", "999", "create", {"product_id": [None, int(plaid)], "quantity": [None, 0]}),
        )
        == "q1"
    )
    # A stock-only change of an unwatched product: only q2 has B-STK-1.
    assert question_for_event(subject, _event("Product", "5", changes={"quantity": [3, 4]})) == "q2"
    # An unwatched product: its price is B-CAT-1 and B-CAT-6 (q1 has both, q3 one); the on-sale flag is
    # B-CAT-10, in q1 and q3 alike, so it cannot be told.
    assert question_for_event(subject, _event("Product", "5", changes={"price_ht": ["1", "2"]})) == "q1"
    assert question_for_event(subject, _event("Product", "5", changes={"on_sale": [False, True]})) is None
    # The watched parure of q3 wins over the features.
    assert question_for_event(subject, _event("Product", "31", changes={"on_sale": [False, True]})) == "q3"
    # Nothing in the subject is about employees or blog posts.
    assert question_for_event(subject, _event("Employee", "3")) is None
    assert question_for_event(subject, _event("Post", "4")) is None
