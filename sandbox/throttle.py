"""Login throttling, one for every login flow: per account and per client address, a progressive delay
after a few failures, then a temporary lock (HTTP 429 with a French message).

State lives in the data folder's logins database so that several server processes share it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sandbox.login_store import logins_db

T = TypeVar("T")

FREE_FAILURES = 3  # typos are free: no delay for the first failures
BASE_DELAY = 0.25  # seconds after the 4th failure, doubling at each further one…
MAX_DELAY = 2.0  # …up to this
ACCOUNT_LOCK_AFTER = 10  # failures on one account (or one class code form) before a lock
ADDRESS_LOCK_AFTER = 30  # failures from one client address, whatever the account
LOCK_SECONDS = 15 * 60
FORGET_SECONDS = 15 * 60  # failures older than this no longer count
sleep = time.sleep  # the progressive delay (tests record it instead of waiting)


class Throttled(Exception):
    """Too many failed tries: the French message to show, and the seconds to wait (Retry-After)."""

    def __init__(self, retry_after: int):
        minutes = max(1, (retry_after + 59) // 60)
        super().__init__(
            f"Trop de tentatives de connexion échouées : réessayez dans {minutes} minute"
            f"{'s' if minutes > 1 else ''}."
        )
        self.message = str(self)
        self.retry_after = retry_after


def delay_for(failures: int) -> float:
    """Seconds to wait after that many failures in a row (0 for the first ones)."""
    if failures <= FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY, BASE_DELAY * 2 ** (failures - FREE_FAILURES - 1))


def _keys(scope: str, account: str | None, address: str | None) -> dict[str, int]:
    keys = {f"adresse:{address or '?'}": ADDRESS_LOCK_AFTER}
    if account is not None:
        keys[f"{scope}:{account.strip().lower()}"] = ACCOUNT_LOCK_AFTER
    return keys


def check(data: Path, keys: dict[str, int]) -> None:
    """Raise Throttled when one of the keys is locked."""
    moment = time.time()
    with logins_db(data) as conn:
        marks = ",".join("?" * len(keys))
        # Only "?" placeholders are formatted into the text; the keys are bound parameters.
        query = f"SELECT MAX(locked_until) FROM login_failure WHERE key IN ({marks})"  # noqa: S608
        row = conn.execute(query, list(keys)).fetchone()
    if row[0] is not None and row[0] > moment:
        raise Throttled(int(row[0] - moment) + 1)


def _failed(data: Path, keys: dict[str, int]) -> int:
    """Count a failure on every key (locking those past their limit); the account's failure count."""
    moment, worst = time.time(), 0
    with logins_db(data) as conn, conn.writing():
        for key, limit in keys.items():
            row = conn.execute("SELECT failures, last_at FROM login_failure WHERE key = ?", (key,)).fetchone()
            failures = 1 if row is None or moment - row[1] > FORGET_SECONDS else row[0] + 1
            locked = moment + LOCK_SECONDS if failures >= limit else 0.0
            conn.execute("INSERT INTO login_failure VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                         "failures = excluded.failures, last_at = excluded.last_at, "
                         "locked_until = excluded.locked_until", (key, failures, moment, locked))
            worst = max(worst, failures - (limit - ACCOUNT_LOCK_AFTER))
    return worst


def _succeeded(data: Path, keys: dict[str, int]) -> None:
    # The account's count only: one valid login must not wipe an address's record of guesses.
    accounts = [key for key in keys if not key.startswith("adresse:")]
    with logins_db(data) as conn:
        conn.executemany("DELETE FROM login_failure WHERE key = ? AND locked_until = 0",
                         [(key,) for key in accounts])


def attempt(data: Path, scope: str, account: str | None, address: str | None, verify: Callable[[], T]) -> T:
    """Run ``verify`` (the password check: a falsy result is a failure) unless throttled.

    ``scope`` names the login flow (« console », « poste-1:employee »…), ``account`` the name typed (None
    when only the client address counts, as for a class code). Raises Throttled when locked; after a
    failure, waits the progressive delay before answering.
    """
    keys = _keys(scope, account, address)
    check(data, keys)
    found = verify()
    if found:
        _succeeded(data, keys)
        return found
    sleep(delay_for(_failed(data, keys)))
    return found
