"""The one place where the shop computes a price: product or combination, customer group, tax, shipping.

Catalogue price rules, specific prices and cart rules (a later issue) extend ``price_for`` and
``shipping_for``; every screen and the order placement go through them, so a price shown is the
price charged.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from sandbox.models import Carrier, Combination, CustomerGroup, Product, Tax
from sandbox.money import MICRO, to_cents, ttc_from_ht

ZERO = Decimal("0.00")
# The group a visitor who is not logged in belongs to (PrestaShop's « Visiteur »).
VISITOR_GROUP_ID = 1


def apply_group_reduction(price_ht: Decimal, group: CustomerGroup | None) -> Decimal:
    """Price HT minus the group's reduction, kept with 6 decimals like catalogue prices."""
    if group is None or not group.reduction_bp:
        return Decimal(price_ht).quantize(MICRO)
    factor = Decimal(10_000 - group.reduction_bp) / Decimal(10_000)
    return (Decimal(price_ht) * factor).quantize(MICRO, rounding=ROUND_HALF_UP)


def base_price_ht(product: Product, combination: Combination | None = None) -> Decimal:
    """Catalogue price HT of a product, or of one of its combinations (product price + impact)."""
    if combination is None:
        return product.price_ht
    return product.price_ht + combination.price_impact_ht


def price_for(
    product: Product, combination: Combination | None = None, group: CustomerGroup | None = None
) -> tuple[Decimal, Decimal]:
    """Unit price (HT with 6 decimals, TTC to the cent) a customer of that group pays."""
    ht = apply_group_reduction(base_price_ht(product, combination), group)
    return ht, ttc_from_ht(ht, product.tax.rate_bp)


def line_totals(unit_ht: Decimal, unit_ttc: Decimal, quantity: int) -> tuple[Decimal, Decimal]:
    """Totals of a line: HT rounded to the cent once, TTC as unit TTC × quantity (exact)."""
    return to_cents(unit_ht * quantity), unit_ttc * quantity


def displays_ht(group: CustomerGroup | None) -> bool:
    """Whether prices are shown excluding tax to this group (professionals)."""
    return group is not None and group.price_display == "ht"


def shows_prices(group: CustomerGroup | None) -> bool:
    """Whether this group may see prices (and therefore order)."""
    return group is None or group.show_prices


def shipping_for(db: Session, carrier: Carrier, products_ttc: Decimal) -> tuple[Decimal, Decimal]:
    """Shipping cost (HT, TTC) of a carrier for a cart; free at or above the carrier's threshold."""
    if carrier.free_above_ttc is not None and products_ttc >= carrier.free_above_ttc:
        return ZERO, ZERO
    tax = db.get(Tax, carrier.tax_id)
    price_ht = to_cents(carrier.price_ht)
    return price_ht, ttc_from_ht(price_ht, tax.rate_bp if tax else 0)
