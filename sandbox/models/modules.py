"""Shop modules (featured products, carousel, menu, text block, reassurance, sharing) and home positions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.db.base import Base, JSONText
from sandbox.models.module_catalogue import HOME_BLOCKS, describe_module_changes


class Module(Base):
    """A switchable shop module; ``config`` holds its settings (JSON), read via sandbox.services.modules."""

    __tablename__ = "shop_module"
    __activity__ = {"label": "Module", "title": "name"}

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "activé"})
    config: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict, info={"label": "configuration"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Module « Produits phares » : nombre de produits 8 → 4 » (config keys read in French)."""
        if action != "update":
            return None
        return f"Module « {self.name} » : {describe_module_changes(self.code, changes)}"


class CarouselSlide(Base):
    """A slide of the home-page carousel: image from the media library, title, caption, link."""

    __tablename__ = "carousel_slide"
    __activity__ = {"label": "Diapositive du carrousel", "gender": "f", "title": "title"}

    id: Mapped[int] = mapped_column(primary_key=True)
    media_id: Mapped[int] = mapped_column(ForeignKey("media.id"), info={"label": "image"})
    title: Mapped[str] = mapped_column(String(160), info={"label": "titre"})
    caption: Mapped[str] = mapped_column(String(300), default="", info={"label": "légende"})
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("product.id", ondelete="SET NULL"), info={"label": "produit lié"}
    )
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("category.id", ondelete="SET NULL"), info={"label": "catégorie liée"}
    )
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "affichée"})


class ReassuranceItem(Base):
    """An item of the reassurance block (icon and short text: « Livraison offerte dès 60 € »)."""

    __tablename__ = "reassurance_item"
    __activity__ = {"label": "Élément de réassurance", "title": "text"}

    id: Mapped[int] = mapped_column(primary_key=True)
    icon: Mapped[str] = mapped_column(String(20), default="truck", info={"label": "icône"})
    text: Mapped[str] = mapped_column(String(160), info={"label": "texte"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})


class HookPosition(Base):
    """Position of a block in a zone of the shop (hook « home »: order of the home-page blocks)."""

    __tablename__ = "hook_position"
    __activity__ = {"label": "Position de bloc", "gender": "f", "title": "block"}

    hook: Mapped[str] = mapped_column(String(40), primary_key=True)
    block: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Page d'accueil : bloc « Produits phares » en position 1 » (positions are stored × 10)."""
        name = HOME_BLOCKS.get(self.block, (self.block,))[0]
        return f"Page d'accueil : bloc « {name} » en position {self.position // 10}"


class ShopPage(Base):
    """An information page of the shop (CMS: Livraison, Mentions légales, CGV…)."""

    __tablename__ = "shop_page"
    __activity__ = {"label": "Page de la boutique", "gender": "f", "title": "title"}

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160), info={"label": "titre"})
    slug: Mapped[str] = mapped_column(String(180), info={"label": "URL simplifiée"})
    content: Mapped[str] = mapped_column(Text, default="", info={"label": "contenu"})
    meta_title: Mapped[str] = mapped_column(String(200), default="", info={"label": "balise titre"})
    meta_description: Mapped[str] = mapped_column(String(300), default="", info={"label": "méta description"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "affichée"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})


class LinkBlock(Base):
    """A list of links shown in the shop's footer (link widget)."""

    __tablename__ = "link_block"
    __activity__ = {"label": "Bloc de liens", "title": "title"}

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120), info={"label": "titre"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})


class LinkBlockItem(Base):
    """A link of a footer list: a shop page, a category, a product, or a custom URL (kept inside the seat)."""

    __tablename__ = "link_block_item"
    __activity__ = {"label": "Lien du pied de page", "title": "label"}

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("link_block.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10), info={"label": "type"})  # page, category, product, url
    target_id: Mapped[int | None] = mapped_column(Integer, info={"label": "cible"})
    label: Mapped[str] = mapped_column(String(120), info={"label": "libellé"})
    url: Mapped[str] = mapped_column(String(300), default="", info={"label": "adresse"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})


class MainMenuItem(Base):
    """An entry of the shop's main menu (ps_mainmenu): a category (with its sub-categories), a shop page or a
    custom link, in its position. ``label`` keeps the target's name for summaries; the header shows the
    target's current name."""

    __tablename__ = "main_menu_item"
    __activity__ = {"label": "Élément du menu principal", "gender": "m", "title": "label"}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), info={"label": "type"})  # category, page, link
    target_id: Mapped[int | None] = mapped_column(Integer, info={"label": "cible"})
    label: Mapped[str] = mapped_column(String(120), info={"label": "libellé"})
    url: Mapped[str] = mapped_column(String(300), default="", info={"label": "adresse"})
    position: Mapped[int] = mapped_column(Integer, default=0, info={"label": "position"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Menu principal : catégorie « Jardin » ajoutée », « … retirée », « … en position 2 »."""
        noun, feminine = MENU_KINDS.get(self.kind, ("élément", False))
        head = f"Menu principal : {noun} « {self.label} »"
        if action == "create":
            return f"{head} ajouté{'e' if feminine else ''} (position {self.position})"
        if action == "delete":
            return f"{head} retiré{'e' if feminine else ''}"
        if set(changes) == {"position"}:
            return f"{head} déplacé{'e' if feminine else ''} en position {self.position}"
        return None


MENU_KINDS = {"category": ("catégorie", True), "page": ("page", True), "link": ("lien", False)}


class SearchAlias(Base):
    """A search alias: what customers type (« drap ») → the word searched (« draps »)."""

    __tablename__ = "search_alias"
    __activity__ = {"label": "Alias de recherche", "title": "alias"}

    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(80), info={"label": "alias"})
    search: Mapped[str] = mapped_column(String(120), info={"label": "recherche"})
