"""Shop back office: dashboard, catalogue, stock, orders, customers."""

from flask import Blueprint

bp = Blueprint("shop_admin", __name__, url_prefix="/boutique/admin")

from sandbox.web.shop_admin import views  # noqa: E402, F401
