"""Public boutique: home, categories, product pages, search, cart, checkout, customer account."""

from flask import Blueprint, g

from sandbox.activity.actor import Actor
from sandbox.models import Customer
from sandbox.services.customers import group_of
from sandbox.web.context import log_out, login_id, sign_changes

bp = Blueprint("shop_front", __name__, url_prefix="/boutique")


@bp.before_request
def _load_customer():
    """Who is shopping: the logged-in customer signs the changes, else the visitor actor stays."""
    g.customer = None
    customer_id = login_id("customer")
    if customer_id is not None:
        customer = g.db.get(Customer, customer_id)
        if customer is None or not customer.active:
            log_out("customer")
        else:
            g.customer = customer
            sign_changes(Actor("customer", customer.id, customer.full_name))
    g.group = group_of(g.db, g.customer)


from sandbox.web.shop_front import (  # noqa: E402, F401
    account,
    cart_views,
    catalog,
    checkout_views,
    chrome,
    pages,
    product,
    promo_views,
    service_views,
)
