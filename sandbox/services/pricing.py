"""The one place where the shop computes a price: product or combination, customer group, tax, shipping.

Order of the rules (as PrestaShop): base price (product + combination impact), replaced by a fixed
specific price if any, minus the best specific price reduction — or, when no specific price applies,
the best catalogue price rule —, minus the customer group's reduction (its « réduction par catégorie »
when the product is in that category or below it: services.group_reductions). Every screen and the order
placement go through ``price_of``/``price_for``, so a price shown is the price charged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from sandbox.db.tx_cache import tx_cached
from sandbox.models import (
    Carrier,
    CatalogRule,
    Combination,
    CustomerGroup,
    Product,
    SpecificPrice,
    get_setting,
)
from sandbox.models.promotions import PERCENT
from sandbox.money import MICRO, ht_from_ttc, to_cents, ttc_from_ht
from sandbox.services.group_reductions import group_reduction_bp, product_categories

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
# The group a visitor who is not logged in belongs to (PrestaShop's « Visiteur »).
VISITOR_GROUP_ID = 1


@dataclass(frozen=True)
class Price:
    """A unit price for one customer: HT (6 decimals), TTC (cents), the price before promotion and why."""

    ht: Decimal
    ttc: Decimal
    regular_ht: Decimal
    regular_ttc: Decimal
    reduction_percent: Decimal | None = None  # « -20 % » badge when the promotion is a percentage
    promotion: bool = False  # a specific price or a catalogue rule lowered the price

    @property
    def reduction_ttc(self) -> Decimal:
        """How much less than the regular price the customer pays, TTC."""
        return self.regular_ttc - self.ttc

    @property
    def badge(self) -> str:
        """« -20 % » or « -5,00 € »; empty when there is no reduction."""
        from sandbox.formatting import format_money

        if self.reduction_ttc <= 0:
            return ""
        if self.reduction_percent is not None:
            return f"-{self.reduction_percent.normalize():f}\u00a0%".replace(".", ",")
        return f"-{format_money(self.reduction_ttc)}"


def apply_group_reduction(
    price_ht: Decimal, group: CustomerGroup | None, reduction_bp: int | None = None
) -> Decimal:
    """Price HT minus the group's reduction (or the given one), kept with 6 decimals like catalogue prices."""
    if reduction_bp is None:
        reduction_bp = group.reduction_bp if group is not None else 0
    if group is None or not reduction_bp:
        return Decimal(price_ht).quantize(MICRO)
    factor = Decimal(10_000 - reduction_bp) / Decimal(10_000)
    return (Decimal(price_ht) * factor).quantize(MICRO, rounding=ROUND_HALF_UP)


def base_price_ht(product: Product, combination: Combination | None = None) -> Decimal:
    """Catalogue price HT of a product, or of one of its combinations (product price + impact)."""
    if combination is None:
        return product.price_ht
    return product.price_ht + combination.price_impact_ht


def reduce(price_ht: Decimal, kind: str, value: Decimal, tax_included: bool, rate_bp: int) -> Decimal:
    """A price HT minus a percentage or an amount (typed HT or TTC); never below zero."""
    if kind == PERCENT:
        reduced = Decimal(price_ht) * (HUNDRED - Decimal(value)) / HUNDRED
    else:
        amount_ht = ht_from_ttc(value, rate_bp) if tax_included else Decimal(value)
        reduced = Decimal(price_ht) - amount_ht
    return max(Decimal(0), reduced).quantize(MICRO, rounding=ROUND_HALF_UP)


def in_dates(start: date | None, end: date | None, today: date) -> bool:
    """Whether today is inside the (inclusive, open-ended when empty) period."""
    return (start is None or start <= today) and (end is None or today <= end)


def _by_product(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.product_id, []).append(row)
    return grouped


def _specific_price(db, product, combination, group_id, customer_id, quantity, today) -> SpecificPrice | None:
    # A shop has a handful of specific prices: read them all once per transaction, not once per product.
    # Rows (not ORM objects): the same for every request until the shop changes (shared).
    rows = tx_cached(db, "specific_prices", lambda: _by_product(db.execute(select(SpecificPrice.__table__))),
                     shared=True).get(product.id, [])
    fitting = [
        s
        for s in rows
        if (s.combination_id is None or (combination is not None and s.combination_id == combination.id))
        and (s.group_id is None or s.group_id == group_id)
        and (s.customer_id is None or s.customer_id == customer_id)
        and s.from_quantity <= quantity
        and in_dates(s.date_from, s.date_to, today)
    ]
    # The most precise one wins (customer, then group, then combination), then the highest quantity step.
    fitting.sort(
        key=lambda s: (
            s.customer_id is not None,
            s.group_id is not None,
            s.combination_id is not None,
            s.from_quantity,
            s.id,
        ),
        reverse=True,
    )
    return fitting[0] if fitting else None


