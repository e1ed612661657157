"""The cart of a visitor or a customer, kept in the seat database; the token is in the session."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.db.tx_cache import tx_cached
from sandbox.models import (
    Cart,
    CartLine,
    Combination,
    Customer,
    CustomizationField,
    Product,
)
from sandbox.services import ServiceError
from sandbox.services.availability import check_stock

# Totals live in their own module; re-exported because every screen imports them from here.
from sandbox.services.totals import CartItem, CartTotals, cart_totals  # noqa: E402, F401

MAX_QUANTITY = 999


def find_cart(db: Session, token: str | None) -> Cart | None:
    """The open (not yet ordered) cart of that token."""
    if not token:
        return None
    # Asked by the page, its header and the checkout guard alike: once per transaction.
    return tx_cached(db, ("open_cart", token),
                     lambda: db.scalar(select(Cart).where(Cart.token == token, Cart.order_id.is_(None))))


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
