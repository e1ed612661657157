"""What every shop page shows around its content: identity, cart, logged-in customer (menu: pages.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import g
from sqlalchemy import func, select

from sandbox.models import Cart, CartLine, Media, get_setting
from sandbox.services import cart as carts
from sandbox.services.availability import backorder_note
from sandbox.services.pricing import displays_ht, shows_prices
from sandbox.services.shop_contact import contact_details
from sandbox.web.context import login_id, seat_value, set_seat_value
from sandbox.web.seat_memo import seat_memo
from sandbox.web.shop_front import bp
from sandbox.web.shop_front.listing import media_url

FEATURES = ["B-NAV-1"]  # feature ids of this screen (coverage report)

ROOT_CATEGORY_ID = 1


def media_setting(key: str) -> Media | None:
    """The media item whose id a setting holds (shop.logo_media_id, shop.icon_media_id…)."""
    value = get_setting(g.db, key)
    return g.db.get(Media, int(value)) if value.isdigit() else None


def logo() -> Media | None:
    """The company logo from the media library (setting shop.logo_media_id, else a file named logo*)."""
    if (media := media_setting("shop.logo_media_id")) is not None:
        return media
    return g.db.scalar(
        select(Media)
        .where(Media.filename.like("logo%"), Media.mime.like("image/%"))
        .order_by(Media.id)
        .limit(1)
    )


def current_cart(create: bool = False) -> Cart | None:
    """The visitor's open cart (created on demand); its token is kept per seat in the session."""
    cart = carts.find_cart(g.db, seat_value("cart"))
    customer = g.get("customer")
    if cart is not None and customer is not None and cart.customer_id not in (None, customer.id):
        cart = None  # a cart left by another customer on this browser is not ours
    if cart is None and create:
        cart = carts.new_cart(g.db, customer)
        set_seat_value("cart", cart.token)
    return cart


def remember_cart(cart: Cart | None) -> None:
    """Keep (or forget) the cart token for this seat."""
    set_seat_value("cart", cart.token if cart else None)


def safe_next(target: str | None, default: str) -> str:
    """Follow ?next= only inside this seat (no open redirect)."""
    if target and target.startswith(f"/s/{g.seat}/") and not urlsplit(target).netloc:
        return target
    return default


@bp.context_processor
def _chrome() -> dict:
    cart = current_cart()
    count = (
        g.db.scalar(select(func.coalesce(func.sum(CartLine.quantity), 0)).where(CartLine.cart_id == cart.id))
        if cart
        else 0
    )
    return {
        "shop_name": get_setting(g.db, "shop.name") or get_setting(g.db, "company.name") or "Boutique",
        "company_name": get_setting(g.db, "company.name"),
        "logo_url": seat_memo("shop_logo_url", lambda: media_url(logo())),
        "icon_url": seat_memo("shop_icon_url", lambda: media_url(media_setting("shop.icon_media_id"))),
        "cart_count": count,
        # g.get: error pages (a CSRF refusal) are rendered before the blueprint loaded the customer.
        "customer": g.get("customer"),
        # B-NAV-1: an employee logged into this seat's back office gets one click back to it.
        "employee_logged_in": login_id("employee") is not None,
        # B-STK-1: a cart line ordered beyond the stock shows the pre-order message and restock date.
        "backorder_note": lambda item: backorder_note(
            g.db, item.product, item.combination, item.line.quantity
        ),
        "show_ht": displays_ht(g.get("group")),
        "show_prices": shows_prices(g.get("group")),
        "setting": lambda key, default="": get_setting(g.db, key, default),
        "contact": lambda: contact_details(g.db),
    }
