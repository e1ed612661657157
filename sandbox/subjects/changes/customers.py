"""Change types of customers and orders: the people and orders the questions name, created by the subject.

A subject creates its own customers and orders (with a reference it chooses) rather than borrowing
seeded ones: the questions can print names and references that stay true whatever the context seeds.
Prices and totals come from the shop's own pricing (``cart_totals``), as for an order placed online.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from sandbox.models import (
    Address,
    Carrier,
    Cart,
    CartLine,
    Combination,
    Customer,
    CustomerGroup,
    Order,
    OrderHistory,
    Product,
    StockMovement,
)
from sandbox.services.cart import cart_totals
from sandbox.services.checkout import PAYMENTS, order_from_totals
from sandbox.subjects.changes import WHEN, ChangeContext, ChangeFailure, change
from sandbox.subjects.params import Param, ref, text

REFERENCE = re.compile(r"^[A-Z0-9]{6,16}$")
LINE = re.compile(r"^(?P<ref>[A-Za-z0-9_-]+)(?:\s*[x×:]\s*(?P<qty>\d{1,3}))?$")


@change(
    "customer.create",
    label="Client",
    produces="Customer",
    params={
        "first_name": text('"Agathe" (prénom)'),
        "last_name": text('"Deschamps" (nom)'),
        "email": text('"agathe@maison-le-prieure.fr" (adresse e-mail, unique)'),
        "gender": Param("choice", "la civilité", False, "", choices=("", "Mme", "M.")),
        "group": text('"Professionnels" (groupe par défaut)', default="Particuliers"),
        "company": text('"Maison d\'hôtes Le Prieuré" (société)', default=""),
        "address": text('"12 rue de la Gare" (adresse)', default=""),
        "postcode": text('"59000" (code postal)', default=""),
        "city": text('"Lille" (ville)', default=""),
        "phone": text('"03 20 00 00 00" (téléphone)', default=""),
        "note": text('"…" (note privée déjà présente)', default=""),
        "newsletter": Param("bool", "true si le client est inscrit à la lettre d'information", False, False),
        "at": Param("date", '"today-200" (date d\'inscription)', False, "today-30"),
    },
)
def create_customer(ctx: ChangeContext, p: dict) -> Customer:
    """A customer account (with an address when one is given) that the questions can name."""
    if ctx.db.scalar(select(Customer.id).where(Customer.email == p["email"])) is not None:
        raise ChangeFailure(
            "email",
            f"l'adresse « {p['email']} » est déjà celle d'un client du contexte",
            "choisissez une autre adresse e-mail",
        )
    group = ctx.db.scalar(select(CustomerGroup).where(CustomerGroup.name == p["group"]))
    if group is None:
        raise ChangeFailure(
            "group", f"le groupe « {p['group']} » n'existe pas", "écrivez le nom d'un groupe de clients"
        )
    customer = Customer(
        gender=p["gender"],
        first_name=p["first_name"],
        last_name=p["last_name"],
        email=p["email"],
        company=p["company"],
        newsletter=p["newsletter"],
        default_group_id=group.id,
        note=p["note"],
        created_at=ctx.at(p["at"]),
        groups=[group],
    )
    ctx.db.add(customer)
    ctx.db.flush()
    if p["address"]:
        ctx.db.add(
            Address(
                customer_id=customer.id,
                alias="Mon adresse",
                first_name=p["first_name"],
                last_name=p["last_name"],
                company=p["company"],
                address1=p["address"],
                postcode=p["postcode"],
                city=p["city"],
                phone=p["phone"],
            )
        )
    return customer


def _lines(ctx: ChangeContext, items: list[str]) -> list[tuple[Product, Combination | None, int]]:
    """« DH-LIN-BLA-140190 x 2 » → (product, combination, quantity); product or combination reference."""
    found = []
    for item in items:
        match = LINE.match(item.strip())
        if match is None:
            raise ChangeFailure(
                "products",
                f"« {item} » n'est pas une ligne de commande",
                'écrivez la référence et la quantité, par exemple "DH-LIN-BLA-140190 x 2"',
            )
        reference, quantity = match["ref"], int(match["qty"] or 1)
        combination = ctx.db.scalar(select(Combination).where(Combination.reference == reference))
        product = (
            combination.product
            if combination
            else ctx.db.scalar(select(Product).where(Product.reference == reference))
        )
        if product is None or (combination is None and product.combinations):
            raise ChangeFailure(
                "products",
                f"« {reference} » n'est ni un produit sans déclinaison ni une déclinaison",
                "écrivez la référence d'une déclinaison (DH-LIN-BLA-140190) ou d'un produit simple",
            )
        found.append((product, combination, quantity))
    return found


@change(
    "order.create",
    label="Commande",
    produces="Order",
    params={
        "customer": ref("customer", "\"@cliente\" (client créé plus haut) ou l'adresse e-mail d'un client"),
        "reference": text('"KQWHRZTPA" (référence de la commande : 6 à 16 majuscules ou chiffres)'),
        "products": Param("list", '["DH-LIN-BLA-140190 x 2", "SAVON"] (références et quantités)'),
        "payment": Param("choice", "le moyen de paiement", False, "cheque", choices=tuple(PAYMENTS)),
        "carrier": text('"Colissimo Domicile" (nom du transporteur)', default="Colissimo Domicile"),
        "message": text('"…" (message du client)', default=""),
        "at": WHEN,
    },
)
def create_order(ctx: ChangeContext, p: dict) -> Order:
    """An order of a customer, priced by the shop, in its payment's first state, its products out of stock."""
    db = ctx.db
    customer = ctx.get("customer", "customer", p["customer"])
    if not REFERENCE.match(p["reference"]) or db.scalar(
        select(Order.id).where(Order.reference == p["reference"])
    ):
        raise ChangeFailure(
            "reference",
            f"référence « {p['reference']} » invalide ou déjà utilisée",
            "choisissez 6 à 16 majuscules ou chiffres, par exemple KQWHRZTPA",
        )
    address = next((a for a in customer.addresses if not a.deleted), None)
    if address is None:
        raise ChangeFailure(
            "customer", "ce client n'a pas d'adresse", "donnez une adresse au client (address, city…)"
        )
    carrier = db.scalar(select(Carrier).where(Carrier.name == p["carrier"]))
    if carrier is None:
        raise ChangeFailure(
            "carrier", f"le transporteur « {p['carrier']} » n'existe pas", "écrivez le nom d'un transporteur"
        )
    when, method = ctx.at(p["at"]), PAYMENTS[p["payment"]]
    cart = Cart(
        token=f"subject-{p['reference'].lower()}",
        customer_id=customer.id,
        carrier_id=carrier.id,
        created_at=when,
        updated_at=when,
    )
    for product, combination, quantity in _lines(ctx, p["products"]):
        cart.lines.append(
            CartLine(
                product_id=product.id,
                combination_id=combination.id if combination else None,
                quantity=quantity,
            )
        )
    db.add(cart)
    db.flush()
    totals = cart_totals(db, cart, customer.default_group, carrier)
    state = ctx.get("state", "payment", method.state_code)
    order = order_from_totals(
        totals,
        reference=p["reference"],
        customer_id=customer.id,
        delivery_address_id=address.id,
        invoice_address_id=address.id,
        carrier_id=carrier.id,
        payment=method.label,
        state_id=state.id,
        customer_message=p["message"],
        created_at=when,
    )
    for item in totals.items:
        target = item.combination or item.product
        target.quantity -= item.line.quantity
    order.history.append(OrderHistory(state_id=state.id, created_at=when))
    db.add(order)
    db.flush()
    cart.order_id = order.id
    for item in totals.items:
        db.add(
            StockMovement(
                product_id=item.product.id,
                combination_id=item.line.combination_id,
                delta=-item.line.quantity,
                reason=f"Commande {order.reference}",
                order_id=order.id,
                created_at=when,
            )
        )
    return order