def _catalog_rules(db, product, group_id, country_id, quantity, today) -> list[CatalogRule]:
    # Read once per transaction and filtered here: a list of products costs one query, not one each.
    rules = tx_cached(db, "catalog_rules", lambda: db.execute(
        select(CatalogRule.__table__).order_by(CatalogRule.id)).all(), shared=True)
    fitting = [
        r for r in rules
        if (r.brand_id is None or r.brand_id == product.brand_id)
        and (r.group_id is None or r.group_id == group_id)
        and (r.country_id is None or r.country_id == country_id)
        and r.from_quantity <= quantity
        and in_dates(r.date_from, r.date_to, today)
    ]
    if any(r.category_id is not None for r in fitting):
        categories = product_categories(db).get(product.id, set())
        fitting = [r for r in fitting if r.category_id is None or r.category_id in categories]
    return fitting


def default_country_id(db: Session) -> int | None:
    """The shop's own country (catalogue rules by country apply to it before any address is known)."""
    from sandbox.services.shipping import DEFAULT_COUNTRY, country_named

    def load() -> int | None:
        country = country_named(db, get_setting(db, "shop.country") or DEFAULT_COUNTRY)
        return country.id if country is not None else None

    return tx_cached(db, "default_country_id", load, shared=True)


def price_of(
    db: Session,
    product: Product,
    combination: Combination | None = None,
    group: CustomerGroup | None = None,
    *,
    customer_id: int | None = None,
    quantity: int = 1,
    country_id: int | None = None,
    today: date | None = None,
) -> Price:
    """Unit price a customer of that group pays for that quantity today, with the promotion that applies."""
    from sandbox.clock import seat_today

    today = today or seat_today(db)
    if country_id is None:
        country_id = default_country_id(db)
    rate = product.tax.rate_bp
    base = base_price_ht(product, combination)
    group_id = group.id if group is not None else VISITOR_GROUP_ID
    price, percent, promotion = Decimal(base), None, False
    specific = _specific_price(db, product, combination, group_id, customer_id, quantity, today)
    if specific is not None:
        if specific.fixed_price_ht is not None:
            impact = combination.price_impact_ht if combination is not None else Decimal(0)
            price = specific.fixed_price_ht + impact
        price = reduce(
            price, specific.reduction_type, specific.reduction, specific.reduction_tax_included, rate
        )
        if specific.reduction and specific.reduction_type == PERCENT and specific.fixed_price_ht is None:
            percent = specific.reduction
        promotion = price < base
    else:
        rules = _catalog_rules(db, product, group_id, country_id, quantity, today)
        best = min(
            rules,
            key=lambda r: (reduce(base, r.reduction_type, r.reduction, r.reduction_tax_included, rate), r.id),
            default=None,
        )
        if best is not None:
            price = reduce(base, best.reduction_type, best.reduction, best.reduction_tax_included, rate)
            percent = best.reduction if best.reduction_type == PERCENT else None
            promotion = price < base
    ht = apply_group_reduction(price, group, group_reduction_bp(db, group, product))
    return Price(
        ht,
        ttc_from_ht(ht, rate),
        Decimal(base).quantize(MICRO),
        ttc_from_ht(base, rate),
        percent if promotion else None,
        promotion,
    )


def price_for(
    product: Product,
    combination: Combination | None = None,
    group: CustomerGroup | None = None,
    *,
    customer_id: int | None = None,
    quantity: int = 1,
) -> tuple[Decimal, Decimal]:
    """Unit price (HT with 6 decimals, TTC to the cent) a customer of that group pays."""
    db = object_session(product)
    if db is None:  # a detached product (tests): only the group reduction applies
        ht = apply_group_reduction(base_price_ht(product, combination), group)
        return ht, ttc_from_ht(ht, product.tax.rate_bp)
    price = price_of(db, product, combination, group, customer_id=customer_id, quantity=quantity)
    return price.ht, price.ttc


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
    """Shipping cost (HT, TTC) of a carrier for a cart, in the shop's default zone (see services.shipping)."""
    from sandbox.services.shipping import carrier_price

    return carrier_price(db, carrier, products_ttc) or (ZERO, ZERO)
