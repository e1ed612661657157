"""Every case of every ``cases_*`` module: the check says ✓ or ✗ as expected, in a French sentence."""

from __future__ import annotations

import re

import pytest

from tests.observables.both_ways import Case, all_cases, arrange, check
from tests.observables.sentences import check_recorded, recorded

CASES = all_cases()
SENTENCES = recorded()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check_answers_as_expected(case_db, case: Case):
    objects = arrange(case_db, case)
    found = check(case_db, case.check, case.params, objects)
    assert found.ok is case.expect, f"{case.check} {case.params}: {found.sentence}"
    _assert_french_sentence(found.sentence, case.expect)
    assert case.says in found.sentence, f"{case.check} {case.params}: the examiner reads {found.sentence!r}"
    check_recorded(case.id, found.sentence, SENTENCES)
    if case.only:  # the unmet condition alone decides: without it, the same seat says ✓
        assert not case.expect and case.only in case.params, "`only` names a param of a ✗ case"
        rest = {k: v for k, v in case.params.items() if k != case.only}
        without = check(case_db, case.check, rest, objects)
        assert without.ok is True, f"without {case.only}, expected ✓: {without.sentence}"


# How a ✗ sentence tells the examiner what is missing: an expectation, or the observed object not found.
MISSING = re.compile(r"— attendu : |introuvable|\b[Aa]ucun(e)?\b")


def _assert_french_sentence(sentence: str, ok: bool | None) -> None:
    """Facts in French, then « — conforme » (✓) or what is missing (✗), or the facts alone when nothing
    was compared; never an internal value."""
    sentence = sentence.strip()
    assert sentence and sentence[0].isupper(), f"empty or lower-case sentence: {sentence!r}"
    assert "erreur interne" not in sentence and "None" not in sentence, sentence
    if ok is None:
        assert "— conforme" not in sentence and "— attendu" not in sentence, f"facts only: {sentence!r}"
    elif ok:
        assert sentence.endswith("— conforme"), f"a ✓ sentence ends with « — conforme »: {sentence!r}"
    else:
        assert MISSING.search(sentence), f"a ✗ sentence says what is missing: {sentence!r}"


def test_every_recorded_sentence_is_a_case_s():
    """sentences.json holds no sentence of a case renamed or removed (record again to drop them)."""
    stale = sorted(set(SENTENCES) - {c.id for c in CASES})
    assert not stale, f"recorded sentences without a case: {stale}"
