"""After-sales money and words: credit slips (full or partial refunds) and predefined replies."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.db.base import Base, Cents
from sandbox.formatting import format_money


class CreditSlip(Base):
    """A credit slip (avoir): money given back on an order, for products and/or shipping."""

    __tablename__ = "credit_slip"
    __activity__ = {"label": "Avoir", "title": "id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), info={"label": "commande"})
    return_id: Mapped[int | None] = mapped_column(ForeignKey("return_request.id"))
    products_ht: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"kind": "money"})
    products_ttc: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"kind": "money"})
    shipping_ht: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"kind": "money"})
    shipping_ttc: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"kind": "money"})
    amount_ht: Mapped[Decimal] = mapped_column(Cents, info={"label": "montant HT", "kind": "money"})
    amount_ttc: Mapped[Decimal] = mapped_column(Cents, info={"label": "montant TTC", "kind": "money"})
    partial: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "partiel"})
    restocked: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "remis en stock"})
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, info={"label": "date"})

    order: Mapped["Order"] = relationship()  # noqa: F821, UP037
    lines: Mapped[list[CreditSlipLine]] = relationship(
        order_by="CreditSlipLine.id", cascade="all, delete-orphan"
    )

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Avoir n° 3 sur la commande VXHTBNQLE : 49,90 € (partiel) »."""
        if action != "create" or self.order is None:
            return None
        kind = "partiel" if self.partial else "total"
        amount = format_money(self.amount_ttc)
        return f"Avoir n° {self.id} sur la commande {self.order.reference} : {amount} ({kind})"


class CreditSlipLine(Base):
    """A refunded quantity of an order line, with its exact amount."""

    __tablename__ = "credit_slip_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    slip_id: Mapped[int] = mapped_column(ForeignKey("credit_slip.id", ondelete="CASCADE"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    amount_ht: Mapped[Decimal] = mapped_column(Cents)
    amount_ttc: Mapped[Decimal] = mapped_column(Cents)


class PredefinedMessage(Base):
    """A canned reply of customer service (« Messages prédéfinis »)."""

    __tablename__ = "predefined_message"
    __activity__ = {"label": "Message prédéfini", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    body: Mapped[str] = mapped_column(Text, info={"label": "message"})
