"""Centre accounts: create them and check their passwords."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from grading.db import ROLES, CentreUser, find_user, grading_engine
from sandbox.security import check_password, hash_password
from sandbox.services import ServiceError

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")


def create_user(data: Path, username: str, password: str, role: str, display_name: str = "") -> CentreUser:
    """Create a centre account; refuses a bad name, a short password or a taken name (French messages)."""
    if role not in ROLES:
        raise ServiceError(f"Rôle « {role} » inconnu : choisissez parmi {', '.join(ROLES)}.", "role")
    if not USERNAME.match(username or ""):
        raise ServiceError(
            "Identifiant invalide : 2 à 60 caractères parmi a-z, 0-9, point, tiret et souligné.", "username"
        )
    if len(password or "") < 8:
        raise ServiceError("Le mot de passe doit compter au moins 8 caractères.", "password")
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


def authenticate(data: Path, username: str, password: str) -> CentreUser | None:
    """The account when the password matches, else None."""
    with Session(grading_engine(data)) as db:
        user = find_user(db, username)
        if user is not None and check_password(user.password_hash, password):
            db.expunge(user)
            return user
    return None
