"""After-sales: customer-service threads and messages, product comments, return requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.db.base import Base


class CustomerThread(Base):
    """A customer-service thread, from a customer or a visitor, maybe about an order or a product."""

    __tablename__ = "customer_thread"
    __activity__ = {"label": "Fil SAV", "title": "subject"}

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    email: Mapped[str] = mapped_column(String(160), info={"label": "adresse e-mail"})
    contact: Mapped[str] = mapped_column(String(40), default="Service client", info={"label": "destinataire"})
    subject: Mapped[str] = mapped_column(String(200), info={"label": "objet"})
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    status: Mapped[str] = mapped_column(String(12), default="open", info={"label": "statut"})
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), info={"label": "transféré à"})
    created_at: Mapped[datetime] = mapped_column(DateTime)

    messages: Mapped[list[CustomerMessage]] = relationship(
        order_by="CustomerMessage.id", cascade="all, delete-orphan"
    )

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Fil SAV « Colis abîmé » : statut Ouvert → Fermé » (statuses in French)."""
        from sandbox.subjects.labels import THREAD_STATUSES

        if action == "update" and set(changes) == {"status"}:
            old, new = (THREAD_STATUSES.get(x, x or "(vide)") for x in changes["status"])
            return f"Fil SAV « {self.subject} » : statut « {old} » → « {new} »"
        return None


class CustomerMessage(Base):
    """A message in a thread, from the customer or from an employee."""

    __tablename__ = "customer_message"
    __activity__ = {"label": "Message SAV", "title": "id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("customer_thread.id", ondelete="CASCADE"))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    body: Mapped[str] = mapped_column(Text, info={"label": "message"})
    private: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "privé"})
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ProductComment(Base):
    """A customer's review of a product (grade 1–5), published once validated."""

    __tablename__ = "product_comment"
    __activity__ = {"label": "Avis produit", "title": "title"}

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    author_name: Mapped[str] = mapped_column(String(120), info={"label": "auteur"})
    title: Mapped[str] = mapped_column(String(160), info={"label": "titre"})
    body: Mapped[str] = mapped_column(Text, info={"label": "commentaire"})
    grade: Mapped[int] = mapped_column(Integer, info={"label": "note"})
    validated: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "validé"})
    created_at: Mapped[datetime] = mapped_column(DateTime)
    reply: Mapped[str] = mapped_column(Text, default="", info={"label": "réponse publique"})
    reply_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "date de la réponse"})


class ReturnRequest(Base):
    """A merchandise return request (retour produit) on an order."""

    __tablename__ = "return_request"
    __activity__ = {"label": "Retour produit", "title": "id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    state: Mapped[str] = mapped_column(String(20), default="awaiting", info={"label": "état"})
    reason: Mapped[str] = mapped_column(Text, default="", info={"label": "motif"})
    created_at: Mapped[datetime] = mapped_column(DateTime)

    lines: Mapped[list[ReturnLine]] = relationship(cascade="all, delete-orphan")

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Retour produit n° 12 : état « En attente de confirmation » → « Refusé » » (French states)."""
        from sandbox.subjects.labels import RETURN_STATES

        if action == "update" and set(changes) == {"state"}:
            old, new = (RETURN_STATES.get(x, x or "(vide)") for x in changes["state"])
            return f"Retour produit n° {self.id} : état « {old} » → « {new} »"
        return None


class ReturnLine(Base):
    """A returned quantity of an order line."""

    __tablename__ = "return_line"

    return_id: Mapped[int] = mapped_column(
        ForeignKey("return_request.id", ondelete="CASCADE"), primary_key=True
    )
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer)
