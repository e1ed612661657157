"""Checkout: account creation, address, carrier, payment, and the order it places (totals, stock, events)."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlalchemy import select

from sandbox.activity.actor import Actor, act_as
from sandbox.models import (
    ActivityEvent,
    Carrier,
    Combination,
    Customer,
    CustomerGroup,
    Order,
    Product,
    StockMovement,
    Tax,
    set_setting,
)
from sandbox.money import to_cents, ttc_from_ht
from sandbox.services import ServiceError, customers
from sandbox.services import cart as carts
from sandbox.services.checkout import place_order
from sandbox.services.pricing import shipping_for
from tests.integration.test_shop_front import (
    SHOP,
    add_to_cart,
    csrf_from,
    register,
    seat_db,
    simple_product,
    stocked_combination,
    text_of,
)

ADDRESS = {
    "alias": "Maison",
    "first_name": "Léa",
    "last_name": "Martin",
    "address1": "5 rue du Lin",
    "postcode": "59100",
    "city": "Roubaix",
    "country": "France",
    "phone": "0601020304",
}


def paying_carrier(db) -> Carrier:
    """An active carrier that charges something."""
    carrier = db.scalar(
        select(Carrier)
        .where(Carrier.active.is_(True), Carrier.price_ht > 0)
        .order_by(Carrier.position, Carrier.id)
    )
    assert carrier is not None
    return carrier


def post_step(client, path: str, form: dict, expect: int = 302):
    """GET a checkout step, then post its form with the page's CSRF token."""
    page = client.get(f"{SHOP}{path}")
    assert page.status_code == 200, (path, page.status_code, page.headers.get("Location"))
    response = client.post(
        f"{SHOP}{path}", data={"csrf_token": csrf_from(page.get_data(as_text=True)), **form}
    )
    assert response.status_code == expect, text_of(response)[:3000]
    return response


def checkout_as_new_customer(client, carrier_id: int, payment: str = "cheque"):
    """Steps 1 to 4 for a visitor who creates an account on the way; returns the final response."""
    assert client.get(f"{SHOP}/commande").headers["Location"].endswith("/commande/identification")
    post_step(
        client,
        "/commande/identification",
        {
            "gender": "Mme",
            "first_name": "Léa",
            "last_name": "Martin",
            "email": "lea.martin@example.fr",
            "password": "motdepasse1",
        },
    )
    post_step(client, "/commande/adresse", ADDRESS)
    post_step(
        client, "/commande/livraison", {"carrier": str(carrier_id), "message": "Merci de sonner deux fois."}
    )
    return post_step(client, "/commande/paiement", {"payment": payment, "terms": "y"})


def test_browse_add_and_order_by_cheque(seat, data, client):
    with seat_db(data) as db:
        combination = stocked_combination(db)
        product = combination.product
        simple = simple_product(db, minimum=2)
        carrier = paying_carrier(db)
        group = db.get(CustomerGroup, 3)
        assert group.reduction_bp == 0, "the default customer group has no discount"
        unit_comb_ht = product.price_ht + combination.price_impact_ht
        unit_comb = ttc_from_ht(unit_comb_ht, product.tax.rate_bp)
        unit_simple = ttc_from_ht(simple.price_ht, simple.tax.rate_bp)
        products_ttc = unit_comb * 2 + unit_simple
        products_ht = to_cents(unit_comb_ht * 2 + simple.price_ht)
        free = carrier.free_above_ttc is not None and products_ttc >= carrier.free_above_ttc
        shipping_ht = Decimal("0.00") if free else carrier.price_ht
        shipping_ttc = ttc_from_ht(shipping_ht, db.get(Tax, carrier.tax_id).rate_bp)
        stock_before = (combination.quantity, simple.quantity)
        _ = combination.attributes

    assert add_to_cart(client, product, 2, combination).status_code == 302
    assert add_to_cart(client, simple, 1).status_code == 302
    response = checkout_as_new_customer(client, carrier.id)
    reference = re.search(r"/commande/confirmation/([A-Z]{9})$", response.headers["Location"]).group(1)
    page = text_of(client.get(response.headers["Location"]))
    assert "Votre commande est confirmée" in page and reference in page
    assert "En attente du paiement par chèque" in page

    with seat_db(data) as db:
        order = db.scalar(select(Order).where(Order.reference == reference))
        assert order.payment == "Chèque" and order.state.code == "awaiting_cheque"
        assert [h.state.code for h in order.history] == ["awaiting_cheque"]
        assert order.total_products_ttc == products_ttc
        assert order.total_products_ht == products_ht
        assert (order.shipping_ht, order.shipping_ttc) == (shipping_ht, shipping_ttc)
        assert order.total_ttc == products_ttc + shipping_ttc
        assert order.total_ht == products_ht + shipping_ht
        assert order.customer_message == "Merci de sonner deux fois."
        assert order.delivery_address.address1 == "5 rue du Lin"
        lines = {(line.combination_id, line.quantity): line for line in order.lines}
        assert lines[(combination.id, 2)].unit_price_ttc == unit_comb
        assert lines[(combination.id, 2)].name.startswith(product.name + " – ")
        assert lines[(None, 1)].reference == simple.reference
        assert db.get(Combination, combination.id).quantity == stock_before[0] - 2
        assert db.get(Product, simple.id).quantity == stock_before[1] - 1
        moves = db.scalars(select(StockMovement).where(StockMovement.order_id == order.id)).all()
        assert sorted(m.delta for m in moves) == [-2, -1]
        assert {m.reason for m in moves} == {f"Commande {reference}"}
        events = db.scalars(select(ActivityEvent).where(ActivityEvent.actor_kind == "customer")).all()
        kinds = {(e.object_type, e.action) for e in events}
        assert ("Order", "create") in kinds and ("Combination", "update") in kinds
        assert all(e.actor_name == "Léa Martin" for e in events)

    assert "Il n'y a plus d'articles dans votre panier" in text_of(client.get(f"{SHOP}/panier"))
    history = text_of(client.get(f"{SHOP}/mon-compte/commandes"))
    assert reference in history
    assert "5 rue du Lin" in text_of(client.get(f"{SHOP}/mon-compte/commandes/{reference}"))


