"""Back-office people: shop employees with profiles, and site vitrine users with roles."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.db.base import Base


class Profile(Base):
    """A shop back-office profile (SuperAdmin, Logisticien, Vendeur…); permissions come with issue 4."""

    __tablename__ = "profile"
    __activity__ = {"label": "Profil", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})


class Employee(Base):
    """A shop back-office account."""

    __tablename__ = "employee"
    __activity__ = {"label": "Employé", "title": "email", "ignore": ["password_hash"]}

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80), info={"label": "prénom"})
    last_name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    email: Mapped[str] = mapped_column(String(160), unique=True, info={"label": "adresse e-mail"})
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id"), info={"label": "profil"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "actif"})

    profile: Mapped[Profile] = relationship()

    @property
    def full_name(self) -> str:
        """First name and last name."""
        return f"{self.first_name} {self.last_name}"


class SiteUser(Base):
    """A site vitrine account (administrator, editor, author, contributor, subscriber)."""

    __tablename__ = "site_user"
    __activity__ = {"label": "Utilisateur", "title": "login", "ignore": ["password_hash"]}

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(60), unique=True, info={"label": "identifiant"})
    display_name: Mapped[str] = mapped_column(String(120), info={"label": "nom affiché"})
    email: Mapped[str] = mapped_column(String(160), info={"label": "adresse e-mail"})
    role: Mapped[str] = mapped_column(String(20), default="author", info={"label": "rôle"})
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    bio: Mapped[str] = mapped_column(String(500), default="", info={"label": "biographie"})
