"""Merchandise returns: conditions (on/off, time limit, instructions), requests and their states.

States: awaiting → validated → received → completed (credit slip issued), or refused at any step before
completion. A customer asks from their order detail while returns are on, the order was shipped, and the
time limit (in days after shipping) is not over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now, seat_today
from sandbox.models import (
    CreditSlip,
    Customer,
    Order,
    OrderHistory,
    OrderState,
    ReturnLine,
    ReturnRequest,
    get_setting,
    set_setting,
)
from sandbox.services import ServiceError
from sandbox.services.credit_slips import issue_credit_slip
from sandbox.subjects.labels import RETURN_STATES

NEXT_STATES = {
    "awaiting": ("validated", "refused"),
    "validated": ("received", "refused"),
    "received": ("refused",),
    "refused": (),
    "completed": (),
}
MAX_DAYS = 365


@dataclass(frozen=True)
class ReturnSettings:
    """« Paramètres › Commandes › Retours de marchandises »."""

    enabled: bool
    days: int
    instructions: str


def return_settings(db: Session) -> ReturnSettings:
    """Current return conditions of the shop."""
    try:
        days = int(get_setting(db, "returns.days", "14"))
    except ValueError:
        days = 14
    return ReturnSettings(
        get_setting(db, "returns.enabled", "0") == "1", days, get_setting(db, "returns.instructions")
    )


def save_return_settings(db: Session, enabled: bool, days: int | None, instructions: str) -> None:
    """Save the return conditions (time limit between 1 and 365 days)."""
    if days is None or not 1 <= days <= MAX_DAYS:
        raise ServiceError(f"Le délai de retour est un nombre de jours entre 1 et {MAX_DAYS}.", "days")
    if len(instructions or "") > 5000:
        raise ServiceError("Les instructions font 5 000 caractères au plus.", "instructions")
    set_setting(db, "returns.enabled", "1" if enabled else "0")
    set_setting(db, "returns.days", str(days))
    set_setting(db, "returns.instructions", (instructions or "").strip())
    db.flush()


def shipped_on(db: Session, order: Order) -> date | None:
    """The day the order was shipped (its first state marked « shipped »), or None."""
    when = db.scalar(
        select(OrderHistory.created_at)
        .join(OrderState, OrderHistory.state_id == OrderState.id)
        .where(OrderHistory.order_id == order.id, OrderState.shipped.is_(True))
        .order_by(OrderHistory.created_at, OrderHistory.id)
        .limit(1)
    )
    return when.date() if when else None


def returnable(db: Session, order: Order) -> dict[int, int]:
    """Quantity of each order line not yet asked back in a return that was not refused."""
    asked: dict[int, int] = {}
    rows = db.execute(
        select(ReturnLine.order_line_id, ReturnLine.quantity)
        .join(ReturnRequest)
        .where(ReturnRequest.order_id == order.id, ReturnRequest.state != "refused")
    ).all()
    for line_id, quantity in rows:
        asked[line_id] = asked.get(line_id, 0) + quantity
    return {
        line.id: max(0, line.quantity - max(asked.get(line.id, 0), line.quantity_refunded))
        for line in order.lines
    }


def why_not_returnable(db: Session, order: Order) -> str | None:
    """Why the customer cannot ask for a return on this order (None: they can)."""
    settings = return_settings(db)
    if not settings.enabled:
        return "La boutique n'accepte pas les retours de marchandise pour le moment."
    shipped = shipped_on(db, order)
    if shipped is None or not order.state.shipped:
        return "Cette commande n'a pas encore été expédiée : un retour n'est possible qu'après la livraison."
    late = (seat_today(db) - shipped).days
    if late > settings.days:
        return (
            f"Le délai de retour de {settings.days} jours est dépassé pour cette commande "
            f"(expédiée il y a {late} jours)."
        )
    if not any(returnable(db, order).values()):
        return "Tous les articles de cette commande ont déjà fait l'objet d'une demande de retour."
    return None


def request_return(
    db: Session, customer: Customer, order: Order, quantities: dict[int, int], reason: str
) -> ReturnRequest:
    """A customer's return request on some quantities of their order."""
    if order.customer_id != customer.id:
        raise ServiceError("Cette commande n'est pas la vôtre.")
    refusal = why_not_returnable(db, order)
    if refusal:
        raise ServiceError(refusal)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Indiquez le motif du retour.", "reason")
    left = returnable(db, order)
    request = ReturnRequest(
        order_id=order.id,
        customer_id=customer.id,
        state="awaiting",
        reason=reason[:2000],
        created_at=seat_now(db),
    )
    for line in order.lines:
        quantity = quantities.get(line.id) or 0
        if quantity < 0 or quantity > left.get(line.id, 0):
            raise ServiceError(
                f"« {line.name} » : vous pouvez retourner {left.get(line.id, 0)} article(s) au plus.",
                f"qty-{line.id}",
            )
        if quantity:
            request.lines.append(ReturnLine(order_line_id=line.id, quantity=quantity))
    if not request.lines:
        raise ServiceError("Choisissez au moins un article à retourner (quantité).")
    db.add(request)
    db.flush()
    return request


def set_return_state(db: Session, request: ReturnRequest, state: str) -> None:
    """Move a return to its next state; the goods count as returned once received."""
    if state not in NEXT_STATES.get(request.state, ()):
        allowed = ", ".join(f"« {RETURN_STATES[s]} »" for s in NEXT_STATES.get(request.state, ())) or "aucun"
        raise ServiceError(
            f"Un retour « {RETURN_STATES.get(request.state, request.state)} » ne peut pas passer "
            f"à l'état choisi (possible : {allowed}).",
            "state",
        )
    if state == "received":
        _mark_received(db, request)
    request.state = state
    db.flush()


def _mark_received(db: Session, request: ReturnRequest) -> None:
    order = db.get(Order, request.order_id)
    lines = {line.id: line for line in order.lines}
    for item in request.lines:
        line = lines[item.order_line_id]
        line.quantity_returned = min(line.quantity, line.quantity_returned + item.quantity)


def complete_return(
    db: Session, request: ReturnRequest, *, shipping: bool, restock: bool, employee_id: int | None
) -> CreditSlip:
    """Refund a validated or received return with a credit slip of its quantities; the return is completed."""
    if request.state not in ("validated", "received"):
        raise ServiceError("Seul un retour validé ou reçu peut être remboursé.")
    if request.state == "validated":
        _mark_received(db, request)
    order = db.get(Order, request.order_id)
    slip = issue_credit_slip(
        db,
        order,
        {x.order_line_id: x.quantity for x in request.lines},
        shipping=shipping,
        restock=restock,
        employee_id=employee_id,
        return_id=request.id,
    )
    request.state = "completed"
    db.flush()
    return slip
