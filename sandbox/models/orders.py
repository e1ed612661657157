"""Carriers, carts, orders, order lines and their status history."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.db.base import Base, Cents, MicroEuros


class Carrier(Base):
    """A carrier with a flat price HT and an optional free-shipping threshold (zones and ranges: issue 4)."""

    __tablename__ = "carrier"
    __activity__ = {"label": "Transporteur", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    delay: Mapped[str] = mapped_column(String(120), default="", info={"label": "délai de livraison"})
    price_ht: Mapped[Decimal] = mapped_column(
        Cents, default=Decimal(0), info={"label": "frais de port HT", "kind": "money"}
    )
    tax_id: Mapped[int] = mapped_column(ForeignKey("tax.id"), info={"label": "règle de taxe"})
    free_above_ttc: Mapped[Decimal | None] = mapped_column(
        Cents, info={"label": "livraison gratuite à partir de", "kind": "money"}
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "actif"})
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Billing (issue 4): "fixed" keeps price_ht; "price"/"weight" read the carrier's ranges per zone.
    shipping_method: Mapped[str] = mapped_column(
        String(8), default="fixed", server_default="fixed", info={"label": "facturation"}
    )
    out_of_range: Mapped[str] = mapped_column(
        String(8), default="highest", server_default="highest", info={"label": "hors tranches"}
    )
    is_free: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0", info={"label": "livraison gratuite"}
    )
    deleted: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0", info={"label": "supprimé"}
    )

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """A carrier kept for past orders but deleted reads as a deletion."""
        if action == "update" and "deleted" in changes and self.deleted:
            return f"Transporteur « {self.name} » supprimé (conservé pour les commandes passées)"
        return None


class OrderState(Base):
    """An order status (En attente du paiement par chèque, Livré…)."""

    __tablename__ = "order_state"
    __activity__ = {"label": "État de commande", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    color: Mapped[str] = mapped_column(String(7), default="#888888")
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    shipped: Mapped[bool] = mapped_column(Boolean, default=False)


class Cart(Base):
    """A cart of a visitor or a customer; kept after ordering to compute abandoned carts."""

    __tablename__ = "cart"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carrier.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))

    lines: Mapped[list[CartLine]] = relationship(order_by="CartLine.id", cascade="all, delete-orphan")


class CartLine(Base):
    """A product (and combination) in a cart, with its customisation text."""

    __tablename__ = "cart_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("cart.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    combination_id: Mapped[int | None] = mapped_column(ForeignKey("combination.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    customization: Mapped[str] = mapped_column(Text, default="")


class Order(Base):
    """A customer order with its totals frozen at the time of ordering."""

    __tablename__ = "orders"
    __activity__ = {"label": "Commande", "gender": "f", "title": "reference"}

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True, info={"label": "référence"})
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True, info={"label": "client"})
    delivery_address_id: Mapped[int] = mapped_column(
        ForeignKey("address.id"), info={"label": "adresse de livraison"}
    )
    invoice_address_id: Mapped[int] = mapped_column(
        ForeignKey("address.id"), info={"label": "adresse de facturation"}
    )
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id"), info={"label": "transporteur"})
    payment: Mapped[str] = mapped_column(String(40), info={"label": "moyen de paiement"})
    state_id: Mapped[int] = mapped_column(ForeignKey("order_state.id"), info={"label": "état"})
    total_products_ht: Mapped[Decimal] = mapped_column(
        Cents, info={"label": "total produits HT", "kind": "money"}
    )
    total_products_ttc: Mapped[Decimal] = mapped_column(
        Cents, info={"label": "total produits TTC", "kind": "money"}
    )
    total_discounts_ttc: Mapped[Decimal] = mapped_column(
        Cents, default=Decimal(0), info={"label": "réductions TTC", "kind": "money"}
    )
    shipping_ht: Mapped[Decimal] = mapped_column(Cents, info={"label": "frais de port HT", "kind": "money"})
    shipping_ttc: Mapped[Decimal] = mapped_column(Cents, info={"label": "frais de port TTC", "kind": "money"})
    total_ht: Mapped[Decimal] = mapped_column(Cents, info={"label": "total HT", "kind": "money"})
    total_ttc: Mapped[Decimal] = mapped_column(Cents, info={"label": "total TTC", "kind": "money"})
    total_paid_ttc: Mapped[Decimal] = mapped_column(
        Cents, default=Decimal(0), info={"label": "montant payé", "kind": "money"}
    )
    customer_message: Mapped[str] = mapped_column(Text, default="", info={"label": "message du client"})
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True, info={"label": "date"})
    created_by_employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))

    customer: Mapped["Customer"] = relationship()  # noqa: F821, UP037
    state: Mapped[OrderState] = relationship()
    carrier: Mapped[Carrier] = relationship()
    delivery_address: Mapped["Address"] = relationship(foreign_keys=[delivery_address_id])  # noqa: F821, UP037
    invoice_address: Mapped["Address"] = relationship(foreign_keys=[invoice_address_id])  # noqa: F821, UP037
    lines: Mapped[list[OrderLine]] = relationship(order_by="OrderLine.id", cascade="all, delete-orphan")
    discount_lines: Mapped[list["CartRuleUse"]] = relationship(  # noqa: F821, UP037
        order_by="CartRuleUse.id", cascade="all, delete-orphan"
    )
    history: Mapped[list[OrderHistory]] = relationship(
        order_by="OrderHistory.id", cascade="all, delete-orphan"
    )


class OrderLine(Base):
    """A product line of an order, with the name and prices at the time of ordering."""

    __tablename__ = "order_line"
    __activity__ = {"label": "Ligne de commande", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"))
    combination_id: Mapped[int | None] = mapped_column(ForeignKey("combination.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(240), info={"label": "produit"})
    reference: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int] = mapped_column(Integer, info={"label": "quantité"})
    unit_price_ht: Mapped[Decimal] = mapped_column(
        MicroEuros, info={"label": "prix unitaire HT", "kind": "money"}
    )
    unit_price_ttc: Mapped[Decimal] = mapped_column(
        Cents, info={"label": "prix unitaire TTC", "kind": "money"}
    )
    tax_rate_bp: Mapped[int] = mapped_column(Integer)
    customization: Mapped[str] = mapped_column(Text, default="", info={"label": "personnalisation"})
    quantity_refunded: Mapped[int] = mapped_column(Integer, default=0)
    quantity_returned: Mapped[int] = mapped_column(Integer, default=0)

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """A new line says how many and at what price: « … créée — quantité 2, 89,91 € TTC l'unité »."""
        if action != "create":
            return None
        from sandbox.formatting import format_money

        return (f"Ligne de commande « {self.name} » créée — quantité {self.quantity}, "
                f"{format_money(self.unit_price_ttc)} TTC l'unité")


class OrderHistory(Base):
    """A status change of an order, with who made it."""

    __tablename__ = "order_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    state_id: Mapped[int] = mapped_column(ForeignKey("order_state.id"))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    state: Mapped[OrderState] = relationship()
