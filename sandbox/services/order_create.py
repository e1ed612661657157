"""Orders entered from the back office (« Commandes › Ajouter une commande »), for any customer.

Nothing is computed here: the employee's choices go into a cart, and the cart is ordered through the same
services as on the public shop (cart, pricing, checkout), so prices, stock and totals are the shop's own.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Address, Carrier, Customer, Employee, Order, OrderState
from sandbox.services import ServiceError
from sandbox.services.cart import add_to_cart, new_cart
from sandbox.services.checkout import place_order
from sandbox.services.customer_service import message_about_order
from sandbox.services.customers import normalize_email, register, save_address
from sandbox.services.order_search import customer_email, resolve_item, unavailable_reason
from sandbox.services.order_status import change_order_state


@dataclass
class NewOrder:
    """What the employee typed: the customer (found by e-mail, or created), an address, lines and options."""

    email: str
    first_name: str = ""
    last_name: str = ""
    address: dict[str, str] = field(default_factory=dict)
    address_id: int | None = None
    lines: list[tuple[str, int | None]] = field(default_factory=list)
    carrier_id: int | None = None
    payment: str = ""
    message: str = ""
    state_id: int | None = None


def _customer(db: Session, data: NewOrder) -> Customer:
    email = normalize_email(customer_email(data.email))
    if not email:
        raise ServiceError("Recherchez le client par son nom, ou indiquez son adresse e-mail.", "email")
    customer = db.scalar(
        select(Customer)
        .where(func.lower(Customer.email) == email)
        .order_by(Customer.is_guest, Customer.id)
        .limit(1)
    )
    if customer is not None:
        return customer
    if not data.first_name.strip() or not data.last_name.strip():
        raise ServiceError(
            "Aucun client n'a cette adresse e-mail : indiquez le prénom et le nom pour créer le compte.",
            "first_name",
        )
    return register(
        db,
        gender="",
        first_name=data.first_name,
        last_name=data.last_name,
        email=email,
        password=secrets.token_urlsafe(12),
    )


def _address(db: Session, customer: Customer, data: NewOrder) -> Address:
    if data.address_id:
        address = db.get(Address, data.address_id)
        if address is None or address.customer_id != customer.id or address.deleted:
            raise ServiceError("Choisissez une adresse de ce client.", "address_id")
        return address
    if any((v or "").strip() for v in data.address.values()):
        values = {"first_name": customer.first_name, "last_name": customer.last_name, **data.address}
        return save_address(db, customer, None, values)
    existing = next((a for a in customer.addresses if not a.deleted), None)
    if existing is None:
        raise ServiceError("Ce client n'a pas d'adresse : saisissez l'adresse de livraison.", "address1")
    return existing


def create_order(db: Session, employee: Employee, data: NewOrder) -> Order:
    """Create the order in one go (customer, address, cart, order, message); any refusal leaves nothing."""
    customer = _customer(db, data)
    address = _address(db, customer, data)
    wanted = [(ref.strip(), qty) for ref, qty in data.lines if (ref or "").strip()]
    if not wanted:
        raise ServiceError("Ajoutez au moins un produit (référence et quantité).", "line-0")
    cart = new_cart(db, customer)
    for index, (typed, quantity) in enumerate(wanted):
        try:
            product, combination = resolve_item(db, typed)
            reason = unavailable_reason(db, product, combination)
            if reason:
                raise ServiceError(f"{reason} : il ne peut pas être commandé.")
            add_to_cart(db, cart, product, combination, quantity or 0)
        except ServiceError as error:
            # Name the line only when the message doesn't already (« « X » : « X » a des déclinaisons… »).
            message = error.message if f"« {typed} »" in error.message else f"« {typed} » : {error.message}"
            raise ServiceError(message, f"line-{index}") from None
    carrier = db.get(Carrier, data.carrier_id) if data.carrier_id else None
    order = place_order(db, cart, customer, address, carrier, data.payment, employee_id=employee.id)
    if data.state_id and data.state_id != order.state_id:
        if db.get(OrderState, data.state_id) is None:
            raise ServiceError("Choisissez un état de commande proposé.", "state_id")
        change_order_state(db, order, data.state_id, employee.id)
    if (data.message or "").strip():
        message_about_order(db, order, employee, data.message, f"Votre commande {order.reference}")
    db.flush()
    return order
