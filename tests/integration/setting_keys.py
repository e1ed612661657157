"""Where the code reads and writes settings, found in its source (never a hand list that can drift).

Every call of a reader (``get_setting``…) or of ``set_setting`` is located with ``ast`` and its key argument
resolved to the keys it can be: a literal, a module constant, a loop over a module constant
(``for field in FIELDS``), a value of a module dict (``CONTACT_KEYS[field]``), a helper's parameter whose
callers pass literals (``_company(db, "siret")``), or an f-string of those. The shop's templates read
settings through ``setting('key')``. A call whose key cannot be resolved is reported, so that the tests
decide what it covers instead of silently ignoring it.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READERS = {"get_setting": 1, "setting_int": 1, "media_setting": 0, "_image_setting": 1}
WRITERS = {"set_setting": 1}
TEMPLATE_READ = re.compile(r"""\bsetting\(\s*['"]([a-z_]+(?:\.[a-z_]+)+)['"]""")


@dataclass(frozen=True)
class Site:
    """One call that reads or writes settings: where it is and the keys it can touch (None: unresolved)."""

    where: str  # « sandbox/services/returns.py:54 »
    function: str  # the enclosing function (« return_settings »), for the unresolved sites' table
    keys: frozenset[str] | None


def _module(path: Path):
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return importlib.import_module(name.removesuffix(".__init__"))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _target_values(target: ast.AST, name: str, items: list) -> list | None:
    """The values a loop target's `name` takes over `items` (a plain name or one slot of a tuple)."""
    if isinstance(target, ast.Name):
        return items if target.id == name else None
    if isinstance(target, ast.Tuple):
        for i, element in enumerate(target.elts):
            if isinstance(element, ast.Name) and element.id == name:
                return [item[i] for item in items]
    return None


class _Resolver:
    """Resolves key expressions of one module."""

    def __init__(self, path: Path):
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents = _parents(self.tree)
        self.namespace = vars(_module(path))

    def _eval(self, node: ast.expr) -> object:
        try:
            return eval(compile(ast.Expression(node), "<key>", "eval"), dict(self.namespace))  # noqa: S307
        except Exception:  # a local name, a call with effects…: not a module-level value
            return None

    def _loop_values(self, node: ast.Name) -> list | None:
        """The values a name takes in an enclosing `for` or comprehension over a module-level iterable."""
        current = node
        while current in self.parents:
            current = self.parents[current]
            loops = ([(current.target, current.iter)] if isinstance(current, ast.For) else
                     [(g.target, g.iter) for g in getattr(current, "generators", [])])
            for target, iterable in loops:
                items = self._eval(iterable)
                if items is not None and not isinstance(items, str):
                    values = _target_values(target, node.id, list(items))
                    if values is not None:
                        return values
            if isinstance(current, ast.FunctionDef | ast.Lambda):
                return self._parameter_values(current, node.id)
        return None

    def _parameter_values(self, function, name: str) -> list | None:
        """The literals the module's callers pass for a parameter of a helper (``_company(db, "rcs")``)."""
        if not isinstance(function, ast.FunctionDef):
            return None
        params = [a.arg for a in function.args.args]
        if name not in params:
            return None
        index, values = params.index(name), []
        for call in ast.walk(self.tree):
            named = isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            if named and call.func.id == function.name:
                if index >= len(call.args):
                    return None
                found = self.values(call.args[index])
                if found is None:
                    return None
                values += found
        return values or None

    def values(self, node: ast.expr) -> list[str] | None:
        """Every string the expression can be, or None when it cannot be told from the source."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.JoinedStr):
            parts = []
            for part in node.values:
                found = self.values(part.value if isinstance(part, ast.FormattedValue) else part)
                if found is None:
                    return None
                parts.append([str(v) for v in found])
            return ["".join(p) for p in itertools.product(*parts)]
        if isinstance(node, ast.Subscript):
            table = self._eval(node.value)
            return [str(v) for v in table.values()] if isinstance(table, dict) else None
        if isinstance(node, ast.Name):
            value = self.namespace.get(node.id)
            if isinstance(value, str) and not self._is_local(node):
                return [value]
            found = self._loop_values(node)
            return [str(v) for v in found] if found is not None else None
        return None

    def _is_local(self, node: ast.Name) -> bool:
        """Whether a name is bound inside its function (a parameter, a loop variable) rather than global."""
        current = node
        while current in self.parents:
            current = self.parents[current]
            if isinstance(current, ast.FunctionDef):
                return node.id in {a.arg for a in current.args.args}
        return False

    def function_of(self, node: ast.AST) -> str:
        """The name of the function a node sits in (« <module> » at the top level)."""
        current = node
        while current in self.parents:
            current = self.parents[current]
            if isinstance(current, ast.FunctionDef):
                return current.name
        return "<module>"


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _sites(kinds: dict[str, int]) -> list[Site]:
    found = []
    for path in sorted((ROOT / "sandbox").rglob("*.py")):
        if path.name == "settings.py" and path.parent.name == "models":
            continue  # the definitions of get_setting and set_setting themselves
        text = path.read_text(encoding="utf-8")
        if not any(f"{name}(" in text for name in kinds):
            continue
        resolver = _Resolver(path)
        for call in ast.walk(resolver.tree):
            if not isinstance(call, ast.Call) or _call_name(call) not in kinds:
                continue
            index = kinds[_call_name(call)]
            if index >= len(call.args):
                continue
            keys = resolver.values(call.args[index])
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            found.append(Site(where, resolver.function_of(call), None if keys is None else frozenset(keys)))
    return found


def read_sites() -> list[Site]:
    """Every place the code (Python and templates) reads a setting."""
    sites = _sites(READERS)
    for path in sorted((ROOT / "sandbox").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for key in TEMPLATE_READ.findall(line):
                sites.append(Site(f"{path.relative_to(ROOT)}:{number}", "<template>", frozenset([key])))
    return sites


def write_sites() -> list[Site]:
    """Every place the code writes a setting through set_setting (forms' services, change types, install)."""
    return _sites(WRITERS)
