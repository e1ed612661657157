"""Employee login and logout of the seat's shop back office."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import Employee
from sandbox.security import check_password
from sandbox.web.context import log_in, log_out, login_id
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import LoginForm

BAD_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect."


def _safe_next(target: str | None) -> str:
    """Only go back to a page of this seat (never to another site or seat)."""
    prefix = f"/s/{g.seat}/"
    if target and target.startswith(prefix) and "//" not in target and "\\" not in target:
        return target
    return url_for("seat.shop_admin.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page: « Adresse e-mail », « Mot de passe », « Se connecter »."""
    form = LoginForm()
    if request.method == "GET":
        if login_id("employee") is not None:
            return redirect(_safe_next(request.args.get("next")))
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        employee = g.db.scalar(select(Employee).where(func.lower(Employee.email) == email))
        if employee is None or not check_password(employee.password_hash, form.password.data or ""):
            form.password.errors.append(BAD_CREDENTIALS)
        elif not employee.active:
            form.email.errors.append("Ce compte employé est désactivé : demandez à un administrateur de le "
                                     "réactiver.")
        else:
            log_in("employee", employee.id)
            return redirect(_safe_next(form.next.data))
    return render_template("shop_admin/login.html", form=form)


@bp.post("/logout")
def logout():
    """Log the employee out of this seat only."""
    log_out("employee")
    flash("Vous êtes déconnecté(e).", "info")
    return redirect(url_for("seat.shop_admin.login"))
