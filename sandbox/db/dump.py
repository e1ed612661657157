"""Canonical text dump of a database, to prove that two installs hold exactly the same data.

Database files cannot be compared byte for byte (SQLite writes indexes in a varying order, page
layout depends on history), so we compare what they contain: every table in name order, its
columns and indexes, then its rows ordered by primary key, each value rendered one fixed way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, inspect


def render_value(value: Any) -> Any:
    """A stored value as a JSON-ready canonical form (blobs become their length and sha256)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        return f"blob:{len(raw)}:sha256:{hashlib.sha256(raw).hexdigest()}"
    if isinstance(value, float):
        # repr() is the shortest round-tripping form, identical on every platform.
        return f"float:{value!r}"
    if isinstance(value, (str, int)) or value is None:
        return value
    return f"{type(value).__name__}:{value}"


def _table_lines(conn, inspector, table: str) -> Iterator[str]:
    quote = conn.dialect.identifier_preparer.quote
    columns = inspector.get_columns(table)
    names = [c["name"] for c in columns]
    described = ", ".join(f"{c['name']} {c['type']}{'' if c['nullable'] else ' NOT NULL'}" for c in columns)
    yield f"# table {table} ({described})"
    for index in sorted(inspector.get_indexes(table), key=lambda i: i["name"] or ""):
        unique = "unique " if index.get("unique") else ""
        yield f"# {unique}index {index['name']} ({', '.join(str(c) for c in index['column_names'])})"
    # Order by the primary key; a table without one is ordered by every column, which is total too.
    order = inspector.get_pk_constraint(table).get("constrained_columns") or names
    sql = (
        f"SELECT {', '.join(quote(n) for n in names)} FROM {quote(table)} "  # noqa: S608 — names read from the schema and quoted; no input
        f"ORDER BY {', '.join(quote(n) for n in order)}"
    )
    prefix = f"{table}\t"
    for row in conn.exec_driver_sql(sql):
        yield prefix + json.dumps([render_value(v) for v in row], ensure_ascii=False, separators=(",", ":"))


def canonical_dump(engine: Engine) -> Iterator[str]:
    """Lines describing every table (sorted by name) and every row (sorted by primary key)."""
    with engine.connect() as conn:
        inspector = inspect(conn)
        # alembic_version is bookkeeping (the schema revision), not content.
        tables = sorted(t for t in inspector.get_table_names()
                        if not t.startswith("sqlite_") and t != "alembic_version")
        for table in tables:
            yield from _table_lines(conn, inspector, table)


def dump_digest(engine: Engine) -> str:
    """sha256 of the canonical dump: equal digests mean equal contents."""
    digest = hashlib.sha256()
    for line in canonical_dump(engine):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
