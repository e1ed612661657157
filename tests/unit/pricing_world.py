"""A tiny shop in memory for the pricing engine's unit tests: taxes, groups, products, zones, carriers."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from sandbox.db.base import Base
from sandbox.models import (
    Address,
    Brand,
    Carrier,
    CarrierRange,
    CarrierRangePrice,
    CarrierZone,
    Cart,
    CartLine,
    CartRule,
    Category,
    Country,
    Customer,
    CustomerGroup,
    OrderState,
    Product,
    ProductCategory,
    Setting,
    Tax,
    Zone,
)

TODAY = date(2027, 5, 20)
NOW = datetime(2027, 5, 20, 10, 0)
VISITOR, PARTICULIER, PRO = 1, 3, 4


def build_world() -> Session:
    """An in-memory seat: clock on 20/05/2027, 3 products, 3 groups, zones, a ranged carrier.

    Made once per process, then copied (SQLite's backup) for each test: making the 88 tables and rows took
    half a second a test, which a mutation run (hundreds of tests per mutant) pays again and again."""
    global _template  # noqa: PLW0603 — a per-process cache of the world, made on first use
    if _template is None:
        engine = create_engine("sqlite://", poolclass=StaticPool)
        with Session(engine) as db:
            _fill(db)
            db.commit()
        _template = engine.raw_connection().driver_connection

    def copy() -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _template.backup(conn)
        return conn

    return Session(create_engine("sqlite://", creator=copy, poolclass=StaticPool))


_template: sqlite3.Connection | None = None


def _fill(db: Session) -> None:
    """The world's rows, in an empty database."""
    Base.metadata.create_all(db.connection())
    db.add_all(
        [
            Setting(key="clock.today", value=TODAY.isoformat()),
            Tax(id=1, name="TVA 20 %", rate_bp=2000),
            Tax(id=2, name="TVA 5,5 %", rate_bp=550),
            Category(id=1, name="Accueil", slug="accueil"),
            Category(id=2, name="Linge de bain", slug="bain", parent_id=1),
            Brand(id=1, name="Lin & Nature", slug="lin"),
            CustomerGroup(id=VISITOR, name="Visiteur"),
            CustomerGroup(id=PARTICULIER, name="Particuliers"),
            CustomerGroup(id=PRO, name="Professionnels", reduction_bp=1000, price_display="ht"),
        ]
    )
    db.flush()
    products = [
        # id, name, HT (6 decimals: a TTC price typed 79,90), tax, category, weight (g)
        (1, "Drap housse en lin", Decimal("66.583333"), 1, 1, 900),
        (2, "Serviette de bain", Decimal("24.916667"), 1, 2, 600),
        (3, "Livre du lin", Decimal("28.341232"), 2, 1, 400),
    ]
    for pid, name, ht, tax, category, weight in products:
        db.add(
            Product(
                id=pid,
                name=name,
                slug=f"p{pid}",
                price_ht=ht,
                tax_id=tax,
                default_category_id=category,
                brand_id=1,
                weight_g=weight,
                quantity=100,
                created_at=NOW,
            )
        )
        db.add(ProductCategory(product_id=pid, category_id=category))
    db.add_all(
        [
            Zone(id=1, name="France métropolitaine"),
            Zone(id=2, name="Corse"),
            Zone(id=4, name="Union européenne"),
            Country(id=1, name="France", iso_code="FR", zone_id=1),
            Country(id=2, name="Belgique", iso_code="BE", zone_id=4),
            Customer(
                id=1,
                first_name="Julie",
                last_name="Martin",
                email="julie@exemple.fr",
                default_group_id=PARTICULIER,
                created_at=NOW,
            ),
            Customer(
                id=2,
                first_name="Hôtel",
                last_name="du Port",
                email="hotel@exemple.fr",
                default_group_id=PRO,
                created_at=NOW,
            ),
            Carrier(
                id=1,
                name="Colissimo",
                price_ht=Decimal("5.75"),
                tax_id=1,
                free_above_ttc=Decimal("80.00"),
                shipping_method="price",
            ),
            Carrier(
                id=2,
                name="Relais",
                price_ht=Decimal("3.75"),
                tax_id=1,
                shipping_method="weight",
                out_of_range="disable",
            ),
        ]
    )
    db.flush()
    db.add_all(
        [
            CarrierZone(carrier_id=1, zone_id=1),
            CarrierZone(carrier_id=1, zone_id=2),
            CarrierZone(carrier_id=2, zone_id=1),
            CarrierZone(carrier_id=2, zone_id=4),
        ]
    )
    for rid, carrier, lower, upper, prices in [
        (1, 1, "0", "50", {1: "5.75", 2: "8.25"}),
        (2, 1, "50", "100000", {1: "4.92", 2: "7.42"}),
        (3, 2, "0", "5", {1: "3.75", 4: "7.42"}),
        (4, 2, "5", "30", {1: "6.58", 4: "12.42"}),
    ]:
        db.add(CarrierRange(id=rid, carrier_id=carrier, lower=Decimal(lower), upper=Decimal(upper)))
        db.flush()
        db.add_all(
            [CarrierRangePrice(range_id=rid, zone_id=z, price_ht=Decimal(p)) for z, p in prices.items()]
        )
    db.flush()


def cart_with(db: Session, lines: list[tuple[int, int]], customer_id: int | None = 1) -> Cart:
    """A cart of (product id, quantity) lines."""
    cart = Cart(
        token=f"t{len(lines)}-{customer_id}-{id(lines)}",
        customer_id=customer_id,
        created_at=NOW,
        updated_at=NOW,
    )
    cart.lines = [CartLine(product_id=p, quantity=q) for p, q in lines]
    db.add(cart)
    db.flush()
    return cart


def order_world(db: Session) -> Address:
    """Order states (cheque, paid, refunded) and Julie Martin's address in Roubaix, for placing orders."""
    db.add_all(
        [
            OrderState(id=1, code="awaiting_cheque", name="En attente du paiement par chèque"),
            OrderState(id=2, code="payment_accepted", name="Paiement accepté", paid=True),
            OrderState(id=3, code="refunded", name="Remboursé", paid=True),
        ]
    )
    address = Address(customer_id=1, first_name="Julie", last_name="Martin", address1="5 rue du Lin",
                      postcode="59100", city="Roubaix", country="France")
    db.add(address)
    db.flush()
    return address


def plain(message: str) -> str:
    """A French message with ordinary spaces (money uses no-break ones)."""
    return message.replace("\xa0", " ").replace("\u202f", " ")


def cart_rule(db: Session, **kw) -> CartRule:
    """A cart rule with code CODE valid in May–June 2027 (the reference day's), ``kw`` overriding; flushed."""
    values = {"name": "Règle", "code": "CODE", "date_from": date(2027, 5, 1), "date_to": date(2027, 6, 30),
              "quantity": 100, "quantity_per_user": 1, "minimum_amount": Decimal(0)}
    values.update(kw)
    row = CartRule(**values)
    db.add(row)
    db.flush()
    return row
