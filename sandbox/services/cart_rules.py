"""Cart rules (bons de réduction): a code checked against its conditions, then its actions on the totals.

Conditions are read on the seat clock and checked again every time the totals are computed, so a code
that no longer fits (cart emptied below the minimum, limit reached) stops applying and says why.
Rules apply by priority (1 first), then in creation order; amounts never exceed what is left to pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.formatting import format_date, format_money
from sandbox.models import CartCartRule, CartRule, CartRuleUse, Combination, Customer, CustomerGroup, Product
from sandbox.models.promotions import APPLY_ORDER, PERCENT
from sandbox.money import to_cents
from sandbox.services import ServiceError
from sandbox.services.cart_rule_scope import base_amounts, check_selection

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Discount:
    """What one cart rule gives to a cart: an amount (HT and TTC), free shipping and/or a gift."""

    rule: CartRule
    amount_ht: Decimal
    amount_ttc: Decimal
    free_shipping: bool = False
    gift: Product | None = None
    gift_combination: Combination | None = None
    given: Decimal = ZERO  # the reduction part actually given, in the rule's tax basis (for partial use)

    @property
    def name(self) -> str:
        """Label of the discount line: the rule's name and its code."""
        return f"{self.rule.name} ({self.rule.code})" if self.rule.code else self.rule.name


def find_code(db: Session, code: str) -> CartRule | None:
    """The cart rule with that code (case-insensitive)."""
    code = (code or "").strip()
    if not code:
        return None
    return db.scalar(select(CartRule).where(func.upper(CartRule.code) == code.upper()).order_by(CartRule.id))


def uses(db: Session, rule: CartRule, customer_id: int | None = None) -> int:
    """How many orders used the rule (by that customer when given)."""
    stmt = select(func.count(CartRuleUse.id)).where(CartRuleUse.cart_rule_id == rule.id)
    if customer_id is not None:
        stmt = stmt.where(CartRuleUse.customer_id == customer_id)
    return db.scalar(stmt) or 0


def applied_rules(db: Session, cart) -> list[CartRule]:
    """Rules of the codes applied to a cart, plus active rules without a code, in priority order."""
    ids = (
        set(db.scalars(select(CartCartRule.cart_rule_id).where(CartCartRule.cart_id == cart.id)))
        if cart
        else set()
    )
    automatic = db.scalars(select(CartRule).where(CartRule.code == "", CartRule.active.is_(True))).all()
    rules = [r for r in (db.get(CartRule, i) for i in ids) if r is not None] + list(automatic)
    return sorted({r.id: r for r in rules}.values(), key=lambda r: (r.priority, r.id))


def check_rule(
    db: Session, rule: CartRule, totals, customer: Customer | None, group: CustomerGroup | None
) -> None:
    """Raise a French ServiceError when the cart does not meet one of the rule's conditions."""
    today = seat_today(db)
    if not rule.active:
        raise ServiceError("Ce code promo n'est plus actif.", "code")
    if today < rule.date_from:
        raise ServiceError(
            f"Ce code promo n'est valable qu'à partir du {format_date(rule.date_from)}.", "code"
        )
    if today > rule.date_to:
        raise ServiceError(f"Ce code promo a expiré le {format_date(rule.date_to)}.", "code")
    if rule.customer_id is not None and (customer is None or customer.id != rule.customer_id):
        raise ServiceError(
            "Ce code promo est réservé à un autre client : connectez-vous à votre compte.", "code"
        )
    if uses(db, rule) >= rule.quantity:
        raise ServiceError("Ce code promo a déjà été utilisé autant de fois que prévu.", "code")
    if customer is not None and uses(db, rule, customer.id) >= rule.quantity_per_user:
        raise ServiceError("Vous avez déjà utilisé ce code promo.", "code")
    if rule.groups and (group is None or group.id not in {g.id for g in rule.groups}):
        raise ServiceError("Ce code promo n'est pas valable pour votre groupe de clients.", "code")
    check_selection(db, rule, totals.items)
    if (
        rule.carriers
        and totals.carrier is not None
        and totals.carrier.id not in {c.id for c in rule.carriers}
    ):
        raise ServiceError("Ce code promo n'est pas valable avec ce mode de livraison.", "code")
    if rule.minimum_amount > 0:
        reached = totals.products_ttc if rule.minimum_tax_included else totals.products_ht
        if rule.minimum_shipping_included:
            reached += totals.shipping_ttc if rule.minimum_tax_included else totals.shipping_ht
        if reached < rule.minimum_amount:
            tax = "TTC" if rule.minimum_tax_included else "HT"
            shipping = ", frais de port compris" if rule.minimum_shipping_included else ""
            raise ServiceError(
                f"Ce code promo demande un panier d'au moins {format_money(rule.minimum_amount)} {tax}"
                f"{shipping} (il manque {format_money(rule.minimum_amount - reached)}).",
                "code",
            )


