"""Checkout: carriers offered, payment methods (simulated cheque and bank transfer) and order placement."""

from __future__ import annotations

import secrets
import string
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.formatting import format_money
from sandbox.models import (
    Address,
    Carrier,
    Cart,
    Combination,
    Customer,
    Order,
    OrderHistory,
    OrderLine,
    OrderState,
    Product,
    StockMovement,
    get_setting,
)
from sandbox.services import ServiceError
from sandbox.services.availability import check_stock
from sandbox.services.cart import cart_totals
from sandbox.services.order_discounts import add_discounts, leave_remainders
from sandbox.services.payment import allowed as payment_allowed
from sandbox.services.shipping import allowed_for_products, carrier_price, zone_of


@dataclass(frozen=True)
class PaymentMethod:
    """A payment module of the shop: its code, the name stored on orders and the state it starts in."""

    code: str
    module: str
    label: str
    choice: str
    state_code: str


PAYMENTS = {
    "cheque": PaymentMethod("cheque", "cheque", "Chèque", "Payer par chèque", "awaiting_cheque"),
    "transfer": PaymentMethod(
        "transfer", "wire", "Virement bancaire", "Payer par virement bancaire", "awaiting_transfer"
    ),
}


def active_carriers(db: Session) -> list[Carrier]:
    """Carriers a customer may choose, in their display order."""
    return list(
        db.scalars(
            select(Carrier)
            .where(Carrier.active.is_(True), Carrier.deleted.is_(False))
            .order_by(Carrier.position, Carrier.id)
        )
    )


def carrier_options(
    db: Session, products_ttc: Decimal, address: Address | None = None, totals=None
) -> list[tuple[Carrier, Decimal, Decimal]]:
    """Each active carrier delivering the address's zone (and allowed for every product), with its cost."""
    zone = zone_of(db, address)
    weight = totals.weight_g if totals is not None else 0
    extra = totals.extra_shipping_ht if totals is not None else Decimal(0)
    product_ids = [i.product.id for i in totals.items] if totals is not None else []
    options = []
    for carrier in active_carriers(db):
        price = carrier_price(db, carrier, products_ttc, zone, weight, extra)
        if price is not None and allowed_for_products(db, carrier, product_ids):
            options.append((carrier, *price))
    return options


def company_address(db: Session) -> str:
    """The company's postal address on one line."""
    parts = [get_setting(db, f"company.{k}") for k in ("address1", "address2")]
    town = f"{get_setting(db, 'company.postcode')} {get_setting(db, 'company.city')}".strip()
    return ", ".join(p for p in [*parts, town] if p)


def payment_details(db: Session) -> dict[str, str]:
    """What the customer needs to pay: cheque payee and address, bank account for the transfer."""
    company = get_setting(db, "company.legal_name") or get_setting(db, "company.name")
    return {
        "cheque_payee": get_setting(db, "payment.cheque.payee") or company,
        "cheque_address": get_setting(db, "payment.cheque.address") or company_address(db),
        "wire_owner": get_setting(db, "payment.wire.owner") or company,
        "wire_bank": get_setting(db, "payment.wire.bank"),
        "wire_iban": get_setting(db, "payment.wire.iban"),
        "wire_bic": get_setting(db, "payment.wire.bic"),
        "wire_details": get_setting(db, "payment.wire.details"),
    }


def available_payments(
    db: Session, group_id: int | None = None, carrier_id: int | None = None
) -> list[PaymentMethod]:
    """Payment modules switched on in the shop, and allowed for that customer group and carrier."""
    return [
        m
        for m in PAYMENTS.values()
        if get_setting(db, f"payment.{m.module}.enabled", "1") != "0"
        and payment_allowed(db, m.module, group_id, carrier_id)
    ]


def new_reference(db: Session) -> str:
    """A fresh order reference: 9 uppercase letters, as PrestaShop makes them."""
    while True:
        reference = "".join(secrets.choice(string.ascii_uppercase) for _ in range(9))
        if db.scalar(select(Order.id).where(Order.reference == reference)) is None:
            return reference


# Paramètres › Commandes: minimum purchase, products TTC before shipping (as PrestaShop counts it).
MINIMUM_SETTING = "orders.minimum_ttc"


def minimum_shortfall(db: Session, products_ttc: Decimal) -> str | None:
    """The French notice when the products total is below the shop's minimum purchase, else None."""
    minimum = Decimal(get_setting(db, MINIMUM_SETTING, "0") or "0")
    if products_ttc >= minimum:
        return None
    return (f"Le montant minimum d'achat est de {format_money(minimum)} TTC (hors frais de port) : "
            f"votre panier fait {format_money(products_ttc)}, ajoutez des articles pour commander.")


def check_minimum(db: Session, products_ttc: Decimal) -> None:
    """Refuse an order whose products total is below the shop's minimum purchase."""
    message = minimum_shortfall(db, products_ttc)
    if message:
        raise ServiceError(message)


