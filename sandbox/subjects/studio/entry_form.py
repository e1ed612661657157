"""A starting-state entry (one change of changes.toml) as a form of its change type's fields, and back.

Each parameter the change type declares becomes one field of the kind that fits it (a list for a choice,
Oui/Non for a true/false, a number, one line per item for a list of texts); the entry's ``name`` comes
first. What the author types is converted back to the values changes.toml holds; a value that cannot be
(« 4,5 » for a whole number, a required field left empty) is refused beside its field, the text kept.
The complete checks of ``e5 subject check`` then run in the editor, as for any other part of the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.subjects.changes import _types as change_types
from sandbox.subjects.params import Param

BOOL_CHOICES = [("true", "Oui"), ("false", "Non")]
LINES = ("list", "files")  # typed one item per line


@dataclass
class EntryField:
    """One field of an entry's form: its key, widget, typed text, choices, hint and error."""

    key: str
    widget: str  # text, number, select, lines
    value: str
    hint: str = ""
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""


def _widget(param: Param) -> tuple[str, list[tuple[str, str]]]:
    if param.kind == "choice":
        return "select", [(c, c) for c in param.choices]
    if param.kind == "bool":
        return "select", list(BOOL_CHOICES)
    if param.kind == "int":
        return "number", []
    return ("lines" if param.kind in LINES else "text"), []


def _shown(value: Any) -> str:
    """A value of changes.toml as the form shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def _params(change_type: str) -> dict[str, Param]:
    spec = change_types().get(change_type)
    return dict(spec.params) if spec else {}


def entry_fields(entry: dict[str, Any]) -> list[EntryField]:
    """The fields of one entry, filled with its values (keys its type does not declare come last, as text:
    never dropped unseen)."""
    spec = change_types().get(entry.get("type", ""))
    fields = [EntryField("name", "text", _shown(entry.get("name")), "le nom par lequel questions et "
                         "observables désignent l'objet (« @nom »)", bool(spec and spec.named))]
    for key, param in _params(entry.get("type", "")).items():
        widget, choices = _widget(param)
        if choices and not param.required:
            choices = [("", "— non précisé —"), *choices]
        fields.append(EntryField(key, widget, _shown(entry.get(key)), param.help, param.required, choices))
    declared = {f.key for f in fields} | {"type"}
    fields += [EntryField(k, "text", _shown(v)) for k, v in entry.items() if k not in declared]
    return fields


def _value(param: Param | None, text: str) -> tuple[Any, str]:
    """(value for changes.toml, problem in French)."""
    kind = param.kind if param else "text"
    if kind == "bool":
        return text == "true", ""
    if kind == "int":
        try:
            return int(text), ""
        except ValueError:
            return None, f"« {text} » n'est pas un nombre entier : écrivez-le en chiffres (4, 12…)."
    if kind in LINES:
        return [line.strip() for line in text.splitlines() if line.strip()], ""
    return text, ""


def entry_from_form(change_type: str, keys: list[str], typed: Callable[[str], str]) -> tuple[
        dict[str, Any], list[EntryField]]:
    """The entry made of what was typed in the fields ``keys`` (``typed(key)`` gives each text), and the
    fields again with the typed text and any error."""
    params = _params(change_type)
    entry: dict[str, Any] = {"type": change_type}
    fields = entry_fields({"type": change_type, **{k: typed(k) for k in keys}})
    for f in fields:
        f.value = typed(f.key).replace("\r\n", "\n").strip()
        if not f.value:
            if f.required:
                f.error = "Valeur obligatoire pour ce type de modification : remplissez ce champ."
            continue
        value, f.error = _value(params.get(f.key), f.value)
        if not f.error:
            entry[f.key] = value
    return entry, fields
