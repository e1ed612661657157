"""Subjects D to G: they prepare, each seat shows them, every observable runs (feature use across the
shipped subjects is asserted in tests/unit/test_coverage.py)."""

from __future__ import annotations

import pytest

from sandbox.subjects.observables import observe_all
from sandbox.subjects.store import read_subject
from tests.subjects.conftest import seat_session

NEW = ["ln-boutique-d", "ln-boutique-e", "ln-boutique-f", "ln-boutique-g"]


@pytest.mark.parametrize("subject", NEW)
def test_subject_prepares_and_observes(data, prepared, subject):
    prepared(subject)
    with seat_session(data, "poste-a") as db:
        stored = read_subject(db)
        assert stored.id == subject and 4 <= len(stored.questions) <= 5
        observations = observe_all(db, stored)
        sentences = [o.sentence for found in observations.values() for o in found]
        assert sentences and not any("erreur interne" in s for s in sentences)

