"""The cart of a visitor or a customer, kept in the seat database; the token is in the session."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import (
    Carrier,
    Cart,
    CartLine,
    Combination,
    Customer,
    CustomerGroup,
    CustomizationField,
    Product,
)
from sandbox.money import to_cents
from sandbox.services import ServiceError
from sandbox.services.availability import check_stock
from sandbox.services.pricing import ZERO, line_totals, price_of

MAX_QUANTITY = 999


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


def find_cart(db: Session, token: str | None) -> Cart | None:
    """The open (not yet ordered) cart of that token."""
    if not token:
        return None
    return db.scalar(select(Cart).where(Cart.token == token, Cart.order_id.is_(None)))


def new_cart(db: Session, customer: Customer | None = None) -> Cart:
    """Create an empty cart with a fresh token."""
    now = seat_now(db)
    cart = Cart(
        token=secrets.token_urlsafe(24),
        customer_id=customer.id if customer else None,
        created_at=now,
        updated_at=now,
    )
    db.add(cart)
    db.flush()
    return cart


def last_open_cart(db: Session, customer: Customer) -> Cart | None:
    """The customer's most recent cart not yet ordered (restored at login, as PrestaShop does)."""
    return db.scalar(
        select(Cart)
        .where(Cart.customer_id == customer.id, Cart.order_id.is_(None))
        .order_by(Cart.updated_at.desc(), Cart.id.desc())
        .limit(1)
    )


def resolve_combination(product: Product, attribute_ids: set[int]) -> Combination | None:
    """The combination made of exactly these attribute values; the default one when none is chosen."""
    if not product.combinations:
        return None
    if attribute_ids:
        for combination in product.combinations:
            if {a.id for a in combination.attributes} == attribute_ids:
                return combination
        return None
    return next((c for c in product.combinations if c.is_default), product.combinations[0])


def _quantity_in_cart(
    cart: Cart, product_id: int, combination_id: int | None, except_line: int | None = None
) -> int:
    return sum(
        line.quantity
        for line in cart.lines
        if line.product_id == product_id and line.combination_id == combination_id and line.id != except_line
    )


def _check_quantity(quantity: int) -> None:
    if quantity < 1 or quantity > MAX_QUANTITY:
        raise ServiceError(f"Indiquez une quantité entre 1 et {MAX_QUANTITY}.", "quantity")


def customization_text(product: Product, fields: list[CustomizationField], values: dict[int, str]) -> str:
    """The customer's texts as « Libellé : valeur » lines; refuse a required text left empty."""
    lines = []
    for custom in fields:
        if custom.kind != "text":
            continue  # file customisation is not offered by the front yet
        value = (values.get(custom.id) or "").strip()
        if custom.required and not value:
            raise ServiceError(
                f"Le champ « {custom.label} » est obligatoire pour ce produit.", f"custom_{custom.id}"
            )
        if len(value) > 250:
            raise ServiceError(f"« {custom.label} » : 250 caractères au maximum.", f"custom_{custom.id}")
        if value:
            lines.append(f"{custom.label} : {value}")
    return "\n".join(lines)


def add_to_cart(
    db: Session,
    cart: Cart,
    product: Product,
    combination: Combination | None,
    quantity: int,
    customization: str = "",
) -> CartLine:
    """Add a product (or combination) to the cart, merged with an identical line; stock checked."""
    _check_quantity(quantity)
    if not product.active:
        raise ServiceError("Ce produit n'est plus disponible.")
    if product.combinations and combination is None:
        raise ServiceError(
            "Cette déclinaison n'existe pas : choisissez une autre combinaison.", "combination"
        )
    combination_id = combination.id if combination else None
    already = _quantity_in_cart(cart, product.id, combination_id)
    if already + quantity > MAX_QUANTITY:
        raise ServiceError(
            f"Vous ne pouvez pas commander plus de {MAX_QUANTITY} exemplaires de ce produit.", "quantity"
        )
    check_stock(db, product, combination, already + quantity)
    line = next(
        (
            x
            for x in cart.lines
            if x.product_id == product.id
            and x.combination_id == combination_id
            and x.customization == customization
        ),
        None,
    )
    if line is None:
        line = CartLine(
            product_id=product.id,
            combination_id=combination_id,
            quantity=quantity,
            customization=customization,
        )
        cart.lines.append(line)
    else:
        line.quantity += quantity
    cart.updated_at = seat_now(db)
    db.flush()
    return line


def _line(cart: Cart, line_id: int) -> CartLine:
    line = next((x for x in cart.lines if x.id == line_id), None)
    if line is None:
        raise ServiceError("Cet article n'est plus dans votre panier.")
    return line


def set_quantity(db: Session, cart: Cart, line_id: int, quantity: int) -> None:
    """Change the quantity of a cart line (0 removes it); stock checked."""
    line = _line(cart, line_id)
    if quantity == 0:
        remove_line(db, cart, line_id)
        return
    _check_quantity(quantity)
    product = db.get(Product, line.product_id)
    combination = db.get(Combination, line.combination_id) if line.combination_id else None
    other = _quantity_in_cart(cart, line.product_id, line.combination_id, except_line=line.id)
    check_stock(db, product, combination, other + quantity)
    line.quantity = quantity
    cart.updated_at = seat_now(db)
    db.flush()


def remove_line(db: Session, cart: Cart, line_id: int) -> None:
    """Remove a line from the cart."""
    cart.lines.remove(_line(cart, line_id))
    cart.updated_at = seat_now(db)
    db.flush()


def attach_customer(db: Session, cart: Cart, customer: Customer) -> None:
    """Give a visitor's cart to the customer who just logged in or registered."""
    cart.customer_id = customer.id
    cart.updated_at = seat_now(db)
    db.flush()


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
    totals.products_ht = to_cents(exact_ht)
    if carrier is not None and totals.items:
        price = carrier_price(db, carrier, totals.products_ttc, zone_of(db, address), totals.weight_g)
        totals.delivers = price is not None
        totals.shipping_ht, totals.shipping_ttc = price or (ZERO, ZERO)
    if totals.items:
        customer = db.get(Customer, customer_id) if customer_id else None
        totals.discounts, totals.notes = discounts_for(db, cart, totals, customer, group)
    return totals
