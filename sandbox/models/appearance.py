"""Appearance of the site vitrine: menus and their locations, widgets, pop-ups / info bars."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from sandbox.db.base import Base, JSONText

# Menu item kinds: a page or post (target_id → post.id), a blog category (target_id → post_category.id),
# a custom link (url) or a social network link (url, label = network name).
MENU_ITEM_KINDS = {"page": "Page", "post": "Article", "category": "Catégorie", "custom": "Lien personnalisé",
                   "social": "Réseau social"}
MENU_LOCATIONS = {"primary": "Menu principal", "off_canvas": "Menu hors-champ (latéral)",
                  "footer": "Menu du pied de page", "social": "Menu des réseaux sociaux"}
WIDGET_AREAS = {"footer": "Pied de page", "sidebar": "Colonne latérale"}
WIDGET_TYPES = {"search": "Recherche", "recent_posts": "Articles récents", "recent_comments":
                "Commentaires récents", "rss": "Flux RSS", "gallery": "Galerie", "calendar": "Calendrier",
                "text": "Texte", "categories": "Catégories", "archives": "Archives",
                "meta": "Méta", "social": "Réseaux sociaux"}
POPUP_KINDS = {"modal": "Fenêtre surgissante", "bar": "Barre d'information"}
POPUP_FREQUENCIES = {"always": "À chaque page", "session": "Une fois par visite", "once": "Une seule fois"}


class Menu(Base):
    """A navigation menu (its items are MenuItem rows)."""

    __tablename__ = "menu"
    __activity__ = {"label": "Menu", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})

    items: Mapped[list[MenuItem]] = relationship(order_by="MenuItem.position", cascade="all, delete-orphan")


class MenuItem(Base):
    """One entry of a menu; parent_id makes it a sub-menu item."""

    __tablename__ = "menu_item"
    __activity__ = {"label": "Élément de menu", "title": "label"}

    id: Mapped[int] = mapped_column(primary_key=True)
    menu_id: Mapped[int] = mapped_column(ForeignKey("menu.id", ondelete="CASCADE"), info={"label": "menu"})
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("menu_item.id", ondelete="SET NULL"), info={"label": "élément parent"})
    kind: Mapped[str] = mapped_column(String(10), info={"label": "type"})
    label: Mapped[str] = mapped_column(String(120), info={"label": "libellé"})
    target_id: Mapped[int | None] = mapped_column(Integer, info={"label": "cible"})
    url: Mapped[str] = mapped_column(String(500), default="", info={"label": "adresse"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "ordre"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Élément de menu « Jardin » (Catégorie) ajouté au menu « Menu principal », sous « Blog » »."""
        if action != "create":
            return None
        session = object_session(self)
        menu = session.get(Menu, self.menu_id) if session else None
        parent = session.get(MenuItem, self.parent_id) if session and self.parent_id else None
        where = f" au menu « {menu.name} »" if menu else ""
        under = f", sous « {parent.label} »" if parent else ""
        kind = MENU_ITEM_KINDS.get(self.kind, self.kind)
        return f"Élément de menu « {self.label} » ({kind}) ajouté{where}{under}"


class MenuLocation(Base):
    """Which menu a location of the theme shows (primary, off_canvas, footer, social)."""

    __tablename__ = "menu_location"
    __activity__ = {"label": "Emplacement de menu", "title": "location"}

    location: Mapped[str] = mapped_column(String(20), primary_key=True)
    menu_id: Mapped[int | None] = mapped_column(
        ForeignKey("menu.id", ondelete="SET NULL"), info={"label": "menu"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Emplacement « Menu hors-champ (latéral) » : menu « Menu mobile » »."""
        session = object_session(self)
        menu = session.get(Menu, self.menu_id) if session and self.menu_id else None
        shown = f"menu « {menu.name} »" if menu else "aucun menu"
        return f"Emplacement « {MENU_LOCATIONS.get(self.location, self.location)} » : {shown}"


class Widget(Base):
    """A widget of the footer or of the sidebar; config holds its options (title, number, text…)."""

    __tablename__ = "widget"
    __activity__ = {"label": "Widget", "title": "kind"}

    id: Mapped[int] = mapped_column(primary_key=True)
    area: Mapped[str] = mapped_column(String(10), info={"label": "zone"})
    kind: Mapped[str] = mapped_column(String(20), info={"label": "type"})
    title: Mapped[str] = mapped_column(String(120), default="", info={"label": "titre"})
    config: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict, info={"label": "réglages"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "ordre"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Widget « Articles récents – À lire aussi » (Pied de page) ajouté »."""
        name = WIDGET_TYPES.get(self.kind, self.kind) + (f" – {self.title}" if self.title else "")
        head = f"Widget « {name} » ({WIDGET_AREAS.get(self.area, self.area)})"
        from sqlalchemy.orm import object_session

        from sandbox.content.widget_summary import config_change, config_facts

        if action in ("create", "delete"):
            config = self.config or {}
            facts = config_facts(self.kind, config, object_session(self)) if action == "create" else ""
            return f"{head} {'ajouté' if action == 'create' else 'retiré'}" + (f" — {facts}" if facts else "")
        from sandbox.activity.summaries import describe_changes

        special = {"config": lambda old, new: config_change(old, new, object_session(self))}
        return f"{head} : {describe_changes(self, changes, special)}"


class Popup(Base):
    """A pop-up (modal) or an info bar with its display rules."""

    __tablename__ = "popup"
    __activity__ = {"label": "Fenêtre surgissante", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    kind: Mapped[str] = mapped_column(String(10), default="modal", info={"label": "type"})
    title: Mapped[str] = mapped_column(String(200), default="", info={"label": "titre affiché"})
    body: Mapped[str] = mapped_column(Text, default="", info={"label": "contenu"})
    button_label: Mapped[str] = mapped_column(String(80), default="", info={"label": "texte du bouton"})
    button_url: Mapped[str] = mapped_column(String(500), default="", info={"label": "lien du bouton"})
    active: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "active"})
    # "all", "home" or a list of page/post ids written "12,14".
    pages: Mapped[str] = mapped_column(String(200), default="all", info={"label": "pages"})
    delay_seconds: Mapped[int] = mapped_column(Integer, default=0, info={"label": "délai (secondes)"})
    frequency: Mapped[str] = mapped_column(String(10), default="session", info={"label": "fréquence"})
    starts_on: Mapped[date | None] = mapped_column(Date, info={"label": "début"})
    ends_on: Mapped[date | None] = mapped_column(Date, info={"label": "fin"})
