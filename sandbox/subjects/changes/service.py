"""Change types of customer service: SAV threads and their replies, product comments (reviews)."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import CustomerMessage, CustomerThread, Employee, ProductComment
from sandbox.seats import CANDIDATE_EMPLOYEE_ID
from sandbox.subjects.changes import WHEN, ChangeContext, ChangeFailure, change
from sandbox.subjects.labels import THREAD_STATUSES
from sandbox.subjects.params import Param, ref, text


@change(
    "thread.create",
    label="Fil SAV d'un client ou d'un visiteur",
    produces="CustomerThread",
    params={
        "customer": ref("customer", "l'adresse e-mail d'un client (facultatif : visiteur)", False),
        "from_email": text('"claire.petit@example.fr" (visiteur)', required=False),
        "subject": text('"Délai de livraison" (objet du message)'),
        "message": text('"Bonjour, …" (texte du message)'),
        "order": ref("order", "la commande concernée (facultatif)", False),
        "product": ref("product", "le produit concerné (facultatif)", False),
        "contact": text('"Service client" ou "Webmaster"', default="Service client"),
        "status": Param("choice", "le statut du fil", False, "open", choices=tuple(THREAD_STATUSES)),
        "at": WHEN,
    },
)
def create_thread(ctx: ChangeContext, p: dict) -> CustomerThread:
    """A customer-service thread with its first message, from a customer or from a visitor."""
    customer = ctx.get("customer", "customer", p["customer"]) if "customer" in p else None
    if customer is None and "from_email" not in p:
        raise ChangeFailure(
            "from_email",
            "ni client ni adresse de visiteur",
            'ajoutez customer = "adresse@client" ou from_email = "adresse@visiteur"',
        )
    order = ctx.get("order", "order", p["order"]) if "order" in p else None
    if order is not None and customer is not None and order.customer_id != customer.id:
        raise ChangeFailure(
            "order",
            f"la commande {order.reference} n'est pas de ce client",
            "choisissez une commande du client",
        )
    product = ctx.get("product", "product", p["product"]) if "product" in p else None
    thread = CustomerThread(
        customer_id=customer.id if customer else None,
        email=customer.email if customer else p["from_email"],
        contact=p["contact"],
        subject=p["subject"],
        order_id=order.id if order else None,
        product_id=product.id if product else None,
        status=p["status"],
        created_at=ctx.at(p["at"]),
    )
    thread.messages.append(CustomerMessage(body=p["message"], created_at=thread.created_at))
    ctx.db.add(thread)
    return thread


@change(
    "product_comment.create",
    label="Avis produit",
    produces="ProductComment",
    params={
        "product": ref("product", "la référence du produit commenté"),
        "customer": ref("customer", "l'adresse e-mail du client auteur (facultatif)", False),
        "author_name": text('"Julie M." (auteur affiché, si pas de client)', required=False),
        "title": text('"Très déçue" (titre de l\'avis)'),
        "body": text('"…" (texte de l\'avis)'),
        "grade": Param("int", "une note de 1 à 5", minimum=1, maximum=5),
        "validated": Param("bool", "true ou false (publié, par défaut false : en attente)", False, False),
        "at": WHEN,
    },
)
def create_product_comment(ctx: ChangeContext, p: dict) -> ProductComment:
    """A customer's review of a product, waiting for moderation unless validated."""
    product = ctx.get("product", "product", p["product"])
    customer = ctx.get("customer", "customer", p["customer"]) if "customer" in p else None
    if customer is None and "author_name" not in p:
        raise ChangeFailure("author_name", "ni client ni nom d'auteur", 'ajoutez author_name = "Julie M."')
    name = p.get("author_name") or f"{customer.first_name} {customer.last_name[:1]}."
    comment = ProductComment(
        product_id=product.id,
        customer_id=customer.id if customer else None,
        author_name=name,
        title=p["title"],
        body=p["body"],
        grade=p["grade"],
        validated=p["validated"],
        created_at=ctx.at(p["at"]),
    )
    ctx.db.add(comment)
    return comment


@change(
    "message.reply",
    label="Réponse d'un employé dans un fil SAV",
    produces="CustomerThread",
    params={
        "thread": ref("thread", '"@sav_client" (fil créé plus haut)'),
        "message": text('"Bonjour, …" (texte de la réponse)'),
        "private": Param("bool", "true ou false (note interne)", False, False),
        "employee": text(
            '"claire.vandamme@lin-et-nature.fr" (employé qui répond, facultatif)', required=False
        ),
        "at": WHEN,
    },
)
def reply(ctx: ChangeContext, p: dict) -> CustomerThread:
    """An employee's message in a thread created earlier (already answered threads, internal notes)."""
    thread = ctx.get("thread", "thread", p["thread"])
    query = select(Employee.id).where(Employee.id != CANDIDATE_EMPLOYEE_ID).order_by(Employee.id).limit(1)
    if "employee" in p:
        query = select(Employee.id).where(Employee.email == p["employee"])
    employee_id = ctx.db.scalar(query)
    if employee_id is None:
        raise ChangeFailure(
            "employee",
            f"aucun employé « {p.get('employee', '')} »",
            "écrivez l'adresse e-mail d'un employé de la boutique",
        )
    thread.messages.append(
        CustomerMessage(
            body=p["message"], employee_id=employee_id, private=p["private"], created_at=ctx.at(p["at"])
        )
    )
    return thread