def apply_code(db: Session, cart, code: str, totals, customer: Customer | None, group: CustomerGroup | None):
    """Apply a code to a cart after checking it; the caller commits."""
    if not (code or "").strip():
        raise ServiceError("Saisissez votre code promo.", "code")
    if cart is None or not cart.lines:
        raise ServiceError("Ajoutez un produit au panier avant de saisir un code promo.", "code")
    rule = find_code(db, code)
    if rule is None:
        raise ServiceError(f"Le code promo « {code.strip()} » n'existe pas.", "code")
    if db.get(CartCartRule, (cart.id, rule.id)) is not None:
        raise ServiceError("Ce code promo est déjà appliqué à votre panier.", "code")
    check_rule(db, rule, totals, customer, group)
    db.add(CartCartRule(cart_id=cart.id, cart_rule_id=rule.id))
    db.flush()
    return rule


def highlighted(db: Session, cart) -> list[CartRule]:
    """Rules « mises en avant »: active, valid today, with a code not yet applied to the cart."""
    today = seat_today(db)
    applied = {r.id for r in applied_rules(db, cart)} if cart is not None else set()
    rows = db.scalars(
        select(CartRule)
        .where(
            CartRule.highlight.is_(True),
            CartRule.active.is_(True),
            CartRule.code != "",
            CartRule.customer_id.is_(None),
            CartRule.date_from <= today,
            CartRule.date_to >= today,
        )
        .order_by(CartRule.priority, CartRule.id)
    )
    return [r for r in rows if r.id not in applied and uses(db, r) < r.quantity]


def remainder_voucher(db: Session, discount: Discount, customer: Customer, reference: str) -> CartRule | None:
    """Partial use: an amount larger than the order leaves a new code for the rest, for that customer only."""
    rule = discount.rule
    if rule.reduction_type != "amount" or not rule.partial_use or discount.given >= rule.reduction:
        return None
    code = f"{rule.code or 'AVOIR'}-{reference}"[:40]
    voucher = CartRule(
        name=f"{rule.name} (reliquat de la commande {reference})",
        code=code,
        priority=rule.priority,
        partial_use=True,
        active=True,
        customer_id=customer.id,
        date_from=rule.date_from,
        date_to=rule.date_to,
        minimum_amount=ZERO,
        quantity=1,
        quantity_per_user=1,
        reduction_type="amount",
        reduction=rule.reduction - discount.given,
        reduction_tax_included=rule.reduction_tax_included,
    )
    db.add(voucher)
    return voucher


def remove_code(db: Session, cart, rule_id: int) -> None:
    """Take a code off the cart."""
    link = db.get(CartCartRule, (cart.id, rule_id)) if cart is not None else None
    if link is not None:
        db.delete(link)
        db.flush()


def _share(amount: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    """amount × part / whole to the cent (the HT side of an amount typed TTC, and back)."""
    return to_cents(amount * part / whole) if whole else ZERO


def discounts_for(db: Session, cart, totals, customer: Customer | None, group: CustomerGroup | None):
    """Discounts of the cart's rules still valid, and a French note for each rule that stopped applying."""
    found, notes = [], []
    left_ht, left_ttc = totals.products_ht, totals.products_ttc
    free_shipping_given = False
    for rule in applied_rules(db, cart):
        try:
            check_rule(db, rule, totals, customer, group)
        except ServiceError as error:
            if rule.code:
                notes.append(f"{rule.code} : {error.message}")
            continue
        ht = ttc = ZERO
        if rule.reduction_type == PERCENT and rule.reduction > 0:
            base_ht, base_ttc = base_amounts(db, rule, totals.items)
            ht, ttc = to_cents(base_ht * rule.reduction / 100), to_cents(base_ttc * rule.reduction / 100)
        elif rule.reduction_type == "amount" and rule.reduction > 0:
            # On the order: shared over all products; on a product: at most that product's total.
            whole_ht, whole_ttc = totals.products_ht, totals.products_ttc
            if (rule.reduction_apply or APPLY_ORDER) != APPLY_ORDER:
                exact_ht, whole_ttc = base_amounts(db, rule, totals.items)
                whole_ht = to_cents(exact_ht)
            if rule.reduction_tax_included:
                ttc = min(rule.reduction, whole_ttc)
                ht = _share(ttc, whole_ht, whole_ttc)
            else:
                ht = min(rule.reduction, whole_ht)
                ttc = _share(ht, whole_ttc, whole_ht)
        ht, ttc = min(ht, left_ht), min(ttc, left_ttc)
        left_ht, left_ttc = left_ht - ht, left_ttc - ttc
        free = rule.free_shipping and not free_shipping_given and totals.carrier is not None
        if free:
            ht, ttc = ht + totals.shipping_ht, ttc + totals.shipping_ttc
            free_shipping_given = True
        gift = db.get(Product, rule.gift_product_id) if rule.gift_product_id else None
        combination = db.get(Combination, rule.gift_combination_id) if rule.gift_combination_id else None
        if gift is not None and not gift.active:
            gift = None
        given = ttc if rule.reduction_tax_included else ht
        if free:
            given -= totals.shipping_ttc if rule.reduction_tax_included else totals.shipping_ht
        found.append(Discount(rule, ht, ttc, free, gift, combination if gift else None, given))
    return found, notes
