"""Content checks of a pack's data files: all problems at once, each naming file, field and fix in French.

Line numbers are those of the file as an author sees it in a spreadsheet or an editor: the header is line 1.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sandbox.packs.errors import PackError, PackProblem
from sandbox.packs.reader import PackReader
from sandbox.seeding.common import HEX_COLOUR, amount


def _words(text: str) -> list[str]:
    return text.split()


# Required columns of each CSV file (in the order of the default pack).
COLUMNS = {
    "taxes.csv": _words("id name rate_percent"),
    "order_states.csv": _words("id code name color paid shipped"),
    "groups.csv": _words("id name reduction_percent price_display share_percent"),
    "carriers.csv": _words("id name delay price_ttc free_above_ttc active share_percent"),
    "profiles.csv": _words("id name"),
    "employees.csv": _words("id first_name last_name email profile_id active"),
    "site_users.csv": _words("id login display_name email role bio"),
    "brands.csv": _words("id name color description"),
    "categories.csv": _words("id parent_id name description"),
    "products.csv": _words(
        "key name category_id brand_id tax_id price_ttc size_step_ttc weight_g stock sizes colours "
        "colour_mode motifs features custom pack flags extra_categories picture summary description"
    ),
    "communes.csv": _words("city postcode weight"),
    "post_categories.csv": _words("id parent_id name slug description"),
    "tags.csv": _words("id name slug"),
    "posts.csv": _words(
        "id kind slug title status author_id days hour parent_id menu_order sticky comments_open featured "
        "categories tags excerpt seo_title meta_description focus_keyphrase"
    ),
    "comments.csv": _words(
        "id post_id parent_id user_id author_name author_email body status days_after hour"
    ),
}
TOML_FILES = [
    f"{name}.toml" for name in _words("company attributes features customers orders reviews service media")
]
STATE_CODES = _words(
    "awaiting_cheque awaiting_transfer payment_accepted processing shipped delivered cancelled refunded "
    "payment_error"
)
ROLES = ["administrator", "editor", "author", "contributor", "subscriber"]


class Checker:
    """Collects problems while reading the pack; a file that cannot be read is reported once and skipped."""

    def __init__(self, reader: PackReader, manifest: dict[str, Any]):
        self.reader = reader
        self.manifest = manifest
        self.problems: list[PackProblem] = []
        raw = manifest.get("sizes", {}) if isinstance(manifest.get("sizes"), dict) else {}
        self.sizes = {k: v for k, v in raw.items() if isinstance(v, int) and not isinstance(v, bool)}
        self._cache: dict[str, Any] = {}

    def add(self, file: str, field: str, problem: str, fix: str) -> None:
        """Record one problem."""
        self.problems.append(PackProblem(file, field, problem, fix))

    def csv(self, rel: str) -> list[dict[str, str]] | None:
        """Rows of a CSV file whose required columns are all present, else None (problems recorded once)."""
        if rel not in self._cache:
            self._cache[rel] = self._read_csv(rel)
        return self._cache[rel]

    def _read_csv(self, rel: str) -> list[dict[str, str]] | None:
        if not self.reader.exists(rel):
            return None  # reported once by check_pack
        try:
            rows = self.reader.csv(rel)
            with self.reader.path(rel).open(encoding="utf-8") as handle:
                header = [h.strip() for h in handle.readline().strip().split(",")]
        except PackError as exc:
            self.problems += exc.problems
            return None
        except (UnicodeDecodeError, ValueError) as exc:
            self.add(rel, "", f"fichier illisible ({exc})", "enregistrez-le en CSV UTF-8, séparateur virgule")
            return None
        missing = [c for c in COLUMNS.get(rel, []) if c not in header]
        for column in missing:
            self.add(
                rel,
                column,
                "colonne obligatoire absente de la première ligne",
                f"ajoutez la colonne « {column} » à l'en-tête ({', '.join(COLUMNS[rel])})",
            )
        return None if missing else rows

    def toml(self, rel: str) -> dict[str, Any] | None:
        """A TOML file, or None (problem recorded once)."""
        if rel not in self._cache:
            self._cache[rel] = None
            if self.reader.exists(rel):
                try:
                    self._cache[rel] = self.reader.toml(rel)
                except PackError as exc:
                    self.problems += exc.problems
        return self._cache[rel]

    def ids(self, rel: str, rows: list[dict[str, str]], column: str = "id") -> dict[int, dict[str, str]]:
        """Rows by integer id; non-integer and duplicate ids are reported."""
        result: dict[int, dict[str, str]] = {}
        for line, row in enumerate(rows, start=2):
            value = row[column]
            if not value.isdigit() or int(value) < 1:
                self.add(
                    rel,
                    f"{column} (ligne {line})",
                    f"« {value} » n'est pas un identifiant valide",
                    "indiquez un nombre entier positif (1, 2, 3…)",
                )
            elif int(value) in result:
                self.add(
                    rel,
                    f"{column} (ligne {line})",
                    f"l'identifiant {value} est déjà utilisé",
                    "donnez à chaque ligne un identifiant différent",
                )
            else:
                result[int(value)] = row
        return result

    def ref(
        self,
        rel: str,
        line: int,
        column: str,
        value: str,
        known: Any,
        what: str,
        source: str,
        optional: bool = False,
    ) -> bool:
        """Check that a reference to another row exists."""
        if not value and optional:
            return True
        if not value.isdigit() or int(value) not in known:
            self.add(
                rel,
                f"{column} (ligne {line})",
                f"{what} « {value} » n'existe pas",
                f"indiquez l'id d'une ligne de {source}",
            )
            return False
        return True

    def decimal(
        self, rel: str, field: str, value: str, minimum: Decimal = Decimal(0), example: str = "79,90"
    ) -> Decimal | None:
        """A French decimal ≥ minimum, or None (problem recorded)."""
        try:
            number = amount(value)
        except ValueError:
            self.add(
                rel, field, f"« {value} » n'est pas un nombre", f"écrivez un nombre, par exemple {example}"
            )
            return None
        if number < minimum:
            self.add(
                rel, field, f"{value} est inférieur au minimum ({minimum})", "indiquez une valeur positive"
            )
            return None
        return number

    def integer(self, rel: str, field: str, value: str, minimum: int = 0) -> int | None:
        """A whole number ≥ minimum, or None."""
        if not value.lstrip("-").isdigit() or int(value) < minimum:
            self.add(
                rel, field, f"« {value} » n'est pas un nombre entier ≥ {minimum}", "écrivez un nombre entier"
            )
            return None
        return int(value)

    def flag(self, rel: str, field: str, value: str) -> None:
        """A 0/1 column."""
        if value not in ("0", "1"):
            self.add(rel, field, f"« {value} » n'est ni 0 ni 1", "écrivez 1 pour oui, 0 pour non")

    def colour(self, rel: str, field: str, value: str) -> None:
        """A #rrggbb colour."""
        if not HEX_COLOUR.match(value or ""):
            self.add(rel, field, f"« {value} » n'est pas une couleur #rrggbb", "écrivez par exemple #9caf88")


def check_pack(reader: PackReader, manifest: dict[str, Any]) -> list[PackProblem]:
    """Every content check of the pack (see the modules validate_*)."""
    from sandbox.seeding import validate_catalogue, validate_company, validate_content, validate_tables

    c = Checker(reader, manifest)
    for rel in [*COLUMNS, *TOML_FILES]:
        if not reader.exists(rel):
            c.add(rel, "", "fichier obligatoire absent du pack", f"ajoutez {rel} au dossier du pack")
    validate_company.check_company(c)
    validate_tables.check_tables(c)
    validate_catalogue.check_catalogue(c)
    validate_content.check_content(c)
    validate_tables.check_generation(c)
    return c.problems
