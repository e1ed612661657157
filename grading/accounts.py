"""Centre accounts: create them, check their passwords, disable or enable them, reset a password."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from grading.db import ROLES, CentreUser, find_user, grading_engine
from sandbox.security import check_password, hash_password
from sandbox.services import ServiceError

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
USERNAME_ERROR = "Identifiant invalide : 2 à 60 caractères parmi a-z, 0-9, point, tiret et souligné."
PASSWORD_MIN = 8
PASSWORD_ERROR = f"Le mot de passe doit compter au moins {PASSWORD_MIN} caractères."


def _check_password(password: str) -> None:
    if len(password or "") < PASSWORD_MIN:
        raise ServiceError(PASSWORD_ERROR, "password")


def create_user(data: Path, username: str, password: str, role: str, display_name: str = "") -> CentreUser:
    """Create a centre account; refuses a bad name, a short password or a taken name (French messages)."""
    if role not in ROLES:
        raise ServiceError(f"Rôle « {role} » inconnu : choisissez parmi {', '.join(ROLES)}.", "role")
    if not USERNAME.match(username or ""):
        raise ServiceError(USERNAME_ERROR, "username")
    _check_password(password)
    with Session(grading_engine(data)) as db, db.begin():
        if find_user(db, username):
            raise ServiceError(f"L'identifiant « {username} » est déjà pris.", "username")
        user = CentreUser(
            username=username,
            display_name=display_name or username,
            role=role,
            password_hash=hash_password(password),
            created_at=datetime.now(),
        )
        db.add(user)
    return user


ROLE_WORDS = {"examiner": "l'examinateur", "teacher": "l'enseignant"}


def create_account(data: Path, role: str, username: str, display_name: str, password: str) -> CentreUser:
    """Create an examiner's or teacher's account (« Mme Martin »); refusals are French, per field."""
    if not (display_name or "").strip():
        raise ServiceError(
            f"Indiquez le nom de {ROLE_WORDS.get(role, 'la personne')} tel qu'il figurera dans la console.",
            "display_name",
        )
    username = (username or "").strip()
    create_user(data, username, password, role, display_name.strip())
    with Session(grading_engine(data), expire_on_commit=False) as db:
        return find_user(db, username)  # create_user's object is expired once its session closed


def authenticate(data: Path, username: str, password: str) -> CentreUser | None:
    """The account when the password matches, else None."""
    with Session(grading_engine(data)) as db:
        user = find_user(db, username)
        # An unknown name is checked against a dummy hash: it costs the time of a known one.
        if check_password(user.password_hash if user is not None else None, password) and user is not None:
            db.expunge(user)
            return user
    return None


DISABLED = "Ce compte est désactivé : adressez-vous à l'administrateur du centre."
MANAGED_ROLES = ("examiner", "teacher")  # the administrator manages these accounts from the console


def login(data: Path, username: str, password: str) -> CentreUser | None:
    """The account when the password matches, else None; ServiceError (French) when it is disabled."""
    user = authenticate(data, username, password)
    if user is not None and not user.active:
        raise ServiceError(DISABLED)
    return user


def has_admin(data: Path) -> bool:
    """Whether the centre has an administrator account (none right after `e5 context install`)."""
    with Session(grading_engine(data)) as db:
        return db.scalar(select(CentreUser.id).where(CentreUser.role == "admin").limit(1)) is not None


def is_active(data: Path, user_id: int) -> bool:
    """Whether the account still exists and may use the console (checked on every console request)."""
    with Session(grading_engine(data)) as db:
        user = db.get(CentreUser, user_id)
        return user is not None and user.active


def list_accounts(db: Session, role: str) -> list[CentreUser]:
    """The accounts of one role, by name (disabled ones included)."""
    return list(
        db.scalars(select(CentreUser).where(CentreUser.role == role).order_by(CentreUser.display_name))
    )


def _managed(db: Session, user_id: int) -> CentreUser:
    user = db.get(CentreUser, user_id)
    if user is None or user.role not in MANAGED_ROLES:
        raise ServiceError(f"Le compte n° {user_id} n'est pas un compte examinateur ou enseignant du centre.")
    return user


def set_active(data: Path, user_id: int, active: bool) -> CentreUser:
    """Disable an examiner's or teacher's account (it can no longer log in), or enable it again."""
    with Session(grading_engine(data), expire_on_commit=False) as db, db.begin():
        user = _managed(db, user_id)
        user.disabled_at = None if active else (user.disabled_at or datetime.now())
    return user


def reset_password(data: Path, user_id: int, password: str) -> CentreUser:
    """Give an examiner's or teacher's account a new password (8 characters at least)."""
    _check_password(password)
    with Session(grading_engine(data), expire_on_commit=False) as db, db.begin():
        user = _managed(db, user_id)
        user.password_hash = hash_password(password)
    return user
