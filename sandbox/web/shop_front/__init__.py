"""Public boutique: home, categories, product pages, search, cart, checkout, customer account."""

from flask import Blueprint

bp = Blueprint("shop_front", __name__, url_prefix="/boutique")

from sandbox.web.shop_front import views  # noqa: E402, F401
