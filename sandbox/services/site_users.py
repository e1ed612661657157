"""Accounts of the site vitrine: create, edit, delete; only administrators manage them."""

from __future__ import annotations

import re

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sandbox.models import Comment, Post, SiteUser
from sandbox.security import hash_password
from sandbox.services import ServiceError
from sandbox.services.comments import EMAIL
from sandbox.services.site_roles import ROLES, require

LOGIN = re.compile(r"^[A-Za-z0-9._@-]{3,60}$")
MIN_PASSWORD = 8


def save_user(db: Session, admin: SiteUser, user: SiteUser | None, *, login: str, email: str,
              display_name: str, role: str, password: str = "", bio: str = "") -> SiteUser:
    """Create or update a site user; a new account needs a password of 8 characters or more."""
    require(admin, "manage_users")
    login, email = (login or "").strip(), (email or "").strip()
    if not LOGIN.match(login):
        raise ServiceError("L'identifiant doit faire 3 à 60 caractères : lettres, chiffres, point, tiret.",
                           "login")
    if not EMAIL.match(email):
        raise ServiceError("Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).",
                           "email")
    if role not in ROLES:
        raise ServiceError("Choisissez un rôle dans la liste.", "role")
    for column, value, field in ((SiteUser.login, login, "login"), (SiteUser.email, email, "email")):
        other = db.scalar(select(SiteUser.id).where(func.lower(column) == value.lower()))
        if other is not None and (user is None or other != user.id):
            word = "Cet identifiant" if field == "login" else "Cette adresse e-mail"
            raise ServiceError(f"{word} est déjà utilisé(e) par un autre compte.", field)
    if user is not None and user.id == admin.id and role != "administrator":
        raise ServiceError("Vous ne pouvez pas retirer votre propre rôle d'administrateur.", "role")
    if user is None and len(password or "") < MIN_PASSWORD:
        raise ServiceError(f"Le mot de passe doit faire au moins {MIN_PASSWORD} caractères.", "password")
    if password and len(password) < MIN_PASSWORD:
        raise ServiceError(f"Le mot de passe doit faire au moins {MIN_PASSWORD} caractères.", "password")
    if user is None:
        user = SiteUser(login=login, email=email, display_name="", role=role)
        db.add(user)
    user.login, user.email, user.role = login, email, role
    user.display_name = (display_name or "").strip()[:120] or login
    user.bio = (bio or "").strip()[:500]
    if password:
        user.password_hash = hash_password(password)
    db.flush()
    return user


def delete_user(db: Session, admin: SiteUser, user: SiteUser, heir: SiteUser) -> None:
    """Delete an account; its posts and pages go to ``heir`` (as WordPress asks)."""
    require(admin, "manage_users")
    if user.id == admin.id:
        raise ServiceError("Vous ne pouvez pas supprimer votre propre compte.")
    if heir.id == user.id:
        raise ServiceError("Choisissez un autre utilisateur pour reprendre ses contenus.", "heir")
    db.execute(update(Post).where(Post.author_id == user.id).values(author_id=heir.id))
    db.execute(update(Comment).where(Comment.user_id == user.id).values(user_id=None))
    db.delete(user)
    db.flush()