def order_from_totals(totals, **fields) -> Order:
    """An order carrying the cart's totals and one line per cart item, frozen as they are now."""
    order = Order(
        total_products_ht=totals.products_ht,
        total_products_ttc=totals.products_ttc,
        total_discounts_ttc=totals.discounts_ttc,
        shipping_ht=totals.shipping_ht,
        shipping_ttc=totals.shipping_ttc,
        total_ht=totals.total_ht,
        total_ttc=totals.total_ttc,
        total_paid_ttc=Decimal("0.00"),
        **fields,
    )
    for item in totals.items:
        order.lines.append(
            OrderLine(
                product_id=item.product.id,
                combination_id=item.line.combination_id,
                name=item.combination.label if item.combination else item.product.name,
                reference=(item.combination.reference if item.combination else "") or item.product.reference,
                quantity=item.line.quantity,
                unit_price_ht=item.unit_ht,
                unit_price_ttc=item.unit_ttc,
                tax_rate_bp=item.product.tax.rate_bp,
                customization=item.line.customization,
            )
        )
    return order


def _check_order(
    db: Session,
    cart: Cart | None,
    customer: Customer,
    address: Address | None,
    carrier: Carrier | None,
    payment: str,
) -> None:
    if cart is None or not cart.lines:
        raise ServiceError("Votre panier est vide : ajoutez un produit avant de commander.")
    if cart.order_id is not None:
        raise ServiceError("Ce panier a déjà été commandé.")
    if not customer.active:
        raise ServiceError("Ce compte client est désactivé : contactez la boutique.")
    if address is None or address.customer_id != customer.id or address.deleted:
        raise ServiceError("Choisissez une de vos adresses de livraison.", "address")
    if carrier is None or not carrier.active:
        raise ServiceError("Choisissez un mode de livraison proposé par la boutique.", "carrier")
    allowed = available_payments(db, customer.default_group_id, carrier.id)
    if payment not in {m.code for m in allowed}:
        raise ServiceError("Choisissez un des moyens de paiement proposés.", "payment")


def _reserve_stock(db: Session, order: Order, wanted: dict[tuple[int, int | None], int]) -> None:
    """Take the ordered quantities out of stock, with one movement per product or combination."""
    for (product_id, combination_id), quantity in wanted.items():
        product = db.get(Product, product_id)
        target = db.get(Combination, combination_id) if combination_id is not None else product
        target.quantity -= quantity
        db.add(
            StockMovement(
                product_id=product_id,
                combination_id=combination_id,
                delta=-quantity,
                reason=f"Commande {order.reference}",
                order_id=order.id,
                created_at=order.created_at,
            )
        )


def place_order(
    db: Session,
    cart: Cart,
    customer: Customer,
    address: Address,
    carrier: Carrier,
    payment: str,
    message: str = "",
    employee_id: int | None = None,
) -> Order:
    """Turn the cart into an order: frozen lines and totals, first status, stock taken out; `employee_id`
    names who entered it from the back office (set at creation, so the console tells no odd update)."""
    _check_order(db, cart, customer, address, carrier, payment)
    method = PAYMENTS[payment]
    totals = cart_totals(db, cart, customer.default_group, carrier, address)
    if not totals.delivers:
        raise ServiceError("Ce transporteur ne livre pas à votre adresse : choisissez-en un autre.",
                           "carrier")
    refused = [i.product.name for i in totals.items if not allowed_for_products(db, carrier, [i.product.id])]
    if refused:  # the product sheet's « Transporteurs disponibles » leaves this carrier out
        raise ServiceError(f"{carrier.name} ne peut pas livrer « {refused[0]} » : choisissez un autre "
                           "transporteur.", "carrier")
    check_minimum(db, totals.products_ttc)
    wanted: dict[tuple[int, int | None], int] = defaultdict(int)
    for item in totals.items:
        if not item.product.active:
            raise ServiceError(f"« {item.product.name} » n'est plus disponible : retirez-le de votre panier.")
        wanted[(item.product.id, item.line.combination_id)] += item.line.quantity
    for discount in totals.gifts:
        combination_id = discount.gift_combination.id if discount.gift_combination else None
        wanted[(discount.gift.id, combination_id)] += 1
    for (product_id, combination_id), quantity in wanted.items():
        combination = db.get(Combination, combination_id) if combination_id else None
        check_stock(db, db.get(Product, product_id), combination, quantity)
    state = db.scalar(select(OrderState).where(OrderState.code == method.state_code))
    if state is None:
        raise ServiceError(f"L'état de commande « {method.state_code} » manque dans cette boutique.")
    now = seat_now(db)
    order = order_from_totals(
        totals,
        reference=new_reference(db),
        customer_id=customer.id,
        delivery_address_id=address.id,
        invoice_address_id=address.id,
        carrier_id=carrier.id,
        payment=method.label,
        state_id=state.id,
        customer_message=(message or "").strip(),
        created_at=now,
        created_by_employee_id=employee_id,
    )
    add_discounts(order, totals, customer)
    order.history.append(OrderHistory(state_id=state.id, created_at=now, employee_id=employee_id))
    db.add(order)
    db.flush()
    _reserve_stock(db, order, wanted)
    leave_remainders(db, order, totals, customer)
    cart.order_id = order.id
    cart.carrier_id = carrier.id
    cart.updated_at = now
    db.flush()
    return order
