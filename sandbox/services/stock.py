"""Stock of products and combinations: every change is a StockMovement with its reason."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Combination, Product, StockMovement
from sandbox.services import ServiceError

DEFAULT_REASON = "Correction d'inventaire"
REASONS = [DEFAULT_REASON, "Réception fournisseur", "Retour client remis en stock", "Produit endommagé",
           "Produit perdu ou volé"]


def record_movement(db: Session, product_id: int, combination_id: int | None, delta: int, reason: str,
                    employee_id: int | None, order_id: int | None = None) -> None:
    """Write the movement of a stock change already applied to the product or combination."""
    db.add(StockMovement(product_id=product_id, combination_id=combination_id, delta=delta,
                         reason=(reason or DEFAULT_REASON).strip()[:120], employee_id=employee_id,
                         order_id=order_id, created_at=seat_now(db)))


def check_quantity(quantity: int, field: str = "quantity") -> None:
    """Refuse a stock quantity that cannot be (negative, absurd)."""
    if quantity < 0:
        raise ServiceError("La quantité ne peut pas être négative.", field)
    if quantity > 1_000_000:
        raise ServiceError("La quantité est trop grande (1 000 000 au plus).", field)


def set_product_quantity(db: Session, product: Product, quantity: int, reason: str = DEFAULT_REASON,
                         employee_id: int | None = None, field: str = "quantity") -> bool:
    """Set the stock of a product without combinations; return whether it changed."""
    if product.combinations:
        raise ServiceError("Ce produit a des déclinaisons : modifiez le stock de chaque déclinaison.", field)
    check_quantity(quantity, field)
    delta = quantity - (product.quantity or 0)
    if delta == 0:
        return False
    product.quantity = quantity
    record_movement(db, product.id, None, delta, reason, employee_id)
    db.flush()
    return True


def set_combination_quantity(db: Session, combination: Combination, quantity: int,
                             reason: str = DEFAULT_REASON, employee_id: int | None = None,
                             field: str = "quantity") -> bool:
    """Set the stock of one combination; return whether it changed."""
    check_quantity(quantity, field)
    delta = quantity - (combination.quantity or 0)
    if delta == 0:
        return False
    combination.quantity = quantity
    record_movement(db, combination.product_id, combination.id, delta, reason, employee_id)
    db.flush()
    return True


def add_to_stock(db: Session, product_id: int, combination_id: int | None, delta: int, reason: str,
                 employee_id: int | None = None, order_id: int | None = None) -> None:
    """Add (or remove, delta < 0) units of a product or combination, e.g. when an order is cancelled."""
    target = db.get(Combination, combination_id) if combination_id else db.get(Product, product_id)
    if target is None or delta == 0:
        return
    if isinstance(target, Product) and target.combinations:
        return  # the line's combination was deleted since: no single stock to give back to
    target.quantity = (target.quantity or 0) + delta
    record_movement(db, product_id, combination_id, delta, reason, employee_id, order_id)
    db.flush()
