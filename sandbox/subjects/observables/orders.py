"""Checks on orders (state, an order entered for a customer with a message) and merchandise returns."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select

from sandbox.formatting import format_date, format_datetime, format_money
from sandbox.models import Customer, CustomerMessage, CustomerThread, Order, OrderHistory, OrderState
from sandbox.subjects.dates import resolve_date
from sandbox.subjects.labels import RETURN_STATES
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, opt_int, plural, quote
from sandbox.subjects.params import Param, ref, text


@check(
    "order.state",
    label="État d'une commande",
    params={
        "order": ref("order", '"@livree" ou la référence d\'une commande'),
        "state": Param("text", '"delivered" (code de l\'état attendu)', False),
    },
)
def order_state(ctx: ObserveContext, p: dict) -> Observation:
    """Current state of an order and since when."""
    order = ctx.get("order", p["order"])
    if order is None:
        return Observation(False, f"Commande {quote(p['order'])} introuvable")
    since = ctx.db.scalar(
        select(OrderHistory.created_at)
        .where(OrderHistory.order_id == order.id)
        .order_by(OrderHistory.id.desc())
        .limit(1)
    )
    facts = f"Commande {order.reference} : état « {order.state.name} »"
    if since is not None:
        facts += f" depuis le {format_datetime(since)}"
    misses = []
    if "state" in p and order.state.code != p["state"]:
        wanted = ctx.db.scalar(select(OrderState.name).where(OrderState.code == p["state"])) or p["state"]
        misses.append(f"état « {wanted} »")
    return verdict(facts, misses, compared="state" in p)


def _employee_message(ctx: ObserveContext, order: Order) -> str:
    """The message to the customer of an order entered in the back office (order field or SAV thread)."""
    if order.customer_message.strip():
        return order.customer_message
    body = ctx.db.scalar(
        select(CustomerMessage.body)
        .join(CustomerThread)
        .where(CustomerThread.order_id == order.id, CustomerMessage.private.is_(False))
        .order_by(CustomerMessage.id.desc())
        .limit(1)
    )
    return body or ""


@check(
    "order.created",
    label="Commande saisie pour un client",
    params={
        "customer": ref("customer", '"@client" ou l\'adresse e-mail du client', False),
        "customer_name": text('"Julie Martin" (nom du client)', False, names="Customer"),
        "since": Param("date", '"today" (commande passée depuis ce jour)', False, "today"),
        "products": Param("list", '["PLAID-ARD"] (références des produits attendus)', False),
        "min_lines": opt_int("nombre minimal de lignes de commande"),
        "message": opt_bool("true si un message au client est attendu"),
        "message_contains": Param("text", '"salon" (mot attendu dans le message au client)', False),
        "state": Param("text", '"payment_accepted" (code de l\'état attendu)', False),
    },
    one_of=("customer", "customer_name"),
)
def order_created(ctx: ObserveContext, p: dict) -> Observation:
    """The latest order of a customer since a date: lines, total, state and message to the customer."""
    since = datetime.combine(resolve_date(p["since"], ctx.today), time.min)
    stmt = select(Order).where(Order.created_at >= since).order_by(Order.id.desc())
    if "customer" in p:
        customer = ctx.get("customer", p["customer"])
        if customer is None:
            return Observation(False, f"Client {quote(p['customer'])} introuvable")
        orders = list(ctx.db.scalars(stmt.where(Order.customer_id == customer.id).limit(1)))
        who = f"{customer.first_name} {customer.last_name}"
    else:
        # Names compared folded (accents, capitals) in Python, on every order since the date: no fixed
        # window of the latest orders, which other customers' orders could fill.
        wanted = fold(p["customer_name"])
        names = (
            select(Order.id, Customer.first_name, Customer.last_name)
            .join(Order.customer)
            .where(Order.created_at >= since)
            .order_by(Order.id.desc())
        )
        found = next((i for i, first, last in ctx.db.execute(names) if fold(f"{first} {last}") == wanted),
                     None)
        orders = [ctx.db.get(Order, found)] if found is not None else []
        who = p["customer_name"]
    if not orders:
        return Observation(False, f"Aucune commande pour {who} depuis le {format_date(since)}")
    order = orders[0]
    refs_ = {line.reference for line in order.lines}
    message = _employee_message(ctx, order)
    articles = sum(line.quantity for line in order.lines)
    facts = (
        f"Commande {order.reference} du {format_datetime(order.created_at)} pour {who} : "
        f"{plural(articles, 'article')}, {format_money(order.total_ttc)} TTC, état « {order.state.name} », "
        f"message au client : {quote(message) if message else 'aucun'}"
    )
    misses = [
        f"le produit {r}"
        for r in p.get("products", [])
        if r not in refs_ and not any(line.reference.startswith(r) for line in order.lines)
    ]
    if len(order.lines) < p.get("min_lines", 1):
        misses.append(f"au moins {p.get('min_lines', 1)} ligne(s)")
    if p.get("message") and not message:
        misses.append("un message au client")
    if "message_contains" in p and fold(p["message_contains"]) not in fold(message):
        misses.append(f"{quote(p['message_contains'])} dans le message")
    if "state" in p and order.state.code != p["state"]:
        misses.append(f"état {p['state']}")
    return verdict(facts, misses)


@check(
    "return.state",
    label="État d'un retour produit",
    params={
        "return": ref("return", '"@retour" (retour créé dans changes.toml)'),
        "state": Param("choice", "l'état attendu", False, choices=tuple(RETURN_STATES)),
    },
)
def return_state(ctx: ObserveContext, p: dict) -> Observation:
    """State of a merchandise return request."""
    request = ctx.get("return", p["return"])
    if request is None:
        return Observation(False, f"Retour {quote(p['return'])} introuvable")
    order = ctx.db.get(Order, request.order_id)
    label = RETURN_STATES.get(request.state, request.state)
    facts = f"Retour n° {request.id} (commande {order.reference}) : état « {label} »"
    misses = [f"état « {RETURN_STATES[p['state']]} »"] if "state" in p and request.state != p["state"] else []
    return verdict(facts, misses, compared="state" in p)
