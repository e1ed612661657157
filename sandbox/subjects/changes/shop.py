"""Change types of the boutique: an order state, a return, SAV threads and replies, product comments."""

from __future__ import annotations

from sandbox.models import (
    CustomerMessage,
    CustomerThread,
    Order,
    OrderHistory,
    ProductComment,
    ReturnLine,
    ReturnRequest,
)
from sandbox.subjects.changes import ChangeContext, ChangeFailure, change
from sandbox.subjects.labels import RETURN_STATES, THREAD_STATUSES
from sandbox.subjects.params import Param, ref, text

WHEN = Param("date", '"today-1" (date relative au jour de l\'épreuve)', False, "today")


@change(
    "order.set_state",
    label="Commande passée à un état",
    produces="Order",
    params={
        "order": ref("order", '"LNXQZMBPA" (référence d\'une commande)'),
        "state": ref("state", '"delivered" (code de l\'état de commande)'),
        "at": WHEN,
    },
)
def set_order_state(ctx: ChangeContext, p: dict) -> Order:
    """Move an order to a state (with its history row) at a moment relative to the exam day."""
    order = ctx.get("order", "order", p["order"])
    state = ctx.get("state", "state", p["state"])
    when = ctx.at(p["at"])
    if when < order.created_at:
        raise ChangeFailure(
            "at", "cette date précède la création de la commande", "choisissez une date plus récente"
        )
    order.state_id = state.id
    if state.paid and not order.total_paid_ttc:
        order.total_paid_ttc = order.total_ttc
    ctx.db.add(OrderHistory(order_id=order.id, state_id=state.id, employee_id=None, created_at=when))
    return order


@change(
    "return.create",
    label="Retour produit",
    produces="ReturnRequest",
    params={
        "order": ref("order", '"@livree" ou la référence d\'une commande'),
        "state": Param("choice", "l'état du retour", False, "received", choices=tuple(RETURN_STATES)),
        "reason": text('"Taille trop petite pour mon matelas." (motif du client)'),
        "product": ref("product", "la référence du produit retourné (facultatif : tous les produits)", False),
        "quantity": Param("int", "la quantité retournée (facultatif : toute la ligne)", False, minimum=1),
        "at": WHEN,
    },
)
def create_return(ctx: ChangeContext, p: dict) -> ReturnRequest:
    """A return request on an order, for one product or all of them, in a given state."""
    order = ctx.get("order", "order", p["order"])
    if not order.state.shipped:
        raise ChangeFailure(
            "order",
            f"la commande {order.reference} n'a pas été expédiée",
            "choisissez une commande livrée, ou passez-la d'abord à l'état « delivered »",
        )
    lines = order.lines
    if "product" in p:
        product = ctx.get("product", "product", p["product"])
        lines = [line for line in lines if line.product_id == product.id]
        if not lines:
            raise ChangeFailure(
                "product",
                f"la commande {order.reference} ne contient pas ce produit",
                "choisissez un produit de la commande",
            )
    request = ReturnRequest(
        order_id=order.id,
        customer_id=order.customer_id,
        state=p["state"],
        reason=p["reason"],
        created_at=ctx.at(p["at"]),
    )
    for line in lines:
        wanted = min(p.get("quantity", line.quantity), line.quantity)
        request.lines.append(ReturnLine(order_line_id=line.id, quantity=wanted))
        if p["state"] in ("received", "completed"):  # as the context seeds them: the goods are back
            line.quantity_returned = wanted
            line.quantity_refunded = wanted if p["state"] == "completed" else line.quantity_refunded
    ctx.db.add(request)
    return request


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
        "at": WHEN,
    },
)
def reply(ctx: ChangeContext, p: dict) -> CustomerThread:
    """An employee's message in a thread created earlier (already answered threads, internal notes)."""
    thread = ctx.get("thread", "thread", p["thread"])
    thread.messages.append(
        CustomerMessage(body=p["message"], employee_id=2, private=p["private"], created_at=ctx.at(p["at"]))
    )
    return thread
