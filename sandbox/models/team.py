"""Back-office permissions: what a profile may do on each tab (view, add, edit, delete)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, object_session

from sandbox.db.base import Base
from sandbox.models.employees import Profile

# Tabs of the shop back office, in the order of the sidebar (keys are stored in ProfilePermission.tab).
TABS = {
    "orders": "Commandes",
    "customers": "Clients",
    "customer_service": "Service client",
    "catalog": "Catalogue",
    "stock": "Stocks",
    "promotions": "Promotions",
    "shipping": "Livraison",
    "modules": "Modules",
    "design": "Apparence",
    "settings": "Paramètres",
    "stats": "Statistiques",
    "team": "Équipe",
}


class ProfilePermission(Base):
    """The rights of one profile on one back-office tab (SuperAdmin needs no row: it has every right)."""

    __tablename__ = "profile_permission"
    __activity__ = {"label": "Permission", "gender": "f", "title": "tab"}

    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True)
    tab: Mapped[str] = mapped_column(String(40), primary_key=True, info={"label": "onglet"})
    can_view: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "voir"})
    can_add: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "ajouter"})
    can_edit: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "modifier"})
    can_delete: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "supprimer"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Permissions du profil n° 3 sur l'onglet Commandes : voir oui, modifier non »."""
        rights = ", ".join(
            f"{label} {'oui' if getattr(self, 'can_' + key) else 'non'}"
            for key, label in (
                ("view", "voir"),
                ("add", "ajouter"),
                ("edit", "modifier"),
                ("delete", "supprimer"),
            )
        )
        tab = TABS.get(self.tab, self.tab)
        session = object_session(self)
        profile = session.get(Profile, self.profile_id) if session is not None else None
        name = f"« {profile.name} »" if profile is not None else f"n° {self.profile_id}"
        return f"Permissions du profil {name} sur l'onglet {tab} : {rights}"
