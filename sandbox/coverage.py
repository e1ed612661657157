"""Coverage of the feature list: for each S-/B-/X- id, the behaviour tests, screens, check types and subjects.

Behaviour tests are marked ``@pytest.mark.feature("B-CAT-1", …)``: they drive the feature through the UI (the
HTTP client posting real forms, or the browser) and check its visible effect; they are found by reading
``tests/`` with ``ast``, so the report needs no test run. Screens declare what they provide with a
module-level ``FEATURES = ["B-CAT-1", …]`` in their view module
(under ``sandbox/web``, read with ``ast``); check types with ``@check(..., features=(...))`` (or, for
those written before that parameter, in ``CHECK_FEATURES`` below); subjects by their questions' ``features``.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sandbox.subjects.features import EXTRA_FEATURES, SHOP_FEATURES, SITE_FEATURES

REPO_SUBJECTS = Path(__file__).resolve().parent.parent / "subjects"
REPO_TESTS = Path(__file__).resolve().parent.parent / "tests"
WEB = Path(__file__).resolve().parent / "web"

# Feature ids of check types registered without a ``features`` parameter.
CHECK_FEATURES: dict[str, tuple[str, ...]] = {
    "brand.exists": ("B-CAT-11",),
    "links.contains": ("B-APP-4", "B-LNK-1"),
    "product_comment.reply": ("X-REL-3",),
    "search.alias": ("B-NAV-2",),
    "shop_page.exists": ("B-LNK-1", "B-SEO-1"),
    "carousel.slide": ("B-MOD-2",),
    "credit_slip.issued": ("B-ORD-2",),
    "customer.address": ("B-CUS-1",),
    "employee.exists": ("B-USR-1", "B-USR-3"),
    "home.order": ("B-APP-1", "B-APP-2"),
    "module.featured": ("B-MOD-1",),
    "module.state": ("B-MOD-1", "B-MOD-2", "B-MOD-3", "B-MOD-4", "B-MOD-5", "B-MOD-6", "B-MOD-7", "B-MOD-8"),
    "predefined_message.exists": ("B-SAV-2",),
    "product.accessory": ("B-CAT-9",),
    "product.customization": ("B-CAT-2",),
    "product.pack": ("B-CAT-8",),
    "profile.permission": ("B-USR-2", "B-USR-4"),
    "returns.conditions": ("B-ORD-3",),
    "thread.forwarded": ("B-SAV-1",),
    "category.exists": ("B-CAT-3", "B-SEO-1"),
    "comment.reply": ("S-CON-9",),
    "comment.status": ("S-CON-9",),
    "customer.exists": ("B-CUS-1",),
    "customer.group": ("B-CUS-1",),
    "customer.note": ("B-CUS-1",),
    "order.created": ("B-ORD-1",),
    "order.state": ("B-ORD-1",),
    "post.published": ("S-CON-1", "S-SEO-1"),
    "post.seo": ("S-SEO-3", "S-SEO-4"),
    "product.availability": ("B-STK-1",),
    "product.categories": ("B-CAT-4",),
    "product.combinations": ("B-CAT-5",),
    "product.exists": ("B-CAT-1",),
    "product.fields": ("B-CAT-1", "B-CAT-10", "B-CAT-11"),
    "product.price": ("B-CAT-1", "B-CAT-6"),
    "product.seo": ("B-SEO-1",),
    "product.stock": ("B-STK-1",),
    "product.texts": ("B-CAT-1",),
    "product_comment.status": ("B-MOD-7", "B-SAV-1"),
    "return.state": ("B-ORD-2",),
    "setting.equals": ("B-APP-3", "B-ORD-3", "B-MOD-8"),
    "thread.answered": ("B-SAV-1",),
    "thread.status": ("B-SAV-1",),
}


@dataclass(frozen=True)
class Screen:
    """A view module that provides features: its dotted name and the first line of its docstring."""

    module: str
    title: str


@dataclass
class Row:
    """One feature id and what proves, provides, observes and uses it."""

    id: str
    screens: list[Screen] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)

    @property
    def untested(self) -> bool:
        """No behaviour test exercises the feature."""
        return not self.tests

    @property
    def missing(self) -> bool:
        """No screen provides the feature."""
        return not self.screens


def _declared(path: Path) -> tuple[str, list[str]]:
    """(docstring's first line, FEATURES) of a module, read without importing it: importing a view
    module registers routes, which a running app refuses."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return "", []
    title = ((ast.get_docstring(tree) or "").strip().splitlines() or [""])[0]
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "FEATURES"
                                                for t in node.targets):
            try:
                return title, [str(v) for v in ast.literal_eval(node.value)]
            except ValueError:
                return title, []
    return title, []


