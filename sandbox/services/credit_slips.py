"""Credit slips (avoirs): full and partial refunds of an order, exact to the cent.

A refunded line gives back its unit price TTC × quantity (the price charged) and its HT rounded once;
shipping is refunded whole, once. The order's own totals never change (they are what was invoiced);
what was refunded is the sum of its credit slips, never more than what was paid. When every article and
the shipping are refunded, the order moves to « Remboursé ».
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.formatting import format_money
from sandbox.models import CreditSlip, CreditSlipLine, Order, OrderState
from sandbox.money import to_cents
from sandbox.services import ServiceError
from sandbox.services.order_status import REFUNDED, change_order_state
from sandbox.services.stock import add_to_stock

ZERO = Decimal("0.00")


def refunded_total(db: Session, order: Order) -> Decimal:
    """Total TTC of the credit slips of an order."""
    return (
        db.scalar(
            select(func.coalesce(func.sum(CreditSlip.amount_ttc), 0)).where(CreditSlip.order_id == order.id)
        )
        or ZERO
    )


def shipping_refunded(db: Session, order: Order) -> bool:
    """Whether the shipping of the order was already refunded."""
    return bool(
        db.scalar(
            select(func.count(CreditSlip.id)).where(
                CreditSlip.order_id == order.id, CreditSlip.shipping_ttc > 0
            )
        )
    )


def slips_of(db: Session, order: Order) -> list[CreditSlip]:
    """Credit slips of an order, oldest first."""
    return list(db.scalars(select(CreditSlip).where(CreditSlip.order_id == order.id).order_by(CreditSlip.id)))


def refundable(line) -> int:
    """Quantity of an order line that can still be refunded."""
    return line.quantity - line.quantity_refunded


def issue_credit_slip(
    db: Session,
    order: Order,
    quantities: dict[int, int],
    *,
    shipping: bool = False,
    restock: bool = False,
    employee_id: int | None = None,
    return_id: int | None = None,
) -> CreditSlip:
    """Refund quantities of order lines (by line id) and maybe the shipping; checks everything first."""
    if not order.state.paid or order.total_paid_ttc <= 0:
        raise ServiceError("Cette commande n'a pas été payée : il n'y a rien à rembourser.")
    lines = {line.id: line for line in order.lines}
    wanted: dict[int, int] = {}
    for line_id, quantity in quantities.items():
        line = lines.get(line_id)
        if line is None:
            raise ServiceError("Cette ligne n'appartient pas à la commande.")
        if quantity is None or quantity < 0:
            raise ServiceError(
                f"« {line.name} » : indiquez une quantité positive ou nulle.", f"qty-{line_id}"
            )
        if quantity > refundable(line):
            raise ServiceError(
                f"« {line.name} » : {quantity} demandé(s), mais {refundable(line)} au plus "
                "peuvent encore être remboursés.",
                f"qty-{line_id}",
            )
        if quantity:
            wanted[line_id] = quantity
    if shipping and shipping_refunded(db, order):
        raise ServiceError("Les frais de port de cette commande ont déjà été remboursés.", "shipping")
    shipping = shipping and order.shipping_ttc > 0
    if not wanted and not shipping:
        raise ServiceError("Choisissez au moins un produit à rembourser, ou les frais de port.")
    slip = CreditSlip(
        order_id=order.id,
        order=order,
        return_id=return_id,
        employee_id=employee_id,
        restocked=restock,
        created_at=seat_now(db),
    )
    for line_id, quantity in wanted.items():
        line = lines[line_id]
        slip.lines.append(
            CreditSlipLine(
                order_line_id=line_id,
                quantity=quantity,
                amount_ht=to_cents(line.unit_price_ht * quantity),
                amount_ttc=line.unit_price_ttc * quantity,
            )
        )
    slip.products_ht = sum((x.amount_ht for x in slip.lines), ZERO)
    slip.products_ttc = sum((x.amount_ttc for x in slip.lines), ZERO)
    slip.shipping_ht = order.shipping_ht if shipping else ZERO
    slip.shipping_ttc = order.shipping_ttc if shipping else ZERO
    slip.amount_ht = slip.products_ht + slip.shipping_ht
    slip.amount_ttc = slip.products_ttc + slip.shipping_ttc
    already = refunded_total(db, order)
    if already + slip.amount_ttc > order.total_paid_ttc:
        raise ServiceError(
            f"Le remboursement ({format_money(slip.amount_ttc)}) dépasserait le montant payé "
            f"restant ({format_money(order.total_paid_ttc - already)})."
        )
    for line_id, quantity in wanted.items():
        line = lines[line_id]
        line.quantity_refunded += quantity
        if restock and line.product_id is not None:
            add_to_stock(
                db,
                line.product_id,
                line.combination_id,
                quantity,
                f"Remboursement de la commande {order.reference}",
                employee_id,
                order.id,
            )
    everything = all(refundable(line) == 0 for line in order.lines) and (
        order.shipping_ttc == 0 or shipping or shipping_refunded(db, order)
    )
    slip.partial = not everything
    db.add(slip)
    db.flush()
    if everything and order.state.code != REFUNDED:
        state = db.scalar(select(OrderState).where(OrderState.code == REFUNDED))
        if state is not None:
            change_order_state(db, order, state.id, employee_id)
    return slip


def refund_everything(
    db: Session, order: Order, *, restock: bool = False, employee_id: int | None = None
) -> CreditSlip:
    """A full refund: every article not yet refunded and the shipping."""
    return issue_credit_slip(
        db,
        order,
        {line.id: refundable(line) for line in order.lines},
        shipping=not shipping_refunded(db, order),
        restock=restock,
        employee_id=employee_id,
    )
