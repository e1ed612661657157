"""Customer service (SAV): threads from customers and visitors, replies, status, forwarding, canned replies.

A reply is « sent » by e-mail in the exam world: it is stored as a public message of the thread, which the
customer reads in their account. Private notes stay between employees.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import (
    Customer,
    CustomerMessage,
    CustomerThread,
    Employee,
    Order,
    PredefinedMessage,
    Product,
)
from sandbox.services import ServiceError
from sandbox.services.customers import EMAIL, normalize_email
from sandbox.subjects.labels import THREAD_STATUSES

MAX_MESSAGE = 5000
CONTACTS = ("Service client", "Webmaster")


def _body(text: str, field: str = "body") -> str:
    body = (text or "").replace("\r\n", "\n").strip()
    if not body:
        raise ServiceError("Écrivez le message.", field)
    if len(body) > MAX_MESSAGE:
        raise ServiceError(
            f"Le message est trop long ({len(body)} caractères, {MAX_MESSAGE} au plus).", field
        )
    return body


def reply(
    db: Session, thread: CustomerThread, employee: Employee, text: str, private: bool = False
) -> CustomerMessage:
    """Answer a thread (sent to the customer by e-mail), or add a private note when private."""
    message = CustomerMessage(
        thread_id=thread.id,
        employee_id=employee.id,
        body=_body(text),
        private=private,
        created_at=seat_now(db),
    )
    thread.messages.append(message)
    if not private and thread.status == "open":
        thread.status = "pending"  # answered: waiting for the customer
    db.flush()
    return message


def set_status(db: Session, thread: CustomerThread, status: str) -> None:
    """Change the status of a thread (open, pending, closed)."""
    if status not in THREAD_STATUSES:
        raise ServiceError("Choisissez un statut proposé.", "status")
    if status == thread.status:
        raise ServiceError(f"Le fil est déjà « {THREAD_STATUSES[status]} ».", "status")
    thread.status = status
    db.flush()


def forward(db: Session, thread: CustomerThread, by: Employee, to_id: int | None, note: str = "") -> None:
    """Forward a thread to another employee, with a private note saying so."""
    target = db.get(Employee, to_id) if to_id else None
    if target is None or not target.active:
        raise ServiceError("Choisissez un employé actif à qui transférer le fil.", "employee_id")
    if target.id == thread.employee_id:
        raise ServiceError(f"Le fil est déjà transféré à {target.full_name}.", "employee_id")
    thread.employee_id = target.id
    text = f"Fil transféré à {target.full_name}." + (f"\n{note.strip()}" if (note or "").strip() else "")
    thread.messages.append(
        CustomerMessage(
            thread_id=thread.id,
            employee_id=by.id,
            body=text[:MAX_MESSAGE],
            private=True,
            created_at=seat_now(db),
        )
    )
    db.flush()


def contact(
    db: Session,
    *,
    customer: Customer | None,
    email: str,
    subject: str,
    text: str,
    contact_name: str = "Service client",
    order_reference: str = "",
    product_id: int | None = None,
) -> CustomerThread:
    """The public « Contactez-nous » form: a new thread from a customer or a visitor."""
    email = normalize_email(customer.email if customer else email)
    if not EMAIL.match(email):
        raise ServiceError(
            "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).", "email"
        )
    if contact_name not in CONTACTS:
        raise ServiceError("Choisissez un destinataire.", "contact")
    subject = " ".join((subject or "").split())
    if not subject:
        raise ServiceError("Indiquez l'objet de votre message.", "subject")
    order = None
    if order_reference.strip():
        if customer is None:
            raise ServiceError("Connectez-vous pour écrire au sujet d'une commande.", "order")
        order = db.scalar(
            select(Order).where(
                Order.customer_id == customer.id, Order.reference == order_reference.strip().upper()
            )
        )
        if order is None:
            raise ServiceError("Cette commande n'existe pas dans votre compte.", "order")
    if product_id is not None and db.get(Product, product_id) is None:
        raise ServiceError("Ce produit n'existe pas.", "product")
    now = seat_now(db)
    thread = CustomerThread(
        customer_id=customer.id if customer else None,
        email=email,
        contact=contact_name,
        subject=subject[:200],
        order_id=order.id if order else None,
        product_id=product_id,
        status="open",
        created_at=now,
    )
    thread.messages.append(CustomerMessage(body=_body(text), private=False, created_at=now))
    db.add(thread)
    db.flush()
    return thread


def message_about_order(
    db: Session, order: Order, employee: Employee, text: str, subject: str
) -> CustomerMessage:
    """A message from the shop to the customer about an order (in the order's thread, created if needed)."""
    thread = db.scalar(
        select(CustomerThread)
        .where(CustomerThread.order_id == order.id)
        .order_by(CustomerThread.id.desc())
        .limit(1)
    )
    if thread is None:
        thread = CustomerThread(
            customer_id=order.customer_id,
            email=order.customer.email,
            subject=subject[:200],
            order_id=order.id,
            status="pending",
            created_at=seat_now(db),
        )
        db.add(thread)
        db.flush()
    return reply(db, thread, employee, text)


def public_messages(db: Session, customer: Customer, order: Order) -> list[CustomerMessage]:
    """Messages of the threads of an order a customer may read (private notes left out)."""
    return list(
        db.scalars(
            select(CustomerMessage)
            .join(CustomerThread)
            .where(
                CustomerThread.order_id == order.id,
                CustomerThread.customer_id == customer.id,
                CustomerMessage.private.is_(False),
            )
            .order_by(CustomerMessage.id)
        )
    )


def predefined_messages(db: Session) -> list[PredefinedMessage]:
    """Canned replies, by name."""
    return list(db.scalars(select(PredefinedMessage).order_by(PredefinedMessage.name)))


def save_predefined(
    db: Session, message: PredefinedMessage | None, name: str, text: str
) -> PredefinedMessage:
    """Create or edit a canned reply (names are unique)."""
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("Indiquez le nom du message prédéfini.", "name")
    if len(name) > 120:
        raise ServiceError("Le nom fait 120 caractères au plus.", "name")
    other = db.scalar(select(PredefinedMessage.id).where(func.lower(PredefinedMessage.name) == name.lower()))
    if other is not None and (message is None or other != message.id):
        raise ServiceError(f"Un message prédéfini « {name} » existe déjà.", "name")
    body = _body(text)
    if message is None:
        message = PredefinedMessage(name=name, body=body)
        db.add(message)
    else:
        message.name, message.body = name, body
    db.flush()
    return message


def delete_predefined(db: Session, message: PredefinedMessage) -> None:
    """Delete a canned reply."""
    db.delete(message)
    db.flush()