def test_known_customer_with_saved_address_pays_by_transfer(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db)
        carrier = paying_carrier(db)
    register(client)
    page = text_of(client.get(f"{SHOP}/mon-compte/adresses/nouvelle"))
    client.post(f"{SHOP}/mon-compte/adresses/nouvelle", data={"csrf_token": csrf_from(page), **ADDRESS})
    add_to_cart(client, product, 1)
    assert client.get(f"{SHOP}/commande").headers["Location"].endswith("/commande/adresse")
    identity = text_of(client.get(f"{SHOP}/commande/identification"))
    assert "Connecté(e) en tant que" in identity and ">Continuer</button>" in identity
    address_page = text_of(client.get(f"{SHOP}/commande/adresse"))
    address_id = re.search(r'name="address"[^>]*value="(\d+)"', address_page).group(1)
    post_step(client, "/commande/adresse", {"address": address_id})
    post_step(client, "/commande/livraison", {"carrier": str(carrier.id)})
    payment_page = text_of(client.get(f"{SHOP}/commande/paiement"))
    assert "Payer par chèque" in payment_page and "Payer par virement bancaire" in payment_page
    assert "J'ai lu les conditions générales de vente et j'y adhère sans réserve" in payment_page
    refused = post_step(client, "/commande/paiement", {"payment": "transfer"}, expect=422)
    assert "accepter les conditions générales de vente" in text_of(refused)
    done = post_step(client, "/commande/paiement", {"payment": "transfer", "terms": "y"})
    html = text_of(client.get(done.headers["Location"]))
    assert "Paiement par virement bancaire" in html
    with seat_db(data) as db:
        order = db.scalar(select(Order).order_by(Order.id.desc()).limit(1))
        assert order.state.code == "awaiting_transfer" and order.payment == "Virement bancaire"


def test_stock_sold_out_before_payment_refuses_the_order(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db, minimum=2)
        carrier = paying_carrier(db)
        orders_before = len(db.scalars(select(Order.id)).all())
    add_to_cart(client, product, 2)
    post_step(
        client,
        "/commande/identification",
        {
            "first_name": "Léa",
            "last_name": "Martin",
            "email": "lea.martin@example.fr",
            "password": "motdepasse1",
        },
    )
    post_step(client, "/commande/adresse", ADDRESS)
    post_step(client, "/commande/livraison", {"carrier": str(carrier.id)})
    with seat_db(data) as db:  # someone else bought them meanwhile
        db.get(Product, product.id).quantity = 1
        db.commit()
    response = post_step(client, "/commande/paiement", {"payment": "cheque", "terms": "y"}, expect=422)
    assert "Il ne reste que 1 exemplaire(s)" in text_of(response)
    with seat_db(data) as db:
        assert len(db.scalars(select(Order.id)).all()) == orders_before
        assert db.get(Product, product.id).quantity == 1


