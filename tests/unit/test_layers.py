"""The layers point down: `sandbox` never imports `grading`, and models never import services or views
(late imports inside functions included)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT


def _imports(path: Path) -> set[str]:
    """Every module named by an import statement anywhere in the file."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / folder).rglob("*.py")
        for name in _imports(path)
        if name in forbidden or name.startswith(tuple(f + "." for f in forbidden))
    )


def test_sandbox_never_imports_grading():
    assert _offenders("sandbox", ("grading",)) == []


def test_models_never_import_services_or_views():
    assert _offenders("sandbox/models", ("sandbox.services", "sandbox.web")) == []
