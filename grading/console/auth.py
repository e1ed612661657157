"""Console login: centre accounts only; a seat's credentials never open the console."""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from grading.accounts import DISABLED, has_admin, is_active
from grading.accounts import login as login_user
from grading.console import bp
from sandbox import login_sessions, throttle
from sandbox.services import ServiceError

SCOPE = "console"


class LoginForm(FlaskForm):
    """Console login form."""

    username = StringField("Identifiant", validators=[DataRequired("Indiquez votre identifiant.")])
    password = PasswordField("Mot de passe", validators=[DataRequired("Indiquez votre mot de passe.")])


def console_login_required(view):
    """Redirect to the console login unless a centre account is logged in."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        user = session.get("console_user")
        if not user:
            return redirect(url_for("console.login", next=request.path))
        data = current_app.config["E5_DATA"]
        idle = current_app.config["CONSOLE_IDLE_SECONDS"]
        live = login_sessions.account_of(data, SCOPE, user.get("token"), idle)
        if live is None or live != str(user.get("id")):
            # Logged out (from any copy of this cookie) or idle for too long: the server ended the session.
            session.pop("console_user", None)
            flash("Votre session a pris fin : reconnectez-vous.", "info")
            return redirect(url_for("console.login", next=request.path))
        if not is_active(current_app.config["E5_DATA"], user.get("id")):
            # Disabled (or removed) by the administrator since login: the session ends now.
            session.pop("console_user", None)
            flash(DISABLED, "error")
            return redirect(url_for("console.login"))
        g.console_user = user
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    """Console login required, and the centre administrator's role (403 for examiners and teachers)."""

    @wraps(view)
    @console_login_required
    def wrapper(*args, **kwargs):
        if g.console_user.get("role") != "admin":
            abort(403, description="Cette page est réservée à l'administrateur du centre.")
        return view(*args, **kwargs)

    return wrapper


def _safe_next(target: str | None) -> str:
    """Only follow a local console path after login (no open redirect)."""
    if target and target.startswith("/console/") and "//" not in target:
        return target
    return url_for("console.index")


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    """Log a centre account into the console."""
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        data, username = current_app.config["E5_DATA"], form.username.data.strip()
        try:
            user = throttle.attempt(data, SCOPE, username, request.remote_addr,
                                    lambda: login_user(data, username, form.password.data))
        except throttle.Throttled as exc:
            return (render_template("console/login.html", form=form, error=exc.message), 429,
                    {"Retry-After": str(exc.retry_after)})
        except ServiceError as exc:
            user, error = None, exc.message
        if user is not None:
            previous = session.pop("console_user", None) or {}
            login_sessions.end(data, previous.get("token"))
            session["console_user"] = {
                "id": user.id,
                "username": user.username,
                "role": user.role,
                "name": user.display_name,
                "token": login_sessions.start(data, SCOPE, user.id),  # new at each login: no fixation
            }
            return redirect(_safe_next(request.args.get("next")))
        error = error or "Identifiant ou mot de passe incorrect."
    first_run = not has_admin(current_app.config["E5_DATA"])
    return render_template("console/login.html", form=form, error=error, first_run=first_run)


@bp.post("/deconnexion")
def logout():
    """Log out of the console, ending the session server-side (seat logins are untouched)."""
    user = session.pop("console_user", None) or {}
    login_sessions.end(current_app.config["E5_DATA"], user.get("token"))
    return redirect(url_for("console.login"))
