"""Change types of orders: customers and orders the questions name, order states, merchandise returns."""

from __future__ import annotations

from sandbox.models import Order, OrderHistory, ReturnLine, ReturnRequest
from sandbox.subjects.changes import WHEN, ChangeContext, ChangeFailure, change
from sandbox.subjects.labels import RETURN_STATES
from sandbox.subjects.params import Param, ref, text


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
