"""The team of the shop back office: employees (create, edit, disable) and profiles."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Employee, Profile
from sandbox.security import hash_password
from sandbox.services import ServiceError
from sandbox.services.customers import EMAIL, MIN_PASSWORD, normalize_email
from sandbox.services.permissions import allowed


def profiles(db: Session) -> list[Profile]:
    """Every profile, in id order."""
    return list(db.scalars(select(Profile).order_by(Profile.id)))


def save_employee(
    db: Session,
    employee: Employee | None,
    editor: Employee,
    *,
    first_name: str,
    last_name: str,
    email: str,
    profile_id: int | None,
    active: bool,
    password: str = "",
) -> Employee:
    """Create or update an employee; an editor can neither disable themself nor lose the Équipe tab."""
    first_name, last_name, email = (
        (first_name or "").strip(),
        (last_name or "").strip(),
        normalize_email(email),
    )
    if not first_name:
        raise ServiceError("Indiquez le prénom de l'employé.", "first_name")
    if not last_name:
        raise ServiceError("Indiquez le nom de l'employé.", "last_name")
    if not EMAIL.match(email):
        raise ServiceError(
            "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).", "email"
        )
    other = db.scalar(select(Employee.id).where(func.lower(Employee.email) == email))
    if other is not None and (employee is None or other != employee.id):
        raise ServiceError("Un autre employé utilise déjà cette adresse e-mail.", "email")
    profile = db.get(Profile, profile_id) if profile_id else None
    if profile is None:
        raise ServiceError("Choisissez le profil de l'employé.", "profile_id")
    if employee is None and len(password or "") < MIN_PASSWORD:
        raise ServiceError(f"Le mot de passe doit contenir au moins {MIN_PASSWORD} caractères.", "password")
    if employee is not None and password and len(password) < MIN_PASSWORD:
        raise ServiceError(f"Le mot de passe doit contenir au moins {MIN_PASSWORD} caractères.", "password")
    if employee is not None and employee.id == editor.id:
        if not active:
            raise ServiceError(
                "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre "
                "administrateur. Rien n'a été enregistré.",
                "active",
            )
        if not allowed(db, profile.id, "team", "edit"):
            raise ServiceError(
                f"Le profil « {profile.name} » n'a pas accès à l'onglet « Équipe » : vous ne "
                "pourriez plus revenir en arrière. Rien n'a été enregistré.",
                "profile_id",
            )
    if employee is None:
        employee = Employee(password_hash="")
        db.add(employee)
    employee.first_name, employee.last_name, employee.email = first_name, last_name, email
    employee.profile_id, employee.active = profile.id, bool(active)
    if password:
        employee.password_hash = hash_password(password)
    db.flush()
    return employee


def set_active(db: Session, employee: Employee, editor: Employee, active: bool) -> None:
    """Enable or disable an employee (never oneself)."""
    if employee.id == editor.id and not active:
        raise ServiceError(
            "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur."
        )
    employee.active = active
    db.flush()


def save_profile(db: Session, profile: Profile | None, name: str) -> Profile:
    """Create or rename a profile (names are unique)."""
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("Indiquez le nom du profil.", "name")
    if len(name) > 80:
        raise ServiceError("Le nom du profil fait 80 caractères au plus.", "name")
    other = db.scalar(select(Profile.id).where(func.lower(Profile.name) == name.lower()))
    if other is not None and (profile is None or other != profile.id):
        raise ServiceError(f"Un profil « {name} » existe déjà.", "name")
    if profile is None:
        profile = Profile(name=name)
        db.add(profile)
    else:
        profile.name = name
    db.flush()
    return profile
