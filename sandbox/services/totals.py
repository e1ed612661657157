"""Totals of a cart: lines priced for the customer, shipping to the address's zone, cart rules' discounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from sandbox.models import Carrier, Cart, CartLine, Combination, Customer, CustomerGroup, Product
from sandbox.money import to_cents
from sandbox.services.pricing import ZERO, line_totals, price_of


@dataclass
class CartItem:
    """A cart line with its product, combination and prices for the customer's group."""

    line: CartLine
    product: Product
    combination: Combination | None
    unit_ht: Decimal
    unit_ttc: Decimal
    total_ht: Decimal
    total_ttc: Decimal
    promotion: bool = False
    regular_ttc: Decimal = ZERO

    @property
    def options(self) -> str:
        """The chosen attribute values, « 140 x 190, Blanc »."""
        return ", ".join(a.name for a in self.combination.attributes) if self.combination else ""


@dataclass
class CartTotals:
    """Everything a cart page, a checkout step and an order need, computed once."""

    items: list[CartItem] = field(default_factory=list)
    products_ht: Decimal = ZERO
    products_ttc: Decimal = ZERO
    shipping_ht: Decimal = ZERO
    shipping_ttc: Decimal = ZERO
    carrier: Carrier | None = None
    # Cart rules (services.cart_rules): discount lines, gifts, and why an applied code stopped applying.
    discounts: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    weight_g: int = 0
    extra_shipping_ht: Decimal = ZERO  # the products' « frais de port supplémentaires » × quantities
    delivers: bool = True  # False when the chosen carrier does not deliver to the address

    @property
    def discounts_ht(self) -> Decimal:
        """Total of the cart rules' discounts, excluding tax (free shipping included)."""
        return sum((d.amount_ht for d in self.discounts), ZERO)

    @property
    def discounts_ttc(self) -> Decimal:
        """Total of the cart rules' discounts, including tax (free shipping included)."""
        return sum((d.amount_ttc for d in self.discounts), ZERO)

    @property
    def gifts(self) -> list:
        """Discounts that add a free product to the cart."""
        return [d for d in self.discounts if d.gift is not None]

    @property
    def total_ht(self) -> Decimal:
        """Products and shipping minus discounts, excluding tax."""
        return self.products_ht + self.shipping_ht - self.discounts_ht

    @property
    def total_ttc(self) -> Decimal:
        """Products and shipping minus discounts, including tax."""
        return self.products_ttc + self.shipping_ttc - self.discounts_ttc

    @property
    def tax(self) -> Decimal:
        """Total VAT of the cart."""
        return self.total_ttc - self.total_ht

    @property
    def quantity(self) -> int:
        """Number of articles in the cart."""
        return sum(i.line.quantity for i in self.items)


def cart_totals(
    db: Session,
    cart: Cart | None,
    group: CustomerGroup | None,
    carrier: Carrier | None = None,
    address=None,
) -> CartTotals:
    """Prices of every line for the group, shipping to the address's zone, then the cart rules' discounts."""
    from sandbox.services.cart_rules import discounts_for
    from sandbox.services.shipping import carrier_price, zone_of

    totals = CartTotals(carrier=carrier)
    customer_id = cart.customer_id if cart else None
    exact_ht = Decimal(0)  # products HT are rounded once on the sum, as invoices (and seeded orders) do
    for line in cart.lines if cart else []:
        product = db.get(Product, line.product_id)
        combination = db.get(Combination, line.combination_id) if line.combination_id else None
        if product is None or (line.combination_id and combination is None):
            continue  # deleted from the back office meanwhile: nothing left to sell
        price = price_of(db, product, combination, group, customer_id=customer_id, quantity=line.quantity)
        total_ht, total_ttc = line_totals(price.ht, price.ttc, line.quantity)
        totals.items.append(
            CartItem(line, product, combination, price.ht, price.ttc, total_ht, total_ttc,
                     price.promotion, price.regular_ttc)
        )
        exact_ht += price.ht * line.quantity
        totals.products_ttc += total_ttc
        weight = product.weight_g + (combination.weight_impact_g if combination else 0)
        totals.weight_g += weight * line.quantity
        totals.extra_shipping_ht += product.additional_shipping_ht * line.quantity
    totals.products_ht = to_cents(exact_ht)
    if carrier is not None and totals.items:
        price = carrier_price(
            db, carrier, totals.products_ttc, zone_of(db, address), totals.weight_g, totals.extra_shipping_ht
        )
        totals.delivers = price is not None
        totals.shipping_ht, totals.shipping_ttc = price or (ZERO, ZERO)
    if totals.items:
        customer = db.get(Customer, customer_id) if customer_id else None
        totals.discounts, totals.notes = discounts_for(db, cart, totals, customer, group)
    return totals
