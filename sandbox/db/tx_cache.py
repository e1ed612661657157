"""Per-transaction caches: what a page reads many times (price rules, category tree, menus) read once.

A cached value lives in the session's ``info`` and is dropped on any flush, commit or rollback and by
any write statement, so it never outlives the rows it was read from; with pending changes in the
session nothing is cached (the query autoflushes them and must see them).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

T = TypeVar("T")
_KEY = "tx_cache"


def tx_cached(db: Session, key: Hashable, load: Callable[[], T]) -> T:
    """``load()``'s value, computed once per transaction of this session for that key."""
    if db.new or db.deleted or db.dirty:
        db.info.pop(_KEY, None)
        return load()
    cache = db.info.setdefault(_KEY, {})
    if key not in cache:
        cache[key] = load()
    return cache[key]


def _drop(session: Session, *_args) -> None:
    session.info.pop(_KEY, None)


for _name in ("after_flush", "after_commit", "after_soft_rollback"):
    event.listen(Session, _name, _drop)


@event.listens_for(Session, "do_orm_execute")
def _drop_on_write(state) -> None:
    """A bulk UPDATE/DELETE/INSERT may change cached rows behind the ORM."""
    if not state.is_select:
        state.session.info.pop(_KEY, None)
