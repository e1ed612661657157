"""One login flow for both seat back offices (shop: employees, site: site users): throttled per account
and client address, a fresh server-side session at login, ended at logout; a practice seat's timer
starts at its student's first login."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import flash, g, redirect, render_template, request, url_for

from sandbox import throttle
from sandbox.seats import SeatError, get_seat, seat_key, set_deadline
from sandbox.security import check_password
from sandbox.web.context import data_folder, log_in, log_out, login_id


@dataclass(frozen=True)
class Door:
    """What differs between the two back offices' logins."""

    role: str  # "employee" or "site_user"
    name_field: str  # the form field with the account's name
    find: Callable  # (db, typed name) -> account or None
    bad_credentials: str
    template: str
    index: str  # endpoint after login
    login_endpoint: str
    refuse: Callable = lambda account: None  # account -> (field, message) when it may not log in


def safe_next(target: str | None, default: str) -> str:
    """Only go back to a page of this seat (never to another site or seat)."""
    prefix = f"/s/{g.seat}/"
    if target and target.startswith(prefix) and "//" not in target and "\\" not in target:
        return target
    return url_for(default)


def start_practice_timer() -> None:
    """A practice seat with a duration: its timer starts at the first login in the seat, not at the pick."""
    try:
        seat = get_seat(data_folder(), g.seat)
    except SeatError:
        return
    if seat.practice and seat.minutes and not seat.deadline:
        set_deadline(data_folder(), seat.name, datetime.now().replace(microsecond=0)
                     + timedelta(minutes=seat.minutes))


def login_view(door: Door, form):
    """GET: the login page (or straight in when logged in); POST: check, throttled, then log in."""
    if request.method == "GET":
        if login_id(door.role) is not None:
            return redirect(safe_next(request.args.get("next"), door.index))
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        typed = (getattr(form, door.name_field).data or "").strip().lower()
        account = door.find(g.db, typed)
        try:
            ok = throttle.attempt(
                data_folder(), f"{g.seat}:{door.role}", typed, request.remote_addr,
                lambda: check_password(account.password_hash if account else None, form.password.data or "",
                                       seat_key(data_folder())))
        except throttle.Throttled as exc:
            form.password.errors.append(exc.message)
            return (render_template(door.template, form=form), 429, {"Retry-After": str(exc.retry_after)})
        refused = door.refuse(account) if ok else None
        if not ok:
            form.password.errors.append(door.bad_credentials)
        elif refused:
            getattr(form, refused[0]).errors.append(refused[1])
        else:
            log_in(door.role, account.id)
            start_practice_timer()
            return redirect(safe_next(form.next.data, door.index))
    return render_template(door.template, form=form)


def logout_view(door: Door):
    """Log out of this seat only (the session ends server-side: a copied cookie no longer works)."""
    log_out(door.role)
    flash("Vous êtes déconnecté(e).", "info")
    return redirect(url_for(door.login_endpoint))
