"""Every case of every ``cases_*`` module: the check says ✓ or ✗ as expected, in a French sentence."""

from __future__ import annotations

import pytest

from tests.observables.both_ways import Case, all_cases, run_case

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check_answers_as_expected(case_db, case: Case):
    found = run_case(case_db, case)
    assert found.ok is case.expect, f"{case.check} {case.params}: {found.sentence}"
    sentence = found.sentence.strip()
    assert sentence and sentence[0].isupper(), f"empty or lower-case sentence: {sentence!r}"
    assert "erreur interne" not in sentence and "None" not in sentence, sentence
