"""Values a seat's pages all show (settings, shop menu and footer, logo) kept across requests while the
seat's data does not change.

Keyed on the seat's data version (the storage's ``data_version``: any commit by any process changes it),
read at the start of the request, before the request's own first query: a value is at worst as old as
the request itself. Only plain values are kept (text, numbers, tuples), never rows of a session, and only
on GET requests (a POST may change what it then shows). A value read from a few tables only can be keyed
on writes to those tables (``tables``; on PostgreSQL, whose notifications say which tables a commit
wrote): a customer's note saved does not make every page read the settings again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app, g, request

from sandbox.db.storage import storage_for

T = TypeVar("T")
_memo: dict[tuple[str, str], tuple[tuple, dict]] = {}
_by_tables: dict[tuple[str, str, Hashable], tuple[Hashable, object]] = {}
_lock = threading.Lock()


def seat_version() -> tuple:
    """This request's data version of its seat (read once per request)."""
    if "seat_version" not in g:
        g.seat_version = storage_for(current_app.config["E5_DATA"]).data_version("seats", g.seat)
    return g.seat_version


def seat_memo(key: Hashable, build: Callable[[], T], any_method: bool = False,
              tables: tuple[str, ...] | None = None) -> T:
    """``build()``'s value for this seat, built again only once the seat's data changed.

    ``any_method``: also on a POST, for a value read before the request writes anything (the settings
    given to the request's session, which drops them at its first flush). ``tables``: the only tables
    ``build`` reads; the value is built again only once one of them is written (read before it writes).
    """
    if request.method != "GET" and not any_method:
        return build()
    if tables is not None:
        return _table_memo(key, build, tables)
    version = seat_version()
    where = (current_app.config["E5_DATA"], g.seat)
    with _lock:
        slot = _memo.get(where)
        if slot is None or slot[0] != version:
            slot = _memo[where] = (version, {})
    values = slot[1]
    if key not in values:
        values[key] = build()
    return values[key]


def _table_memo(key: Hashable, build: Callable[[], T], tables: tuple[str, ...]) -> T:
    data = current_app.config["E5_DATA"]
    # Read before build() reads the tables: a write in between changes the version, never the reverse.
    version = storage_for(data).tables_version("seats", g.seat, tables)
    where = (data, g.seat, key)
    kept = _by_tables.get(where)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = build()
    with _lock:
        _by_tables[where] = (version, value)
    return value
