"""Observable check types proven both ways: the case format and how one case runs on a seat.

A ``Case`` names a registered check type, its parameters as a pack writes them in grid.toml, and the
answer the check must give (✓ ``True`` or ✗ ``False``) once ``arrange`` has changed the seat. Case
lists live in ``cases_*.py`` modules of this folder, each exposing ``CASES`` and ``PENDING`` (check
types whose cases are not written yet: the meta-test fails when a proven type is still listed there,
and when an unproven type is not).

``arrange(db)`` changes the seat with the real services or ORM (no mocks) and may return the named
objects the params refer to as ``"@name"``: ``{"name": orm_object}``; they become the subject's named
objects, exactly as a pack's changes.toml would make them.

``only`` (✗ cases) names the one condition left unmet: the same seat, checked without that param, must
say ✓ — so a check that ignored the condition would fail the suite.

``says`` (any case) holds words the sentence must contain, the facts the examiner reads: a check whose
sentence names the wrong object or count fails (mutation testing, scripts/mutation.sh observables-…).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.subjects.observables import Observation, ObserveContext, observe, validate_observable


@dataclass(frozen=True)
class Case:
    """One expected answer of one check type on a seat changed by ``arrange``."""

    check: str  # registry name, e.g. "product.combinations"
    params: dict  # as written in grid.toml
    expect: bool | None  # True: must say ✓ ; False: must say ✗ ; None: nothing to compare, the facts alone
    arrange: Callable[[Session], Any] | None = None  # may return {"name": orm_object} for "@name" refs
    why: str = ""  # what the case shows, used as the test id
    only: str = ""  # on a ✗ case: the one param left unmet; without it the same seat must say ✓
    says: str = ""  # words the sentence must hold: the facts the examiner reads (a mutated wording fails)

    @property
    def id(self) -> str:
        """Test id: the check type, the expected sign and what the case shows."""
        sign = "facts" if self.expect is None else "ok" if self.expect else "ko"
        return f"{self.check}[{sign}] {self.why}".strip()


def all_cases() -> list[Case]:
    """Every case of every ``cases_*`` module of this folder."""
    return [case for module in case_modules() for case in module.CASES]


def pending() -> set[str]:
    """Check types declared not proven yet, across the case modules."""
    return {name for module in case_modules() for name in getattr(module, "PENDING", ())}


def case_modules() -> list:
    """The ``cases_*`` modules of this folder, imported, in name order."""
    import tests.observables as package

    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("cases_"))
    return [importlib.import_module(f"tests.observables.{name}") for name in names]


def named_objects(made: Any) -> dict[str, dict]:
    """The subject's named objects ({"plaid": {"type": "Product", "id": 12}}) from what arrange returned."""
    objects: dict[str, dict] = {}
    for name, obj in (made or {}).items():
        if isinstance(obj, dict):  # already in the stored form
            objects[name] = obj
        else:
            pk = type(obj).__mapper__.primary_key[0].key
            objects[name] = {"type": type(obj).__name__, "id": getattr(obj, pk)}
    return objects


def arrange(db: Session, case: Case) -> dict[str, dict]:
    """Change the seat as the case says and commit; returns the named objects it made."""
    made = case.arrange(db) if case.arrange else None
    db.flush()
    objects = named_objects(made)
    db.commit()  # the check reads what a console would: committed rows, in a fresh transaction
    return objects


def check(db: Session, name: str, params: dict, objects: dict[str, dict]) -> Observation:
    """Validate the params as a pack would, then run the check through the registry."""
    names = {key: obj["type"] for key, obj in objects.items()}
    observable, problems = validate_observable(
        {"check": name, **params}, file="grid.toml", where="lines[0].observables[0]", names=names
    )
    assert not problems, "params refused as a pack would: " + "; ".join(map(str, problems))
    ctx = ObserveContext(db=db, objects=objects, today=seat_today(db))
    return observe(ctx, observable)


def run_case(db: Session, case: Case) -> Observation:
    """Arrange the seat and run the case's check on it."""
    return check(db, case.check, case.params, arrange(db, case))


def each_unmet(
    check: str, good: dict, wrong: dict, arrange: Callable[[Session], Any] | None = None, why: str = "",
    says: dict[str, str] | None = None,
) -> list[Case]:
    """A ✓ case with the ``good`` params, and per key of ``wrong`` a ✗ case where only that param is off;
    ``says``: what the ✓ case's sentence (key "") or a ✗ case's (key: the param left unmet) must hold."""
    prefix, says = (f"{why}: " if why else ""), says or {}
    cases = [Case(check, good, True, arrange, f"{prefix}every condition met", says=says.get("", ""))]
    for key, value in wrong.items():
        cases.append(Case(check, {**good, key: value}, False, arrange, f"{prefix}only {key} unmet", only=key,
                          says=says.get(key, "")))
    return cases
