"""Context packs: load one (folder or .e5ctx archive) and check it completely before any install.

The manifest ``context.toml`` is validated here, field by field; the data files are validated by
``sandbox.seeding.validate_context``. Every problem names the file, the field and the fix in French,
and all problems are reported at once so an author fixes a pack in one round.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sandbox.packs.errors import PackError, PackProblem
from sandbox.packs.reader import PackReader
from sandbox.packs.safety import folder_problems

MANIFEST = "context.toml"
ARCHIVE_SUFFIX = ".e5ctx"
SUPPORTED_FORMATS = (1,)
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
# Semantic versioning 2.0.0 (pre-release and build metadata allowed).
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$")
LOCALE = re.compile(r"^[a-z]{2}_[A-Z]{2}$")
MAX_SEED = 2**63 - 1
# Counts the seeding honours, with the smallest sensible value of each.
SIZES = {"products": 1, "customers": 1, "orders": 0, "product_comments": 0, "customer_threads": 0,
         "return_requests": 0, "posts": 0, "pages": 1, "months": 1}
MAX_SIZE, MAX_SIZE_TEXT = 1_000_000, "1 000 000"
# Optional factor multiplying customers, orders and product comments (and so the traffic): a bigger shop.
MAX_SCALE = 100
CONTEXT_KEYS = ("id", "title", "version", "format", "locale", "seed", "reference_date")
SECTIONS = ("context", "sizes")


@dataclass
class ContextPack:
    """A loaded context pack whose manifest is valid (data files not checked yet)."""

    reader: PackReader
    manifest: dict[str, Any]
    id: str
    title: str
    version: str
    seed: int
    reference_date: date
    sizes: dict[str, int]
    archive: Path | None = None
    _tmp: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    @property
    def template_name(self) -> str:
        """Name of the template database this pack installs into."""
        return f"context-{self.id}"

    def close(self) -> None:
        """Remove the folder an archive was extracted to (nothing to do for a folder)."""
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> ContextPack:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _problem(fld: str, problem: str, fix: str) -> PackProblem:
    return PackProblem(MANIFEST, fld, problem, fix)


def _unknown_keys(table: dict, known: tuple[str, ...], prefix: str) -> list[PackProblem]:
    problems = []
    for key in sorted(set(table) - set(known)):
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"vouliez-vous écrire « {close[0]} » ? " if close else ""
        fix = f"{hint}Supprimez-la ou corrigez son nom (clés admises : {', '.join(known)})"
        problems.append(_problem(f"{prefix}{key}", "clé inconnue", fix))
    return problems


def _check_text(ctx: dict, key: str, pattern: re.Pattern | None, what: str) -> list[PackProblem]:
    value, fix = ctx.get(key), FIXES[key]
    if value is None:
        return [_problem(f"context.{key}", "valeur manquante", fix)]
    if not isinstance(value, str):
        return [_problem(f"context.{key}", "la valeur doit être un texte entre guillemets", fix)]
    if not value.strip():
        return [_problem(f"context.{key}", "valeur vide", fix)]
    if pattern is not None and not pattern.match(value):
        return [_problem(f"context.{key}", f"« {value} » n'est pas {what} valide", fix)]
    return []


def parse_reference_date(value: Any) -> date | None:
    """The reference date from a TOML date or an ISO string, or None when it is not a plain date."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value)
    return None


FIXES = {
    "id": 'écrivez 1 à 40 caractères parmi a-z, 0-9 et « - », sans « - » au début ni à la fin, '
          'par exemple id = "lin-et-nature"',
    "title": 'donnez le nom affiché du contexte, par exemple title = "Lin & Nature — linge de maison"',
    "version": 'écrivez un numéro de version MAJEUR.MINEUR.CORRECTIF, par exemple version = "1.0.0"',
    "locale": 'écrivez la langue et le pays, par exemple locale = "fr_FR"',
    "format": f"écrivez format = {SUPPORTED_FORMATS[-1]} (nombre sans guillemets)",
    "seed": "écrivez un nombre entier positif sans guillemets, par exemple seed = 20270520",
    "reference_date": "écrivez la date au format AAAA-MM-JJ, par exemple 2027-05-20",
}
NUMBERS_AND_DATES = {  # key: (is the value valid, what a message calls it)
    "format": (lambda v: type(v) is int and v in SUPPORTED_FORMATS, "format de pack"),
    "seed": (lambda v: type(v) is int and 0 <= v <= MAX_SEED, "graine"),
    "reference_date": (lambda v: parse_reference_date(v) is not None, "date de référence"),
}


def _check_context_table(ctx: dict) -> list[PackProblem]:
    problems = _unknown_keys(ctx, CONTEXT_KEYS, "context.")
    problems += _check_text(ctx, "id", ID_PATTERN, "un identifiant")
    problems += _check_text(ctx, "title", None, "un titre")
    problems += _check_text(ctx, "version", SEMVER, "un numéro de version")
    problems += _check_text(ctx, "locale", LOCALE, "une langue")
    locale = ctx.get("locale")
    if isinstance(locale, str) and LOCALE.match(locale):
        from faker.config import AVAILABLE_LOCALES  # imported late: Faker is slow to import

        if locale not in AVAILABLE_LOCALES:
            problems.append(_problem("context.locale", f"la langue « {locale} » n'est pas prise en charge",
                                     'utilisez locale = "fr_FR"'))
    for key, (valid, noun) in NUMBERS_AND_DATES.items():
        value = ctx.get(key)
        if not valid(value):
            shown = "valeur manquante" if value is None else f"« {value} » invalide"
            problems.append(_problem(f"context.{key}", f"{noun} : {shown}", FIXES[key]))
    return problems


