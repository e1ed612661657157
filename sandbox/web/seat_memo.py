"""Values a seat's pages all show (settings, shop menu and footer, logo) kept across requests while the
seat's data does not change.

Keyed on the seat's data version (the storage's ``data_version``: any commit by any process changes it),
read at the start of the request, before the request's own first query: a value is at worst as old as
the request itself. Only plain values are kept (text, numbers, tuples), never rows of a session, and only
on GET requests (a POST may change what it then shows).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from flask import current_app, g, request

from sandbox.db.storage import storage_for

T = TypeVar("T")
_memo: dict[tuple[str, str], tuple[tuple[int, int], dict]] = {}
_lock = threading.Lock()


def seat_version() -> tuple[int, int]:
    """This request's data version of its seat (read once per request)."""
    if "seat_version" not in g:
        g.seat_version = storage_for(current_app.config["E5_DATA"]).data_version("seats", g.seat)
    return g.seat_version


def seat_memo(key: str, build: Callable[[], T], any_method: bool = False) -> T:
    """``build()``'s value for this seat, built again only once the seat's data changed.

    ``any_method``: also on a POST, for a value read before the request writes anything (the settings
    given to the request's session, which drops them at its first flush).
    """
    if request.method != "GET" and not any_method:
        return build()
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
