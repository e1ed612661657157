"""The suite fails when a registered check type lacks a ✓ case, a ✗ case, or a case for one of its params."""

from __future__ import annotations

from collections import defaultdict

from sandbox.subjects.observables import check_types
from tests.observables.both_ways import all_cases, pending


def _proof_gaps() -> dict[str, list[str]]:
    """What each check type still lacks, in English (empty when it is proven both ways)."""
    answers: dict[str, set[bool]] = defaultdict(set)
    used: dict[str, set[str]] = defaultdict(set)
    for case in all_cases():
        answers[case.check].add(case.expect)
        used[case.check].update(case.params)
    gaps: dict[str, list[str]] = {}
    for name, spec in sorted(check_types().items()):
        signs = (("✓", True), ("✗", False))
        missing = [f"a case where it must say {sign}" for sign, v in signs if v not in answers[name]]
        unused = sorted(set(spec.params) - used[name])
        if unused:
            missing.append("a case using param(s) " + ", ".join(unused))
        if missing:
            gaps[name] = missing
    return gaps


def test_every_case_names_a_registered_check_type():
    unknown = sorted({c.check for c in all_cases()} - set(check_types()))
    assert not unknown, f"cases name unknown check types: {unknown}"


def test_case_ids_are_unique():
    ids = [c.id for c in all_cases()]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    assert not twice, f"two cases share an id (give them different `why`): {twice}"


def test_every_check_type_is_proven_both_ways():
    gaps = _proof_gaps()
    unproven = {name: lack for name, lack in gaps.items() if name not in pending()}
    assert not unproven, "check types not proven both ways:\n" + "\n".join(
        f"- {name}: missing " + "; ".join(lack) for name, lack in unproven.items()
    )


def test_pending_lists_only_unproven_check_types():
    """PENDING only shrinks: a type proven both ways, or no longer registered, must leave it."""
    gaps = _proof_gaps()
    stale = sorted(name for name in pending() if name not in gaps)
    assert not stale, f"remove these from PENDING (proven or unknown): {stale}"


# Conditions an audit showed could be ignored with every test still passing: each must decide a ✗ case
# on its own (Case.only), so a check that skipped it would fail the suite.
AUDITED_CONDITIONS = {
    ("product.combinations", "values"),
    ("product.combinations", "each_stock_min"),
    ("search.alias", "search"),
}


def test_audited_conditions_each_decide_a_case_alone():
    decided = {(c.check, c.only) for c in all_cases() if c.only}
    missing = sorted(AUDITED_CONDITIONS - decided)
    assert not missing, f"no ✗ case where only this condition is unmet (Case.only): {missing}"
