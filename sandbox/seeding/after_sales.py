"""Seeding of issue 4 part 3: profile permissions, predefined replies, credit slips of completed returns."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from sandbox.models import (
    CreditSlip,
    CreditSlipLine,
    Order,
    OrderLine,
    PredefinedMessage,
    Profile,
    ProfilePermission,
    ReturnLine,
    ReturnRequest,
)
from sandbox.money import to_cents
from sandbox.seeding.common import Run
from sandbox.services.permissions import TABS

ALL = ("view", "add", "edit", "delete")
# Realistic rights by profile name (words looked for in the pack's profile names, lower case).
RIGHTS = {
    "administrateur": {tab: ALL for tab in TABS},
    "logisticien": {
        "orders": ("view", "add", "edit"),
        "stock": ("view", "add", "edit"),
        "shipping": ("view",),
    },
    "commercial": {"catalog": ALL, "promotions": ALL, "customers": ("view",), "stats": ("view",)},
    "sav": {"customers": ("view", "add", "edit"), "customer_service": ALL, "orders": ("view",)},
    "traducteur": {"catalog": ("view", "edit")},
}
PREDEFINED = [
    (
        "Remerciement",
        "Bonjour,\n\nMerci pour votre message. Nous revenons vers vous sous 48 heures ouvrées.\n\n"
        "Bien cordialement,\nLe service client Lin & Nature",
    ),
    (
        "Suivi de colis",
        "Bonjour,\n\nVotre commande a été expédiée : vous avez reçu le numéro de suivi par e-mail. "
        "Le délai de livraison est de 2 à 4 jours ouvrés.\n\nBien cordialement,\n"
        "Le service client Lin & Nature",
    ),
    (
        "Retour accepté",
        "Bonjour,\n\nVotre demande de retour est acceptée. Renvoyez l'article neuf et non lavé "
        "dans son emballage d'origine ; le remboursement est fait dès réception du colis.\n\n"
        "Bien cordialement,\nLe service client Lin & Nature",
    ),
    (
        "Entretien du lin",
        "Bonjour,\n\nLe lin lavé se lave à 40 °C, sans adoucissant, et se sèche à l'air libre. "
        "Il s'assouplit à chaque lavage.\n\nBien cordialement,\nLe service client Lin & Nature",
    ),
]


def seed_permissions(run: Run) -> None:
    """Permissions of the seeded profiles (SuperAdmin has every right without rows)."""
    rows = []
    for profile in run.db.scalars(select(Profile).order_by(Profile.id)):
        name = profile.name.lower()
        rights = next((r for word, r in RIGHTS.items() if word in name), {})
        for tab, actions in rights.items():
            rows.append({"profile_id": profile.id, "tab": tab, **{f"can_{a}": a in actions for a in ALL}})
    if rows:
        run.insert(ProfilePermission, rows)


def _all_refunded(run: Run, order_id: int) -> bool:
    """Whether every article of the order is refunded and it had no shipping to refund (a full slip)."""
    order = run.db.get(Order, order_id)
    return order.shipping_ttc == 0 and all(x.quantity_refunded >= x.quantity for x in order.lines)


def seed_after_sales(run: Run) -> None:
    """Predefined replies, and the credit slip of every completed return (so refunded totals are coherent)."""
    run.insert(
        PredefinedMessage,
        [{"id": n, "name": name, "body": body} for n, (name, body) in enumerate(PREDEFINED, start=1)],
    )
    slips, lines = [], []
    completed = run.db.scalars(
        select(ReturnRequest).where(ReturnRequest.state == "completed").order_by(ReturnRequest.id)
    )
    for request in completed:
        items = run.db.execute(
            select(ReturnLine.quantity, OrderLine)
            .join(OrderLine, ReturnLine.order_line_id == OrderLine.id)
            .where(ReturnLine.return_id == request.id)
        ).all()
        slip_id = len(slips) + 1
        ht = ttc = Decimal("0.00")
        for quantity, line in items:
            line_ht, line_ttc = to_cents(line.unit_price_ht * quantity), line.unit_price_ttc * quantity
            ht, ttc = ht + line_ht, ttc + line_ttc
            lines.append(
                {
                    "id": len(lines) + 1,
                    "slip_id": slip_id,
                    "order_line_id": line.id,
                    "quantity": quantity,
                    "amount_ht": line_ht,
                    "amount_ttc": line_ttc,
                }
            )
        slips.append(
            {
                "id": slip_id,
                "order_id": request.order_id,
                "return_id": request.id,
                "products_ht": ht,
                "products_ttc": ttc,
                "shipping_ht": Decimal("0.00"),
                "shipping_ttc": Decimal("0.00"),
                "amount_ht": ht,
                "amount_ttc": ttc,
                "partial": not _all_refunded(run, request.order_id),
                "restocked": False,
                "employee_id": None,
                "created_at": request.created_at,
            }
        )
    if slips:
        run.insert(CreditSlip, slips)
        run.insert(CreditSlipLine, lines)
