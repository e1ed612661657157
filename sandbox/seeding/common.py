"""Shared state and small helpers of the seeding: the run's generators, dates, ids, parsing and inserts."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from faker import Faker
from sqlalchemy import insert
from sqlalchemy.orm import Session

from sandbox.packs.reader import PackReader

# Argon2id hash of « LinNature-2027 », computed once: a fresh hash is salted, so two installs would
# differ and cost 40 ms each. Seeded staff, site users and customers share it (the seat replaces the
# candidate's accounts' hash with its own password).
DEMO_PASSWORD_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$Z4ZWQ0MbpVJwlsV+l/9KOA$B2lk8mVueOUAtYJUqfm+1K2ldEPBdWaQEOpiLQC8RXg"  # noqa: S105 — hash of the documented demo password of seeded accounts
)
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass
class Run:
    """Everything one seeding run shares: the pack, the session, the generators and the ids made so far."""

    reader: PackReader
    manifest: dict[str, Any]
    db: Session
    fake: Faker
    rng: random.Random
    seed: int
    ref: date
    start: date
    sizes: dict[str, int]
    keys: dict[str, dict[str, Any]] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def now(self) -> datetime:
        """The seeded world stops on the reference date at 8 a.m.: every event happened before."""
        return datetime.combine(self.ref, time(8, 0))

    def local_rng(self, name: str) -> random.Random:
        """A generator of its own for drawings, so that pictures do not shift the data's random sequence."""
        return random.Random(f"{self.seed}-{name}")  # noqa: S311 — seeded on purpose: seeding must be reproducible

    def insert(self, model: type, rows: list[dict[str, Any]]) -> None:
        """Bulk insert (much faster than add_all); rows carry explicit primary keys."""
        if rows:
            self.db.execute(insert(model.__table__), rows)


SCALED = ("customers", "orders", "product_comments")


def make_run(reader: PackReader, manifest: dict[str, Any], db: Session) -> Run:
    """Build the run state from the manifest: one Faker and one Random, both seeded with the pack's seed."""
    ctx = manifest["context"]
    seed = int(ctx["seed"])
    ref = reference_date(ctx["reference_date"])
    sizes = {k: int(v) for k, v in manifest["sizes"].items()}
    scale = sizes.pop("scale", 1)
    for key in SCALED:  # [sizes] scale = 10: a shop ten times busier over the same catalogue
        sizes[key] *= scale
    fake = Faker(ctx.get("locale", "fr_FR"))
    fake.seed_instance(seed)
    return Run(
        reader, manifest, db, fake, random.Random(seed), seed, ref, months_before(ref, sizes["months"]), sizes  # noqa: S311 — seeded on purpose: seeding must be reproducible
    )


def reference_date(value: Any) -> date:
    """The manifest's reference date, given as a TOML date or an ISO string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (clamped to the month's length)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    for dom in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, dom)
        except ValueError:
            continue
    raise ValueError(day)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A datetime on a day."""
    return datetime.combine(day, time(hour, minute))


def days(n: int) -> timedelta:
    """A number of days."""
    return timedelta(days=n)


def amount(text: str) -> Decimal:
    """A French decimal from a pack file (« 79,90 », « 5,5 »); raises ValueError."""
    try:
        value = Decimal(str(text).replace("\u202f", "").replace(" ", "").replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def slugify(text: str) -> str:
    """« Housse de couette en lin lavé » → « housse-de-couette-en-lin-lave »."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def split(text: str, sep: str = "|") -> list[str]:
    """Non-empty stripped parts of a list cell."""
    return [part.strip() for part in (text or "").split(sep) if part.strip()]


def luhn_valid(digits: str) -> bool:
    """Luhn checksum (SIREN, SIRET)."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return digits.isdigit() and total % 10 == 0


def luhn_complete(prefix: str) -> str:
    """Append the digit that makes a number Luhn-valid."""
    return next(prefix + str(d) for d in range(10) if luhn_valid(prefix + str(d)))


def siret_for(index: int) -> str:
    """A valid SIRET (SIREN and SIRET both pass Luhn), unique for the index."""
    siren = luhn_complete(f"{40000000 + index * 7919 % 59999999:08d}")
    nic = next(f"{n:05d}" for n in range(10, 100) if luhn_valid(siren + f"{n:05d}"))
    return siren + nic


def ean13(number: int) -> str:
    """A valid EAN-13 from the company's GS1 France prefix (376) and a running number."""
    body = f"3760123{number:05d}"
    odd = sum(int(c) for c in body[0::2])
    even = sum(int(c) for c in body[1::2])
    return body + str((10 - (odd + 3 * even) % 10) % 10)


def weighted(rng: random.Random, choices: dict[Any, float] | list[tuple[Any, float]]) -> Any:
    """One key chosen with its weight (dict order, which is the pack file's order)."""
    items = list(choices.items()) if isinstance(choices, dict) else choices
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def fill(template: str, **values: str) -> str:
    """Replace {placeholders} that are given, leave the others."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


Progress = Callable[[str, int, int], None]
