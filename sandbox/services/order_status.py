"""Order states changed from the back office, with their history (who, when).

Side effects follow PrestaShop: a state marked « paid » records the payment of the whole order when
nothing was paid yet, and cancelling an order puts its products back in stock (a stock movement per
line, reason « Annulation de la commande <ref> »).
"""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Order, OrderHistory, OrderState
from sandbox.services import ServiceError
from sandbox.services.stock import add_to_stock

CANCELLED = "cancelled"
REFUNDED = "refunded"


def counts_as_sale():
    """SQL condition on OrderState: a valid order (paid, not refunded), as PrestaShop counts sales."""
    return and_(OrderState.paid.is_(True), OrderState.code != REFUNDED)


def is_sale(state: OrderState) -> bool:
    """Python twin of counts_as_sale()."""
    return bool(state.paid) and state.code != REFUNDED


def order_states(db: Session) -> list[OrderState]:
    """Every order state, in id order (the order PrestaShop lists them)."""
    return list(db.scalars(select(OrderState).order_by(OrderState.id)))


def change_order_state(db: Session, order: Order, state_id: int, employee_id: int | None) -> OrderHistory:
    """Move an order to a new state and add a history row signed by the employee."""
    state = db.get(OrderState, state_id)
    if state is None:
        raise ServiceError("Choisissez un nouvel état.", "state_id")
    if state.id == order.state_id:
        raise ServiceError(f"La commande est déjà à l'état « {state.name} ».", "state_id")
    previous = order.state
    order.state_id = state.id
    order.state = state
    if state.paid and not order.total_paid_ttc:
        order.total_paid_ttc = order.total_ttc
    if state.code == CANCELLED and (previous is None or previous.code != CANCELLED):
        for line in order.lines:
            if line.product_id is not None:
                add_to_stock(db, line.product_id, line.combination_id, line.quantity,
                             f"Annulation de la commande {order.reference}", employee_id, order.id)
    history = OrderHistory(order_id=order.id, state_id=state.id, employee_id=employee_id,
                           created_at=seat_now(db))
    order.history.append(history)
    db.flush()
    return history
