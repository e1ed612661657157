"""Which cart lines a cart rule is about: its product selection, and what its reduction applies to.

PrestaShop's « Restreindre la sélection de produits »: the cart must hold at least N products matching
the selection; a product matches when it fits every kind of restriction given (one of the products, in
one of the categories or below it, of one of the brands, with one of the attribute values). The reduction then
applies to the order, one product, the cheapest product (one unit) or the selected products.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from sandbox.models import CartRule
from sandbox.models.promotions import APPLY_CHEAPEST, APPLY_PRODUCT, APPLY_SELECTED, RESTRICTION_KINDS
from sandbox.services import ServiceError
from sandbox.services.group_reductions import categories_with_parents


def _wanted(rule: CartRule) -> dict[str, set[int]]:
    """The restriction's values by kind (products included); empty when the rule has no selection."""
    wanted: dict[str, set[int]] = {}
    if rule.products:
        wanted["product"] = {p.id for p in rule.products}
    for row in rule.restrictions:
        wanted.setdefault(row.kind, set()).add(row.target_id)
    return wanted


def has_selection(rule: CartRule) -> bool:
    """Whether the rule restricts the selection of products."""
    return bool(rule.products or rule.restrictions)


def _matches(db: Session, item, wanted: dict[str, set[int]]) -> bool:
    product = item.product
    if "product" in wanted and product.id not in wanted["product"]:
        return False
    if "brand" in wanted and product.brand_id not in wanted["brand"]:
        return False
    # A category holds its sub-categories' products (this shop files products in the deepest one).
    if "category" in wanted and not categories_with_parents(db, product) & wanted["category"]:
        return False
    if "attribute" in wanted:
        values = {a.id for a in item.combination.attributes} if item.combination is not None else set()
        if not values & wanted["attribute"]:
            return False
    return True


def selected_items(db: Session, rule: CartRule, items: list) -> list:
    """The cart items matching the rule's product selection (every item when it has none)."""
    wanted = _wanted(rule)
    return [i for i in items if _matches(db, i, wanted)] if wanted else list(items)


def selection_text(rule: CartRule) -> str:
    """« catégorie Linge de lit, marque Lin & Nature » or the products' names."""
    parts = [", ".join(p.name for p in rule.products[:3])] if rule.products else []
    by_kind: dict[str, list[str]] = {}
    for row in rule.restrictions:
        by_kind.setdefault(row.kind, []).append(row.target_name())
    for kind, names in by_kind.items():
        parts.append(f"{RESTRICTION_KINDS.get(kind, kind)} {' ou '.join(names)}")
    return " ; ".join(parts)


def check_selection(db: Session, rule: CartRule, items: list) -> None:
    """Refuse a cart without enough products of the rule's selection, saying which ones."""
    if not has_selection(rule):
        return
    count = sum(i.line.quantity for i in selected_items(db, rule, items))
    needed = max(rule.restriction_quantity or 1, 1)
    if count >= needed:
        return
    if needed == 1 and not rule.restrictions:
        names = selection_text(rule)
        raise ServiceError(
            f"Ce code promo demande au moins un de ces produits dans le panier : {names}.", "code"
        )
    raise ServiceError(
        f"Ce code promo demande au moins {needed} produit(s) correspondant à : {selection_text(rule)} "
        f"(votre panier en contient {count}).",
        "code",
    )


def reduced_items(db: Session, rule: CartRule, items: list) -> list[tuple[Decimal, Decimal, int]]:
    """(unit HT, unit TTC, quantity) the reduction applies to, after « exclure les produits en promotion »."""
    kept = [i for i in items if not (rule.exclude_specials and i.promotion)]
    if rule.reduction_apply == APPLY_PRODUCT:
        kept = [i for i in kept if i.product.id == rule.reduction_product_id]
    elif rule.reduction_apply == APPLY_SELECTED:
        kept = selected_items(db, rule, kept)
    elif rule.reduction_apply == APPLY_CHEAPEST:
        # One unit of the cheapest product, as PrestaShop does (ties: the first line).
        cheapest = min(kept, key=lambda i: i.unit_ttc, default=None)
        return [(cheapest.unit_ht, cheapest.unit_ttc, 1)] if cheapest is not None else []
    return [(i.unit_ht, i.unit_ttc, i.line.quantity) for i in kept]


def base_amounts(db: Session, rule: CartRule, items: list) -> tuple[Decimal, Decimal]:
    """Exact HT and TTC totals the rule's reduction applies to."""
    rows = reduced_items(db, rule, items)
    return (
        sum((ht * q for ht, _ttc, q in rows), Decimal(0)),
        sum((ttc * q for _ht, ttc, q in rows), Decimal(0)),
    )


def apply_text(rule: CartRule, product_name: str | None = None) -> str:
    """« sur la commande », « sur le produit le moins cher »… for observables and lists."""
    if rule.reduction_apply == APPLY_PRODUCT:
        return f"sur le produit {product_name or '?'}"
    if rule.reduction_apply == APPLY_CHEAPEST:
        return "sur le produit le moins cher"
    if rule.reduction_apply == APPLY_SELECTED:
        return "sur les produits sélectionnés"
    return "sur la commande"

