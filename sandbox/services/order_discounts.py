"""What cart rules leave on an order: gift lines at 0,00 €, discount lines, and the remainder vouchers."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from sandbox.models import CartRuleUse, Customer, Order, OrderLine
from sandbox.services.cart_rules import remainder_voucher


def add_discounts(order: Order, totals, customer: Customer) -> None:
    """The cart rules' gift lines (at 0,00 €) and discount lines of an order."""
    for discount in totals.gifts:
        gift, combination = discount.gift, discount.gift_combination
        order.lines.append(
            OrderLine(
                product_id=gift.id,
                combination_id=combination.id if combination else None,
                name=f"{combination.label if combination else gift.name} (cadeau)",
                reference=(combination.reference if combination else "") or gift.reference,
                quantity=1,
                unit_price_ht=Decimal(0),
                unit_price_ttc=Decimal(0),
                tax_rate_bp=gift.tax.rate_bp,
            )
        )
    order.discount_lines = [
        CartRuleUse(
            cart_rule_id=d.rule.id,
            customer_id=customer.id,
            name=d.name,
            amount_ht=d.amount_ht,
            amount_ttc=d.amount_ttc,
            free_shipping=d.free_shipping,
        )
        for d in totals.discounts
    ]


def leave_remainders(db: Session, order: Order, totals, customer: Customer) -> None:
    """Partial use: each amount rule larger than what the order could take leaves a voucher for the rest."""
    for discount in totals.discounts:
        remainder_voucher(db, discount, customer, order.reference)
