"""Paramètres avancés › Équipe: employees (create, edit, disable), profiles and their permissions."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import Length

from sandbox.models import Employee, Profile
from sandbox.services import ServiceError
from sandbox.services.permissions import ACTIONS, SUPERADMIN_ID, TABS, rights_of, save_permissions
from sandbox.services.team import profiles, save_employee, save_profile, set_active
from sandbox.web.choice_fields import SelectField
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, ConfirmForm
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-USR-1", "B-USR-2", "B-USR-3", "B-USR-4"]  # feature ids of this screen (coverage report)


class EmployeeForm(AdminForm):
    """An employee of the back office."""

    first_name = StringField("Prénom", validators=[Length(max=80, message="80 caractères au plus.")])
    last_name = StringField("Nom", validators=[Length(max=80, message="80 caractères au plus.")])
    email = EmailField("Adresse e-mail", validators=[Length(max=160, message="160 caractères au plus.")])
    password = PasswordField("Mot de passe", render_kw={"autocomplete": "new-password"})
    profile_id = SelectField("Profil", coerce=int, validate_choice=False)
    active = BooleanField("Compte actif", default=True)


class ProfileForm(AdminForm):
    """A profile's name (its permissions are the matrix posted with it)."""

    name = StringField("Nom du profil", validators=[Length(max=80, message="80 caractères au plus.")])


def _employee(employee_id: int) -> Employee:
    employee = g.db.get(Employee, employee_id)
    if employee is None:
        abort(404, description="Cet employé n'existe pas dans ce poste.")
    return employee


def _profile(profile_id: int) -> Profile:
    profile = g.db.get(Profile, profile_id)
    if profile is None:
        abort(404, description="Ce profil n'existe pas dans ce poste.")
    return profile


@bp.get("/equipe")
def team():
    """Employees and profiles of the shop."""
    employees = g.db.scalars(select(Employee).order_by(Employee.id)).all()
    return render_template(
        "shop_admin/team.html", employees=employees, profiles=profiles(g.db), form=ConfirmForm()
    )


@bp.route(
    "/equipe/employes/nouveau",
    methods=["GET", "POST"],
    defaults={"employee_id": None},
    endpoint="employee_new",
)
@bp.route("/equipe/employes/<int:employee_id>", methods=["GET", "POST"])
def employee_edit(employee_id: int | None):
    """Create or edit an employee (name, e-mail, password, profile, active)."""
    employee = _employee(employee_id) if employee_id else None
    form = EmployeeForm(obj=employee) if request.method == "GET" else EmployeeForm()
    form.profile_id.choices = [(0, "— Choisir —")] + [(p.id, p.name) for p in profiles(g.db)]
    if form.validate_on_submit():
        try:
            saved = save_employee(
                g.db,
                employee,
                g.employee,
                first_name=form.first_name.data,
                last_name=form.last_name.data,
                email=form.email.data,
                profile_id=form.profile_id.data,
                active=form.active.data,
                password=form.password.data or "",
            )
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"L'employé {saved.full_name} a été enregistré.", "success")
            return redirect(url_for("seat.shop_admin.team"))
    return render_template("shop_admin/employee_edit.html", form=form, employee=employee)


@bp.post("/equipe/employes/<int:employee_id>/activation")
def employee_toggle(employee_id: int):
    """Enable or disable an employee from the list."""
    employee = _employee(employee_id)
    if ConfirmForm().validate_on_submit():
        try:
            set_active(g.db, employee, g.employee, not employee.active)
            g.db.commit()
            flash(
                f"Compte de {employee.full_name} : {'activé' if employee.active else 'désactivé'}.", "success"
            )
        except ServiceError as error:
            g.db.rollback()
            flash(error.message, "error")
    return redirect(url_for("seat.shop_admin.team"))


def _posted_rights() -> dict[str, set[str]]:
    return {tab: {a for a in ACTIONS if request.form.get(f"perm-{tab}-{a}")} for tab in TABS}


@bp.route(
    "/equipe/profils/nouveau", methods=["GET", "POST"], defaults={"profile_id": None}, endpoint="profile_new"
)
@bp.route("/equipe/profils/<int:profile_id>", methods=["GET", "POST"])
def profile_edit(profile_id: int | None):
    """Create or edit a profile: its name and its permissions on every tab."""
    profile = _profile(profile_id) if profile_id else None
    form = ProfileForm(obj=profile) if request.method == "GET" else ProfileForm()
    rights = rights_of(g.db, profile.id) if profile else {tab: set() for tab in TABS}
    if form.validate_on_submit():
        rights = _posted_rights()
        try:
            saved = save_profile(g.db, profile, form.name.data)
            if saved.id != SUPERADMIN_ID:
                save_permissions(g.db, saved, rights, g.employee)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Le profil « {saved.name} » et ses permissions ont été enregistrés.", "success")
            return redirect(url_for("seat.shop_admin.team", _anchor="profils"))
    return render_template(
        "shop_admin/profile_edit.html",
        form=form,
        profile=profile,
        rights=rights,
        tabs=TABS,
        actions=ACTIONS,
        superadmin=profile is not None and profile.id == SUPERADMIN_ID,
    )
