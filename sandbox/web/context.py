"""Per-request seat context: which seat, its database session, who is logged in on it.

Logins are kept in the Flask session under the seat's name *and* the seat's epoch, so a login in
one seat never opens another seat, logging out of one seat leaves the others alone, and a seat
reset (new epoch) logs everybody out of that seat. The cookie holds only a login session token
(``sandbox.login_sessions``): logging out ends it server-side, so a copied cookie dies with it. Seat
logins never expire while idle (a candidate is never logged out during a slot).
"""

from __future__ import annotations

from functools import wraps
from pathlib import Path

from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from sqlalchemy.orm import Session

from sandbox import login_sessions
from sandbox.activity.actor import VISITOR, Actor, act_as
from sandbox.db.storage import storage_for
from sandbox.db.tx_cache import share_across_requests
from sandbox.models import get_setting
from sandbox.models.settings import all_settings, preload_settings
from sandbox.seats import SEAT_NAME, get_seat
from sandbox.web.seat_memo import seat_memo


def data_folder() -> Path:
    """The data folder of the running app."""
    return Path(current_app.config["E5_DATA"])


def open_seat(seat: str) -> None:
    """Bind g.seat and g.db for this request; 404 for an unknown seat."""
    storage = storage_for(data_folder())
    if not SEAT_NAME.match(seat) or not storage.exists("seats", seat):
        abort(404, description=f"Le poste « {seat} » n'existe pas.")
    g.seat = seat
    g.seat_read_only = get_seat(data_folder(), seat).read_only()
    g.db = Session(storage.engine("seats", seat))
    act_as(g.db, VISITOR)
    preload_settings(g.db, seat_memo("settings", lambda: all_settings(g.db), any_method=True,
                                        tables=("setting",)))
    share_across_requests(g.db, lambda key, load: seat_memo(("tx", key), load))


def seat_epoch() -> str:
    """The seat's epoch (changed by a reset), read when a login needs it rather than on every request."""
    if "seat_epoch" not in g:
        g.seat_epoch = get_setting(g.db, "seat.epoch")
    return g.seat_epoch


def refuse_changes_when_read_only():
    """Before a request: a read-only seat (time is up, or locked) refuses every change, with a French page."""
    if g.get("seat_read_only") and request.method not in ("GET", "HEAD", "OPTIONS"):
        return render_template("errors/read_only.html"), 403
    return None


def close_seat(_exc=None) -> None:
    """Close the request's seat session (teardown)."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def _logins() -> dict:
    entry = session.get("seats", {}).get(g.seat)
    if not entry or entry.get("epoch") != seat_epoch():
        return {}
    return entry


def _scope(role: str) -> str:
    return f"{g.seat}:{seat_epoch()}:{role}"


def login_id(role: str) -> int | None:
    """Id of the account logged in on this seat for a role ("employee", "customer", "site_user")."""
    cache = g.setdefault("seat_logins", {})
    if role not in cache:
        account = login_sessions.account_of(data_folder(), _scope(role), _logins().get(role))
        cache[role] = int(account) if account is not None else None
    return cache[role]


def log_in(role: str, account_id: int) -> None:
    """Remember a login on this seat only (a new server-side session; an earlier one of this browser ends)."""
    login_sessions.end(data_folder(), _logins().get(role))
    seats = dict(session.get("seats", {}))
    entry = dict(_logins())
    entry.update({"epoch": seat_epoch(), role: login_sessions.start(data_folder(), _scope(role), account_id)})
    seats[g.seat] = entry
    session["seats"] = seats
    g.setdefault("seat_logins", {})[role] = account_id


def log_out(role: str) -> None:
    """Forget a login on this seat only, and end its session server-side."""
    seats = dict(session.get("seats", {}))
    entry = dict(_logins())
    login_sessions.end(data_folder(), entry.pop(role, None))
    g.setdefault("seat_logins", {})[role] = None
    seats[g.seat] = entry
    session["seats"] = seats


def seat_value(key: str, default=None):
    """A per-seat value kept in the visitor's session (cart token…)."""
    return _logins().get(key, default)


def set_seat_value(key: str, value) -> None:
    """Keep a per-seat value in the visitor's session."""
    seats = dict(session.get("seats", {}))
    entry = dict(_logins())
    entry.update({"epoch": seat_epoch(), key: value})
    seats[g.seat] = entry
    session["seats"] = seats


def sign_changes(actor: Actor) -> None:
    """Sign the changes of this request with the person making them."""
    act_as(g.db, actor)


def require_login(role: str, endpoint: str):
    """Decorator: redirect to the seat's login page for that role when nobody is logged in."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if login_id(role) is None:
                return redirect(url_for(endpoint, next=request.full_path))
            return view(*args, **kwargs)
        return wrapper
    return decorator
