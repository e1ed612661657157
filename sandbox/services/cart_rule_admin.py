"""Back-office checks and saving of a cart rule's product selection and of what its reduction applies to."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import (
    Attribute,
    Brand,
    CartRule,
    CartRuleCarrier,
    CartRuleGroup,
    CartRuleProduct,
    CartRuleRestriction,
    Category,
    Product,
)
from sandbox.models.promotions import (
    AMOUNT,
    APPLY_CHEAPEST,
    APPLY_ORDER,
    APPLY_PRODUCT,
    APPLY_SELECTED,
    APPLY_TO,
    RESTRICTION_KINDS,
)
from sandbox.services import ServiceError

MODELS = {"category": Category, "brand": Brand, "attribute": Attribute}


def check_target(db: Session, data, value: Decimal) -> tuple[str, Product | None]:
    """What the reduction applies to (and the product for « Produit spécifique »), refused when impossible."""
    apply_to = data.reduction_apply or APPLY_ORDER
    if apply_to not in APPLY_TO:
        raise ServiceError("Choisissez à quoi s'applique la réduction.", "reduction_apply")
    if not value:
        return APPLY_ORDER, None
    if data.reduction.kind == AMOUNT and apply_to in (APPLY_CHEAPEST, APPLY_SELECTED):
        raise ServiceError(
            "Une réduction en montant s'applique à la commande ou à un produit spécifique : choisissez un "
            "pourcentage pour le produit le moins cher ou les produits sélectionnés.",
            "reduction_apply",
        )
    if apply_to == APPLY_PRODUCT:
        product = db.get(Product, data.reduction_product_id) if data.reduction_product_id else None
        if product is None:
            raise ServiceError("Choisissez le produit qui reçoit la réduction.", "reduction_product_id")
        return apply_to, product
    if apply_to == APPLY_SELECTED and not (data.product_ids or any(data.restrictions.values())):
        raise ServiceError(
            "Pour réduire les produits sélectionnés, restreignez d'abord la sélection de produits "
            "(section Conditions).",
            "reduction_apply",
        )
    return apply_to, None


def sync_restrictions(db: Session, rule: CartRule, wanted: dict[str, list[int]]) -> None:
    """Make the rule's categories, brands and attribute values those wanted; only differences are written."""
    targets = set()
    for kind, ids in wanted.items():
        if kind not in RESTRICTION_KINDS:
            raise ServiceError("Type de restriction inconnu.", "restrictions")
        for ident in ids:
            if db.get(MODELS[kind], ident) is None:
                raise ServiceError(
                    f"Cette {RESTRICTION_KINDS[kind]} n'existe plus : rechargez la page.", f"{kind}_ids"
                )
            targets.add((kind, ident))
    current = {(r.kind, r.target_id): r for r in rule.restrictions}
    for key, row in current.items():
        if key not in targets:
            rule.restrictions.remove(row)
            db.delete(row)  # deleted by name, not as an orphan, so that the activity recorder sees it
    for kind, ident in sorted(targets - set(current)):
        rule.restrictions.append(CartRuleRestriction(kind=kind, target_id=ident))
    db.flush()


# Association rows written as objects (not through the relationships' secondary table) so that the
# activity recorder sees each product, group or carrier added to or removed from a rule's conditions.
LINKS = {"products": (CartRuleProduct, "product_id"), "groups": (CartRuleGroup, "group_id"),
         "carriers": (CartRuleCarrier, "carrier_id")}


def sync_links(db: Session, rule: CartRule, wanted: dict[str, list[int]]) -> None:
    """Make the rule's products, groups and carriers those wanted (ids already checked)."""
    for name, ids in wanted.items():
        model, column = LINKS[name]
        rows = db.scalars(select(model).where(model.cart_rule_id == rule.id))
        current = {getattr(row, column): row for row in rows}
        for ident, row in current.items():
            if ident not in ids:
                db.delete(row)
        for ident in sorted(set(ids) - set(current)):
            db.add(model(cart_rule_id=rule.id, **{column: ident}))
    db.flush()
    db.expire(rule, list(wanted))
