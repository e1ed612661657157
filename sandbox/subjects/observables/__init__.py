"""Observables: objective facts about a seat, computed by named check types with parameters.

A check type is one function decorated with ``@check("product.combinations", label=..., params=...)``
in a domain module of this package; it reads the seat database and returns an ``Observation``: a
French sentence stating the facts and, when the pack gave expectations, whether they are met
(``ok`` True/False; None when there is nothing to compare). Observables help the examiner; they
never grade.

Public API used by the console: ``observe_line(db, subject, line)`` and ``observe_all(db, subject)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.packs.errors import PackProblem
from sandbox.subjects import refs
from sandbox.subjects.params import Param, validate_params

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Observation:
    """An objective fact about a seat: ok True/False when compared with the subject's expectation."""

    ok: bool | None
    sentence: str


@dataclass
class ObserveContext:
    """What a check reads: the seat session, its named objects and its clock."""

    db: Session
    objects: dict[str, dict]
    today: date
    drafts: list | None = None  # the seat's autosaves, read once (« en cours (brouillon) »)
    # Reads shared by the checks of one run (a context observes one state of the seat: nothing writes
    # between its checks): the same product is often looked up by several observables.
    memo: dict = field(default_factory=dict)

    def get(self, kind: str, value: str):
        """The object a reference points to, or None."""
        key = ("ref", kind, value)
        if key not in self.memo:
            self.memo[key] = refs.resolve(self.db, kind, value, self.objects)
        pk = self.memo[key]
        return None if pk is None else self.db.get(refs.REF_KINDS[kind].model, pk)


CheckFunc = Callable[[ObserveContext, dict[str, Any]], Observation]
FAILED = "observation impossible (erreur interne)."  # how a check that raised ends its sentence


@dataclass(frozen=True)
class CheckType:
    """A registered check type; ``one_of``: parameters of which at least one must be given."""

    name: str
    label: str
    params: dict[str, Param]
    func: CheckFunc
    one_of: tuple[str, ...] = ()
    features: tuple[str, ...] = ()  # feature ids it observes (coverage report)


CHECK_TYPES: dict[str, CheckType] = {}


def check(
    name: str,
    *,
    label: str,
    params: dict[str, Param],
    one_of: tuple[str, ...] = (),
    features: tuple[str, ...] = (),
) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check type."""

    if "check" in params:  # the key that names the check type in grid.toml
        raise ValueError(f"check {name}: parameter name 'check' is reserved")

    def register(func: CheckFunc) -> CheckFunc:
        CHECK_TYPES[name] = CheckType(name, label, params, func, one_of, tuple(features))
        return func

    return register


def check_types() -> dict[str, CheckType]:
    """Every check type (the domain modules register theirs when imported)."""
    from sandbox.subjects.observables import (  # noqa: F401  (registration by import)
        after_sales,
        appearance,
        catalogue,
        catalogue_extras,
        content,
        customer_data,
        customers,
        main_menu,
        modules,
        orders,
        payment,
        pricing,
        promotions,
        relations,
        service,
        settings,
        shipping,
        shop_contact,
        shop_content,
        site,
        site_settings,
        stock,
    )

    return CHECK_TYPES


def verdict(facts: str, misses: Iterable[str], compared: bool = True) -> Observation:
    """« facts — conforme » or « facts — attendu : miss ; miss »; ok None when nothing was compared."""
    misses = [m for m in misses if m]
    if misses:
        return Observation(False, f"{facts} — attendu : " + " ; ".join(misses))
    return Observation(True, f"{facts} — conforme") if compared else Observation(None, facts)


def validate_observable(
    entry: Any, *, file: str, where: str, names: dict[str, str]
) -> tuple[dict | None, list[PackProblem]]:
    """A grid line's observable as {"check", "params"}, or the problems found in it."""
    types = check_types()
    if not isinstance(entry, dict):
        return None, [
            PackProblem(file, where, "observable mal écrit", "écrivez-le dans un bloc [[lines.observables]]")
        ]
    name = entry.get("check")
    if name not in types:
        return None, [
            PackProblem(
                file,
                f"{where}.check",
                f"type d'observable « {name} » inconnu",
                "choisissez un type parmi : " + ", ".join(sorted(types)),
            )
        ]
    spec = types[name]
    clean, problems = validate_params(
        spec.params, entry, file=file, where=where, reserved=("check",), names=names
    )
    if spec.one_of and not any(k in entry for k in spec.one_of):
        problems.append(
            PackProblem(
                file,
                where,
                "objet observé non précisé",
                "ajoutez l'un des paramètres : " + ", ".join(spec.one_of),
            )
        )
    return (None if problems else {"check": name, "params": clean}), problems


def observe(ctx: ObserveContext, observable: dict) -> Observation:
    """Run one observable; a failing check says so instead of breaking the console."""
    spec = check_types().get(observable.get("check"))
    if spec is None:
        return Observation(None, f"Observable « {observable.get('check')} » inconnu de cette version.")
    try:
        found = spec.func(ctx, observable.get("params", {}))
        if found.ok is False:  # unmet: the object may exist only as an unsaved draft
            from sandbox.subjects.observables.drafts import draft_sentence, matching_draft

            draft = matching_draft(ctx, spec, observable.get("params", {}))
            if draft is not None:
                return Observation(False, f"{found.sentence} — {draft_sentence(draft)}")
        return found
    except Exception:  # one broken check must not take the examiner's console down
        log.exception("observable %s failed", spec.name)
        return Observation(None, f"{spec.label} : {FAILED}")


def _context(db: Session, subject) -> ObserveContext:
    return ObserveContext(db=db, objects=subject.objects, today=seat_today(db))


def observe_line(db: Session, subject, line) -> list[Observation]:
    """Observations of one grid line (a GridLine or its id) on a seat."""
    if isinstance(line, str):
        line = subject.line(line)
    ctx = _context(db, subject)
    return [observe(ctx, o) for o in line.observables]


def observe_all(db: Session, subject) -> dict[str, list[Observation]]:
    """Observations of every grid line of the subject on a seat, by line id."""
    ctx = _context(db, subject)
    return {line.id: [observe(ctx, o) for o in line.observables] for line in subject.grid.lines}