def test_place_order_applies_the_group_discount_exactly(seat, data):
    with seat_db(data) as db:
        act_as(db, Actor("customer", None, "Test"))
        group = db.scalar(
            select(CustomerGroup).where(CustomerGroup.reduction_bp > 0).order_by(CustomerGroup.id)
        )
        customer = customers.register(
            db,
            gender="M.",
            first_name="Paul",
            last_name="Durand",
            email="paul@example.fr",
            password="motdepasse1",
        )
        customer.default_group_id = group.id
        db.flush()
        db.refresh(customer)
        address = customers.save_address(db, customer, None, ADDRESS)
        product = simple_product(db, minimum=3)
        cart = carts.new_cart(db, customer)
        carts.add_to_cart(db, cart, product, None, 3)
        carrier = paying_carrier(db)
        order = place_order(db, cart, customer, address, carrier, "cheque")
        unit_ht = (product.price_ht * (10_000 - group.reduction_bp) / 10_000).quantize(Decimal("0.000001"))
        assert order.lines[0].unit_price_ht == unit_ht
        assert order.lines[0].unit_price_ttc == ttc_from_ht(unit_ht, product.tax.rate_bp)
        assert order.total_products_ttc == order.lines[0].unit_price_ttc * 3
        assert order.total_ttc == order.total_products_ttc + order.shipping_ttc
        assert cart.order_id == order.id
        try:
            place_order(db, cart, customer, address, carrier, "cheque")
        except ServiceError as exc:
            assert "déjà été commandé" in exc.message
        else:
            raise AssertionError("an ordered cart was ordered twice")
        db.rollback()


def test_free_shipping_above_the_carrier_threshold(seat, data):
    with seat_db(data) as db:
        carrier = db.scalar(select(Carrier).where(Carrier.free_above_ttc.is_not(None), Carrier.price_ht > 0))
        assert carrier is not None
        assert shipping_for(db, carrier, carrier.free_above_ttc) == (Decimal("0.00"), Decimal("0.00"))
        below = shipping_for(db, carrier, carrier.free_above_ttc - Decimal("0.01"))
        assert below[0] == carrier.price_ht and below[1] > below[0]


def test_checkout_needs_a_cart(seat, client):
    response = client.get(f"{SHOP}/commande/paiement")
    assert response.status_code == 302 and response.headers["Location"].endswith("/boutique/panier")


def test_unknown_customer_cannot_see_an_order_confirmation(seat, data, client):
    register(client)
    with seat_db(data) as db:
        other = db.scalar(
            select(Order)
            .where(
                Order.customer_id
                != db.scalar(select(Customer.id).where(Customer.email == "lea.martin@example.fr"))
            )
            .limit(1)
        )
    if other is not None:
        assert client.get(f"{SHOP}/commande/confirmation/{other.reference}").status_code == 404
        assert client.get(f"{SHOP}/mon-compte/commandes/{other.reference}").status_code == 404


def test_disabled_payment_module_is_not_offered(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db)
        carrier = paying_carrier(db)
        set_setting(db, "payment.wire.enabled", "0")
        db.commit()
    add_to_cart(client, product, 1)
    post_step(
        client,
        "/commande/identification",
        {
            "first_name": "Léa",
            "last_name": "Martin",
            "email": "lea.martin@example.fr",
            "password": "motdepasse1",
        },
    )
    post_step(client, "/commande/adresse", ADDRESS)
    post_step(client, "/commande/livraison", {"carrier": str(carrier.id)})
    page = text_of(client.get(f"{SHOP}/commande/paiement"))
    assert "Payer par chèque" in page and "Payer par virement bancaire" not in page
    post_step(client, "/commande/paiement", {"payment": "transfer", "terms": "y"}, expect=422)


def _to_carrier_step(client, product) -> str:
    """A new account (registered on the way), an address, then the « Livraison » step's page."""
    add_to_cart(client, product, 1)
    assert client.get(f"{SHOP}/commande").headers["Location"].endswith("/commande/identification")
    account = {"gender": "Mme", "first_name": "Léa", "last_name": "Martin", "email": "lea.martin@example.fr",
               "password": "motdepasse1"}
    post_step(client, "/commande/identification", account)
    post_step(client, "/commande/adresse", ADDRESS)
    return client.get(f"{SHOP}/commande/livraison").get_data(as_text=True)


def test_a_seat_reset_forgets_what_the_browser_kept_for_that_seat(seat, data, client):
    """Besides logins, the browser keeps per-seat values (the delivery message being typed): the reset's new
    epoch is what makes them void, so the next candidate on the fresh seat never sees them."""
    from sandbox.seats import reset_seat

    with seat_db(data) as db:
        product, carrier = simple_product(db), paying_carrier(db)
    _to_carrier_step(client, product)
    post_step(client, "/commande/livraison", {"carrier": str(carrier.id), "message": "Code porte 1942B"})
    assert "Code porte 1942B" in client.get(f"{SHOP}/commande/livraison").get_data(as_text=True)
    reset_seat(data, seat.name)
    assert "Code porte 1942B" not in _to_carrier_step(client, product)