def _check_sizes(sizes: dict) -> list[PackProblem]:
    problems = _unknown_keys(sizes, (*SIZES, "scale"), "sizes.")
    scale = sizes.get("scale", 1)
    if type(scale) is not int or not 1 <= scale <= MAX_SCALE:
        problems.append(_problem("sizes.scale", f"« {scale} » n'est pas un facteur valide",
                                 f"écrivez un nombre entier entre 1 et {MAX_SCALE} sans guillemets"))
    for key, minimum in SIZES.items():
        value = sizes.get(key)
        if value is None:
            problems.append(_problem(f"sizes.{key}", "quantité manquante",
                                     f"ajoutez {key} = <nombre> dans la section [sizes]"))
        elif type(value) is not int or not minimum <= value <= MAX_SIZE:
            fix = f"écrivez un nombre entier entre {minimum} et {MAX_SIZE_TEXT} sans guillemets"
            problems.append(_problem(f"sizes.{key}", f"« {value} » n'est pas une quantité valide", fix))
    return problems


def check_manifest(manifest: dict) -> list[PackProblem]:
    """Every problem of a parsed ``context.toml``: sections, keys, types and formats."""
    problems = _unknown_keys(manifest, SECTIONS, "")
    for section in SECTIONS:
        table = manifest.get(section)
        if not isinstance(table, dict):
            keys = CONTEXT_KEYS if section == "context" else tuple(SIZES)
            fix = f"ajoutez la section [{section}] avec " + ", ".join(f"{k} = …" for k in keys)
            problems.append(_problem(section, f"section [{section}] manquante", fix))
    if isinstance(manifest.get("context"), dict):
        problems += _check_context_table(manifest["context"])
    if isinstance(manifest.get("sizes"), dict):
        problems += _check_sizes(manifest["sizes"])
    return problems


def _open_reader(path: Path) -> tuple[PackReader, Path | None, tempfile.TemporaryDirectory | None]:
    if path.is_dir():
        unsafe = folder_problems(path)
        if unsafe:  # nothing is read from a folder holding links or special files
            raise PackError(unsafe)
        return PackReader(path), None, None
    if not path.is_file():
        raise PackError([PackProblem(str(path), "", "ni dossier ni archive à cet endroit",
                                     "indiquez le dossier d'un pack (contexts/<id>) ou un fichier .e5ctx")])
    from sandbox.packs.archive import extract_archive  # archive imports this module

    tmp = tempfile.TemporaryDirectory(prefix="e5ctx-")
    try:
        extract_archive(path, Path(tmp.name))
    except BaseException:
        tmp.cleanup()
        raise
    return PackReader(Path(tmp.name)), path, tmp


def load_context(path: Path) -> ContextPack:
    """Open a pack folder or a verified archive; raises PackError when the manifest is not valid."""
    reader, archive, tmp = _open_reader(Path(path))
    try:
        manifest = reader.toml(MANIFEST)
        problems = check_manifest(manifest)
        if problems:
            raise PackError(problems)
    except BaseException:
        if tmp is not None:
            tmp.cleanup()
        raise
    ctx = manifest["context"]
    return ContextPack(reader=reader, manifest=manifest, id=ctx["id"], title=ctx["title"],
                       version=ctx["version"], seed=ctx["seed"],
                       reference_date=parse_reference_date(ctx["reference_date"]),
                       sizes=dict(manifest["sizes"]), archive=archive, _tmp=tmp)


def _content_problems(reader: PackReader, manifest: dict, manifest_problems: list[PackProblem]
                      ) -> list[PackProblem]:
    from sandbox.seeding import validate_context  # imported late: seeding pulls in Faker and Pillow

    try:
        problems = list(validate_context(reader, manifest))
    except PackError as exc:
        problems = list(exc.problems)
    except Exception:
        # Content checks may rely on manifest values; when those are wrong the manifest problems
        # already say what to fix, so a crash here would only hide them behind a traceback.
        if manifest_problems:
            return []
        raise
    if any(p.field.startswith("sizes") for p in manifest_problems):
        # Cross-checks of the sizes against each other are noise while a size itself is invalid.
        problems = [p for p in problems if not (p.file == MANIFEST and p.field.startswith("sizes"))]
    return problems


def check_reader(reader: PackReader) -> list[PackProblem]:
    """Every problem of an opened pack folder: manifest first, then the data files."""
    try:
        manifest = reader.toml(MANIFEST)
    except PackError as exc:
        return list(exc.problems)
    problems = check_manifest(manifest)
    problems += _content_problems(reader, manifest, problems)
    # A path leaving the pack also reads as « absent »: say first why it is refused.
    return reader.refused + [p for p in problems if p not in reader.refused]


def check_context(path: Path) -> list[PackProblem]:
    """Every problem of a pack, folder or archive (an archive is verified against its checksums first)."""
    try:
        reader, _archive, tmp = _open_reader(Path(path))
    except PackError as exc:
        return list(exc.problems)
    try:
        return check_reader(reader)
    finally:
        if tmp is not None:
            tmp.cleanup()
