"""Site user login and logout of the seat's site back office (the shared seat login flow)."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from sandbox.models import SiteUser
from sandbox.web.seat_login import Door, login_view, logout_view
from sandbox.web.site_admin import bp
from sandbox.web.site_admin.forms import LoginForm

BAD_CREDENTIALS = "Identifiant ou mot de passe incorrect."

DOOR = Door(
    role="site_user",
    name_field="login",
    find=lambda db, name: db.scalar(select(SiteUser).where(
        or_(func.lower(SiteUser.login) == name, func.lower(SiteUser.email) == name))),
    bad_credentials=BAD_CREDENTIALS,
    template="site_admin/login.html",
    index="seat.site_admin.index",
    login_endpoint="seat.site_admin.login",
)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page: « Identifiant ou adresse e-mail », « Mot de passe », « Se connecter »."""
    return login_view(DOOR, LoginForm())


@bp.post("/logout")
def logout():
    """Log the site user out of this seat only."""
    return logout_view(DOOR)
