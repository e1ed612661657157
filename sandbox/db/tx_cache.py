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


_SHARED = "tx_cache_shared"  # a provider the web layer sets: values kept across requests of a seat
_WROTE = "tx_cache_wrote"


def tx_cached(db: Session, key: Hashable, load: Callable[[], T], shared: bool = False) -> T:
    """``load()``'s value, computed once per transaction of this session for that key.

    ``shared``: the value is plain and immutable (numbers, tuples, SQLAlchemy ``Row``s — never ORM
    objects), so the provider set by ``share_across_requests`` may keep it across requests while the
    database is unchanged; as long as this session has written nothing.
    """
    if db.new or db.deleted or db.dirty:
        db.info.pop(_KEY, None)
        return load()
    cache = db.info.setdefault(_KEY, {})
    if key not in cache:
        provider = db.info.get(_SHARED) if shared and not db.info.get(_WROTE) else None
        cache[key] = provider(key, load) if provider is not None else load()
    return cache[key]


def share_across_requests(db: Session, provider: Callable[[Hashable, Callable[[], T]], T]) -> None:
    """Let ``provider(key, load)`` serve this session's shared values (a per-seat memo, for one read)."""
    db.info[_SHARED] = provider


def _drop(session: Session, *_args) -> None:
    session.info.pop(_KEY, None)


@event.listens_for(Session, "after_flush")
def _wrote(session: Session, *_args) -> None:
    """Once a session wrote, its shared values are read from its own transaction again."""
    session.info[_WROTE] = True


for _name in ("after_flush", "after_commit", "after_soft_rollback"):
    event.listen(Session, _name, _drop)


@event.listens_for(Session, "do_orm_execute")
def _drop_on_write(state) -> None:
    """A bulk UPDATE/DELETE/INSERT may change cached rows behind the ORM."""
    if not state.is_select:
        state.session.info.pop(_KEY, None)
        state.session.info[_WROTE] = True
