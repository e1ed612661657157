"""Availability of a product or combination: stock, out-of-stock behaviour and what the shop says about it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.formatting import format_date
from sandbox.models import Combination, Product, get_setting
from sandbox.services import ServiceError

# Setting used when a product's out-of-stock behaviour is « default » (PrestaShop's shop-wide preference).
ALLOW_OOS_SETTING = "stock.allow_out_of_stock_orders"


def allows_backorders(db: Session, product: Product) -> bool:
    """Whether the product can be ordered when out of stock (its own setting, else the shop's)."""
    if product.out_of_stock in ("allow", "deny"):
        return product.out_of_stock == "allow"
    return get_setting(db, ALLOW_OOS_SETTING, "0") == "1"


def available_quantity(product: Product, combination: Combination | None) -> int:
    """Physical stock of the product or of the chosen combination."""
    return combination.quantity if combination is not None else product.quantity


@dataclass
class StockStatus:
    """What the product page says about availability, and whether the product can be added."""

    quantity: int
    orderable: bool
    message: str
    in_stock: bool


def stock_status(db: Session, product: Product, combination: Combination | None) -> StockStatus:
    """« En stock », the pre-order message, or « Rupture de stock » when the product denies orders."""
    quantity = available_quantity(product, combination)
    if quantity > 0:
        return StockStatus(quantity, True, product.available_now or "En stock", True)
    allowed = allows_backorders(db, product)
    return StockStatus(quantity, allowed, _later_message(db, product, allowed), False)


def _later_message(db: Session, product: Product, allowed: bool) -> str:
    """The pre-order message (or « Rupture de stock »), with the restock date when it is ahead."""
    message = product.available_later or ("Disponible sur commande" if allowed else "Rupture de stock")
    if product.available_date is not None and product.available_date > seat_now(db).date():
        message += f" (date de disponibilité : {format_date(product.available_date)})"
    return message


def backorder_note(db: Session, product: Product, combination: Combination | None, wanted: int) -> str:
    """What the cart says of a line ordered beyond the stock (the pre-order message), else ""."""
    if wanted <= available_quantity(product, combination):
        return ""
    return _later_message(db, product, allows_backorders(db, product))


def check_stock(db: Session, product: Product, combination: Combination | None, wanted: int) -> None:
    """Refuse a quantity above the stock when the product denies out-of-stock orders."""
    available = available_quantity(product, combination)
    if wanted <= available or allows_backorders(db, product):
        return
    name = combination.label if combination is not None else product.name
    if available <= 0:
        raise ServiceError(f"« {name} » est en rupture de stock : il ne peut pas être commandé.", "quantity")
    raise ServiceError(
        f"Il ne reste que {available} exemplaire(s) de « {name} » en stock : "
        f"choisissez une quantité inférieure ou égale à {available}.",
        "quantity",
    )
