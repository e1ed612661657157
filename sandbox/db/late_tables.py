"""Tables that seats installed before them get on first use, checked once per engine, not per request."""

from __future__ import annotations

import threading
import weakref

from sqlalchemy import Engine, Table, inspect
from sqlalchemy.orm import Session

_present: weakref.WeakKeyDictionary[Engine, set[str]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def ensure_table(db: Session, table: Table) -> None:
    """Create ``table`` in the session's database if it is missing."""
    engine = db.get_bind()
    with _lock:
        known = table.name in _present.get(engine, ())
    if known:
        return
    connection = db.connection()
    if inspect(connection).has_table(table.name):
        # Remembered only once seen in place: a table created here may still vanish with a rollback.
        with _lock:
            _present.setdefault(engine, set()).add(table.name)
    else:
        table.create(connection)
