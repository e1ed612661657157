"""Employee login and logout of the seat's shop back office (the shared seat login flow)."""

from __future__ import annotations

from sqlalchemy import func, select

from sandbox.models import Employee
from sandbox.web.seat_login import Door, login_view, logout_view
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import LoginForm

BAD_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect."
DISABLED = "Ce compte employé est désactivé : demandez à un administrateur de le réactiver."

DOOR = Door(
    role="employee",
    name_field="email",
    find=lambda db, email: db.scalar(select(Employee).where(func.lower(Employee.email) == email)),
    bad_credentials=BAD_CREDENTIALS,
    template="shop_admin/login.html",
    index="seat.shop_admin.index",
    login_endpoint="seat.shop_admin.login",
    refuse=lambda employee: None if employee.active else ("email", DISABLED),
)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page: « Adresse e-mail », « Mot de passe », « Se connecter »."""
    return login_view(DOOR, LoginForm())


@bp.post("/logout")
def logout():
    """Log the employee out of this seat only."""
    return logout_view(DOOR)
