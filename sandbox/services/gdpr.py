"""GDPR requests of a customer: export of every personal datum, and erasure by anonymisation.

Erasure keeps the orders and their amounts (accounting documents must be kept ten years, Code de
commerce art. L123-22) but removes what identifies the person: names, e-mail, phone, street, birthday,
private note, message texts. Both are recorded as activity events (the export as a « visit » event,
since it changes no row).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.activity.recorder import record_visit
from sandbox.models import (
    Address,
    Cart,
    Customer,
    CustomerMessage,
    CustomerThread,
    Order,
    ProductComment,
)
from sandbox.services import ServiceError

ANONYMOUS = "Anonyme"


def _row(obj: Any, fields: tuple[str, ...]) -> dict:
    return {f: _plain(getattr(obj, f)) for f in fields}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _public_messages(db: Session, thread_id: int) -> list[CustomerMessage]:
    return list(db.scalars(select(CustomerMessage).order_by(CustomerMessage.id).where(
        CustomerMessage.thread_id == thread_id, CustomerMessage.private.is_(False))))


def _comments(db: Session, customer_id: int) -> list[ProductComment]:
    return list(db.scalars(select(ProductComment).where(ProductComment.customer_id == customer_id)
                           .order_by(ProductComment.id)))


def export_customer(db: Session, customer: Customer) -> dict:
    """Every datum the shop holds about a customer, as plain JSON-ready values; recorded as activity."""
    orders = db.scalars(select(Order).where(Order.customer_id == customer.id).order_by(Order.id)).all()
    threads = db.scalars(select(CustomerThread).where(CustomerThread.customer_id == customer.id)
                         .order_by(CustomerThread.id)).all()
    data = {
        "client": _row(customer, ("id", "gender", "first_name", "last_name", "email", "birthday", "company",
                                  "siret", "newsletter", "optin", "active", "note", "created_at"))
        | {"groupe": customer.default_group.name},
        "adresses": [_row(a, ("alias", "first_name", "last_name", "company", "address1", "address2",
                              "postcode", "city", "country", "phone")) for a in customer.addresses],
        "commandes": [
            _row(o, ("reference", "created_at", "payment", "total_ht", "total_ttc", "customer_message"))
            | {"etat": o.state.name,
               "lignes": [_row(li, ("reference", "name", "quantity", "unit_price_ttc")) for li in o.lines]}
            for o in orders
        ],
        "messages": [
            _row(t, ("subject", "email", "status"))
            | {"messages": [_row(m, ("created_at", "body")) for m in _public_messages(db, t.id)]}
            for t in threads
        ],
        "avis": [_row(c, ("title", "body", "grade", "created_at")) for c in _comments(db, customer.id)],
    }
    record_visit(db, f"Export RGPD des données du client « {customer.full_name} »", "Customer",
                 str(customer.id))
    return data


def flatten(data: dict) -> list[tuple[str, str]]:
    """The export as (path, value) pairs for a two-column CSV."""
    pairs: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        elif isinstance(value, list):
            for i, inner in enumerate(value, start=1):
                walk(f"{prefix}[{i}]", inner)
        else:
            pairs.append((prefix, "" if value is None else str(value)))

    walk("", data)
    return pairs


def erase_customer(db: Session, customer: Customer, confirmation: str) -> None:
    """Anonymise a customer (the e-mail must be typed again to confirm); orders keep their amounts."""
    if confirmation.strip().lower() != customer.email.lower():
        raise ServiceError("Recopiez exactement l'adresse e-mail du client pour confirmer l'effacement.",
                           "confirmation")
    if customer.email.endswith("@anonyme.invalid"):
        raise ServiceError("Les données de ce client ont déjà été effacées.", "confirmation")
    record_visit(db, f"Effacement RGPD des données du client « {customer.full_name} »", "Customer",
                 str(customer.id))
    tag = f"{customer.id}"
    customer.first_name, customer.last_name = ANONYMOUS, f"Client {tag}"
    customer.email = f"client-{tag}@anonyme.invalid"
    customer.gender, customer.birthday, customer.company, customer.siret = "", None, "", ""
    customer.password_hash, customer.note = "", ""
    customer.newsletter = customer.optin = customer.active = False
    for address in db.scalars(select(Address).where(Address.customer_id == customer.id)):
        # Postcode, city and country stay: they carry the tax and delivery facts of the invoices.
        address.first_name, address.last_name = ANONYMOUS, f"Client {tag}"
        address.company, address.address1, address.address2, address.phone = "", "Adresse effacée", "", ""
    for order in db.scalars(select(Order).where(Order.customer_id == customer.id)):
        if order.customer_message:
            order.customer_message = ""
    for thread in db.scalars(select(CustomerThread).where(CustomerThread.customer_id == customer.id)):
        thread.email = customer.email
        for message in db.scalars(select(CustomerMessage).where(CustomerMessage.thread_id == thread.id,
                                                                CustomerMessage.employee_id.is_(None))):
            message.body = "Message effacé (demande RGPD)."
    for comment in db.scalars(select(ProductComment).where(ProductComment.customer_id == customer.id)):
        comment.author_name = ANONYMOUS
    for cart in db.scalars(select(Cart).where(Cart.customer_id == customer.id, Cart.order_id.is_(None))):
        cart.customer_id = None
    db.flush()
