"""Parameters of change types and check types: declared once, validated with French messages.

Clean values stay JSON-friendly (money as a decimal string, dates as their relative text) because they
are stored in the seat with the subject and read back by the console.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sandbox.money import parse_amount
from sandbox.packs.errors import PackProblem
from sandbox.packs.reader import PackReader
from sandbox.subjects.dates import DATE_FIX, is_relative
from sandbox.subjects.refs import REF_KINDS, how_to_name, is_named

# What a parameter compares, read from its help: « 25 (pourcentage de réduction attendu) », « true si le
# minimum doit être TTC, … », « le prix TTC attendu, par exemple … ».
_DESCRIBED = re.compile(r"\(([^()]*)\)\s*$")
_EXPECTED = re.compile(r"\s+attendue?s?\b|, sans tenir compte.*$")


@dataclass(frozen=True)
class Param:
    """One parameter: its kind, a French description (used in fixes), and whether it may be left out."""

    kind: str  # text, int, bool, money, date, choice, list, ref, file, files
    help: str
    required: bool = True
    default: Any = None
    choices: tuple[str, ...] = ()
    ref: str = ""  # for kind "ref": a key of REF_KINDS
    minimum: int | None = None
    maximum: int | None = None
    names: str = ""  # model of the object this text names (« Plaid Ardoise »), to group activity

    def name(self, key: str) -> str:
        """What it compares, in French, from its help (« pourcentage de réduction »); ``key`` otherwise."""
        described = _DESCRIBED.search(self.help)
        if described:
            return _EXPECTED.sub("", described.group(1))
        if self.help.startswith("true si "):
            return self.help[len("true si ") :].split(",")[0]
        if self.help.startswith(("le ", "la ", "les ")):
            return _EXPECTED.sub("", self.help.split(",")[0])
        return key

    def example(self) -> str:
        """How to write it, for the fix part of a message."""
        if self.kind == "choice":
            return "une valeur parmi " + ", ".join(f'"{c}"' for c in self.choices)
        return self.help


def text(help_: str, required: bool = True, default: str | None = None, names: str = "") -> Param:
    """A text parameter (``names``: the model of the object it names, when it names one)."""
    return Param("text", help_, required and default is None, default, names=names)


def ref(kind: str, help_: str, required: bool = True) -> Param:
    """A reference to a seat object ("@name" or a seeded key)."""
    return Param("ref", help_, required, None, ref=kind)


def _problem(file: str, where: str, key: str, problem: str, fix: str) -> PackProblem:
    return PackProblem(file, f"{where}.{key}" if where else key, problem, fix)


def _convert(param: Param, value: Any, names: dict[str, str], reader: PackReader | None) -> tuple[Any, str]:
    """(clean value, problem text); the problem is empty when the value is valid."""
    kind = param.kind
    if kind == "text":
        return (
            (value.strip(), "")
            if isinstance(value, str) and value.strip()
            else (None, "texte vide ou absent")
        )
    if kind == "int":
        if type(value) is not int:
            return None, f"« {value} » n'est pas un nombre entier"
        low, high = param.minimum, param.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            return None, f"{value} est hors des limites ({low} à {high})"
        return value, ""
    if kind == "bool":
        return (value, "") if isinstance(value, bool) else (None, f"« {value} » n'est ni true ni false")
    if kind == "money":
        try:
            amount = parse_amount(str(value)) if isinstance(value, (str, int)) else None
        except ValueError:
            amount = None
        if amount is None or amount < 0:
            return None, f"« {value} » n'est pas un montant"
        return str(amount), ""
    if kind == "date":
        return (
            (value.strip(), "") if is_relative(value) else (None, f"« {value} » n'est pas une date relative")
        )
    if kind == "choice":
        return (value, "") if value in param.choices else (None, f"« {value} » n'est pas une valeur admise")
    if kind == "list":
        ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        return ([v.strip() for v in value], "") if ok else (None, "une liste de textes est attendue")
    if kind in ("file", "files"):
        files = value if kind == "files" else [value]
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            return None, "un nom de fichier du pack est attendu"
        missing = [f for f in files if reader is not None and not reader.exists(f)]
        if missing:
            return None, "fichier absent du pack : " + ", ".join(missing)
        return value, ""
    if kind == "ref":
        return _convert_ref(param, value, names)
    raise AssertionError(f"unknown parameter kind {kind}")


def _convert_ref(param: Param, value: Any, names: dict[str, str]) -> tuple[Any, str]:
    spec = REF_KINDS[param.ref]
    if not isinstance(value, str) or not value.strip():
        return None, "référence vide"
    value = value.strip()
    if is_named(value):
        produced = names.get(value[1:])
        if produced is None:
            return None, f"« {value} » ne correspond à aucun nom défini dans changes.toml"
        if produced != spec.model.__name__:
            return None, f"« {value} » n'est pas {spec.label}"
    elif spec.key is None:
        return None, f"« {value} » : {spec.label} ne peut être désigné que par un nom « @… »"
    return value, ""


def validate_params(
    spec: dict[str, Param],
    table: dict,
    *,
    file: str,
    where: str,
    reserved: tuple[str, ...],
    names: dict[str, str],
    reader: PackReader | None = None,
) -> tuple[dict, list[PackProblem]]:
    """Clean parameters of one change or observable, and every problem (unknown, missing, invalid)."""
    problems: list[PackProblem] = []
    clean: dict[str, Any] = {}
    for key in sorted(set(table) - set(spec) - set(reserved)):
        close = difflib.get_close_matches(key, list(spec), n=1)
        hint = f"vouliez-vous écrire « {close[0]} » ? Sinon, " if close else ""
        known = ", ".join(spec) or "aucun"
        problems.append(
            _problem(
                file,
                where,
                key,
                "paramètre inconnu",
                f"{hint}supprimez-le ou corrigez son nom (paramètres admis : {known})",
            )
        )
    for key, param in spec.items():
        if key not in table:
            if param.required:
                problems.append(
                    _problem(file, where, key, "paramètre manquant", f"ajoutez {key} = {param.example()}")
                )
            elif param.default is not None:
                clean[key] = param.default
            continue
        value, trouble = _convert(
            param, table[key], names, None if param.kind not in ("file", "files") else reader
        )
        if trouble:
            fix = (
                how_to_name(param.ref)
                if param.kind == "ref"
                else (DATE_FIX if param.kind == "date" else f"écrivez {param.example()}")
            )
            problems.append(_problem(file, where, key, trouble, fix))
        else:
            clean[key] = value
    return clean, problems


def money(value: str | None) -> Decimal | None:
    """A clean money parameter back as a Decimal."""
    return None if value is None else Decimal(value)