def screens_by_feature() -> dict[str, list[Screen]]:
    """Every view module under sandbox/web that declares FEATURES, by feature id."""
    found: dict[str, list[Screen]] = {}
    for path in sorted(WEB.rglob("*.py")):
        title, ids = _declared(path)
        module = ".".join(("sandbox", "web", *path.relative_to(WEB).with_suffix("").parts))
        for fid in ids:
            found.setdefault(fid, []).append(Screen(module, title))
    return found


def checks_by_feature() -> dict[str, list[str]]:
    """Names of the check types observing each feature id."""
    from sandbox.subjects.observables import check_types

    found: dict[str, list[str]] = {}
    for name, spec in sorted(check_types().items()):
        for fid in getattr(spec, "features", ()) or CHECK_FEATURES.get(name, ()):
            found.setdefault(fid, []).append(name)
    return found


def subjects_by_feature(folder: Path = REPO_SUBJECTS) -> dict[str, list[str]]:
    """« subject-id q1 » entries of the shipped subjects' questions, by feature id."""
    found: dict[str, list[str]] = {}
    for manifest in sorted(folder.glob("*/subject.toml")):
        try:
            data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        sid = data.get("subject", {}).get("id", manifest.parent.name)
        for question in data.get("questions", []):
            for fid in question.get("features", []):
                entry = f"{sid} {question.get('id', '')}".strip()
                if entry not in found.setdefault(fid, []):
                    found[fid].append(entry)
    return found


def _feature_marks(decorators: list[ast.expr]) -> list[str]:
    """Ids named by ``pytest.mark.feature(...)`` among a function's decorators (or a ``pytestmark``)."""
    ids: list[str] = []
    for node in decorators:
        func = node.func if isinstance(node, ast.Call) else None
        if (isinstance(func, ast.Attribute) and func.attr == "feature"
                and isinstance(func.value, ast.Attribute) and func.value.attr == "mark"):
            ids += [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return ids


def _module_marks(tree: ast.Module) -> list[str]:
    """Ids of a module-level ``pytestmark = pytest.mark.feature(...)`` (or a list of marks)."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark"
                                                for t in node.targets):
            value = node.value
            return _feature_marks(list(value.elts) if isinstance(value, ast.List | ast.Tuple) else [value])
    return []


def tests_by_feature(folder: Path = REPO_TESTS) -> dict[str, list[str]]:
    """« tests/…/test_x.py::test_name » of every test marked with a feature id, by feature id."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("test_*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError):
            continue
        name = path.relative_to(folder.parent).as_posix()
        shared = _module_marks(tree)
        classes = [(n.name + "::", n.body, _feature_marks(n.decorator_list))
                   for n in tree.body if isinstance(n, ast.ClassDef)]
        for prefix, body, marks in [("", tree.body, [])] + classes:
            for node in body:
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                    for fid in dict.fromkeys(shared + marks + _feature_marks(node.decorator_list)):
                        found.setdefault(fid, []).append(f"{name}::{prefix}{node.name}")
    return found


def coverage(folder: Path = REPO_SUBJECTS, tests: Path = REPO_TESTS) -> list[Row]:
    """One row per feature id of the reference list, in its order."""
    screens, checks, subjects = screens_by_feature(), checks_by_feature(), subjects_by_feature(folder)
    proven = tests_by_feature(tests)
    return [Row(fid, screens.get(fid, []), checks.get(fid, []), subjects.get(fid, []), proven.get(fid, []))
            for fid in SITE_FEATURES + SHOP_FEATURES + EXTRA_FEATURES]


def unknown_ids(folder: Path = REPO_SUBJECTS) -> set[str]:
    """Ids declared by a screen, check or subject that are not in the reference list (typos)."""
    known = set(SITE_FEATURES + SHOP_FEATURES + EXTRA_FEATURES)
    declared = (set(screens_by_feature()) | set(checks_by_feature()) | set(subjects_by_feature(folder))
                | set(tests_by_feature()))
    return declared - known
