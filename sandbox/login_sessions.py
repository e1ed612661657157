"""Server-side login sessions: the cookie only carries a random token; logging out deletes it here, so a
copied cookie stops working at logout, and an idle session expires (the console's, after a day).

Stored in the data folder's logins database so that every server process sees the same logouts.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from sandbox.login_store import logins_db

TOUCH_SECONDS = 60  # refresh « last seen » at most once a minute: no write on every request


def start(data: Path, scope: str, account: int | str) -> str:
    """A new session for that account (a fresh token at every login: no session fixation)."""
    token, moment = secrets.token_urlsafe(24), time.time()
    with logins_db(data) as conn:
        conn.execute("INSERT INTO login_session VALUES (?, ?, ?, ?, ?)",
                     (token, scope, str(account), moment, moment))
    return token


def account_of(data: Path, scope: str, token: str | None, idle_seconds: float | None = None) -> str | None:
    """The account of a live session of that scope, else None (ended, unknown or idle for too long)."""
    if not token or not isinstance(token, str):
        return None
    moment = time.time()
    with logins_db(data) as conn:
        row = conn.execute("SELECT account, seen_at FROM login_session WHERE token = ? AND scope = ?",
                           (token, scope)).fetchone()
        if row is None:
            return None
        if idle_seconds is not None and moment - row[1] > idle_seconds:
            conn.execute("DELETE FROM login_session WHERE token = ?", (token,))
            return None
        if idle_seconds is not None and moment - row[1] > TOUCH_SECONDS:
            conn.execute("UPDATE login_session SET seen_at = ? WHERE token = ?", (moment, token))
    return row[0]


def end(data: Path, token: str | None) -> None:
    """End a session (logout): its token no longer opens anything, from any copy of the cookie."""
    if token and isinstance(token, str):
        with logins_db(data) as conn:
            conn.execute("DELETE FROM login_session WHERE token = ?", (token,))


def end_all(data: Path, scope_prefix: str) -> None:
    """End every session whose scope starts with that prefix (« poste-1: »: every login of a reset seat)."""
    with logins_db(data) as conn:
        conn.execute("DELETE FROM login_session WHERE substr(scope, 1, ?) = ?",
                     (len(scope_prefix), scope_prefix))
