"""Customers, their groups and their addresses."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from sandbox.db.base import Base


class CustomerGroup(Base):
    """A customer group (Particuliers, Professionnels, CSE…) with its discount and price display."""

    __tablename__ = "customer_group"
    __activity__ = {"label": "Groupe de clients", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    reduction_bp: Mapped[int] = mapped_column(
        Integer, default=0, info={"label": "réduction", "kind": "percent"}
    )
    price_display: Mapped[str] = mapped_column(String(3), default="ttc", info={"label": "affichage des prix"})
    show_prices: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "afficher les prix"})


class GroupCategoryReduction(Base):
    """A group's own reduction on the products of one category (PrestaShop's « Réduction par catégorie »).

    It replaces the group's general reduction for the products of that category and its sub-categories.
    """

    __tablename__ = "group_category_reduction"
    __activity__ = {"label": "Réduction par catégorie", "title": "id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("customer_group.id", ondelete="CASCADE"), info={"label": "groupe"}
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"), info={"label": "catégorie"}
    )
    reduction_bp: Mapped[int] = mapped_column(Integer, info={"label": "réduction", "kind": "percent"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Groupe « Professionnels » : réduction de 10 % sur la catégorie « Linge de lit » ajoutée »."""
        from sandbox.formatting import format_percent
        from sandbox.models import Category

        session = object_session(self)
        group = session.get(CustomerGroup, self.group_id) if session is not None else None
        category = session.get(Category, self.category_id) if session is not None else None
        head = (
            f"Groupe « {group.name if group else self.group_id} » : réduction sur la catégorie "
            f"« {category.name if category else self.category_id} »"
        )
        if action == "update":
            if "reduction_bp" not in changes:
                return None
            old, new = changes["reduction_bp"]
            return f"{head} {format_percent(old or 0)} → {format_percent(new or 0)}"
        word = "ajoutée" if action == "create" else "supprimée"
        return f"{head} de {format_percent(self.reduction_bp)} {word}"


class Customer(Base):
    """A shop customer account."""

    __tablename__ = "customer"
    __activity__ = {"label": "Client", "title": "full_name", "ignore": ["password_hash"]}

    id: Mapped[int] = mapped_column(primary_key=True)
    gender: Mapped[str] = mapped_column(String(4), default="", info={"label": "civilité"})
    first_name: Mapped[str] = mapped_column(String(80), info={"label": "prénom"})
    last_name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    email: Mapped[str] = mapped_column(String(160), unique=True, info={"label": "adresse e-mail"})
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    birthday: Mapped[date | None] = mapped_column(Date, info={"label": "date de naissance"})
    company: Mapped[str] = mapped_column(String(120), default="", info={"label": "société"})
    siret: Mapped[str] = mapped_column(String(14), default="", info={"label": "SIRET"})
    newsletter: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "lettre d'information"})
    optin: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "offres partenaires"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "actif"})
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "invité"})
    default_group_id: Mapped[int] = mapped_column(
        ForeignKey("customer_group.id"), info={"label": "groupe par défaut"}
    )
    note: Mapped[str] = mapped_column(Text, default="", info={"label": "note privée"})
    created_at: Mapped[datetime] = mapped_column(DateTime, info={"label": "date d'inscription"})

    default_group: Mapped[CustomerGroup] = relationship()
    groups: Mapped[list[CustomerGroup]] = relationship(
        secondary="customer_group_member", order_by="CustomerGroup.id"
    )
    addresses: Mapped[list[Address]] = relationship(back_populates="customer", order_by="Address.id")

    @property
    def full_name(self) -> str:
        """First name and last name."""
        return f"{self.first_name} {self.last_name}"


class CustomerGroupMember(Base):
    """Membership of a customer in a group."""

    __tablename__ = "customer_group_member"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("customer_group.id", ondelete="CASCADE"), primary_key=True
    )


class Address(Base):
    """A postal address of a customer."""

    __tablename__ = "address"
    __activity__ = {"label": "Adresse", "gender": "f", "title": "alias"}

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(60), default="Mon adresse", info={"label": "nom de l'adresse"})
    first_name: Mapped[str] = mapped_column(String(80), info={"label": "prénom"})
    last_name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    company: Mapped[str] = mapped_column(String(120), default="", info={"label": "société"})
    address1: Mapped[str] = mapped_column(String(160), info={"label": "adresse"})
    address2: Mapped[str] = mapped_column(String(160), default="", info={"label": "complément d'adresse"})
    postcode: Mapped[str] = mapped_column(String(10), info={"label": "code postal"})
    city: Mapped[str] = mapped_column(String(80), info={"label": "ville"})
    country: Mapped[str] = mapped_column(String(60), default="France", info={"label": "pays"})
    phone: Mapped[str] = mapped_column(String(30), default="", info={"label": "téléphone"})
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="addresses")

    def one_line(self) -> str:
        """The address on one line."""
        return f"{self.address1}, {self.postcode} {self.city}"
