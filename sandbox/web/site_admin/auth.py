"""Site user login and logout of the seat's site back office."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, or_, select

from sandbox.models import SiteUser
from sandbox.security import check_password
from sandbox.web.context import log_in, log_out, login_id
from sandbox.web.site_admin import bp
from sandbox.web.site_admin.forms import LoginForm

BAD_CREDENTIALS = "Identifiant ou mot de passe incorrect."


def safe_next(target: str | None) -> str:
    """Only go back to a page of this seat (never to another site or seat)."""
    prefix = f"/s/{g.seat}/"
    if target and target.startswith(prefix) and "//" not in target and "\\" not in target:
        return target
    return url_for("seat.site_admin.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page: « Identifiant ou adresse e-mail », « Mot de passe », « Se connecter »."""
    form = LoginForm()
    if request.method == "GET":
        if login_id("site_user") is not None:
            return redirect(safe_next(request.args.get("next")))
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        name = (form.login.data or "").strip().lower()
        user = g.db.scalar(select(SiteUser).where(
            or_(func.lower(SiteUser.login) == name, func.lower(SiteUser.email) == name)))
        if user is None or not check_password(user.password_hash, form.password.data or ""):
            form.password.errors.append(BAD_CREDENTIALS)
        else:
            log_in("site_user", user.id)
            return redirect(safe_next(form.next.data))
    return render_template("site_admin/login.html", form=form)


@bp.post("/logout")
def logout():
    """Log the site user out of this seat only."""
    log_out("site_user")
    flash("Vous êtes déconnecté(e).", "info")
    return redirect(url_for("seat.site_admin.login"))
