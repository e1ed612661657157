"""Shipping zones, countries, carriers' zones and ranges, and a few example promotions (one expired).

Fixed rows (no randomness): the same install everywhere. Prices of France métropolitaine stay the
carriers' flat prices, so orders seeded before this step keep their shipping costs.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import update

from sandbox.models import (
    CarrierRange,
    CarrierRangePrice,
    CarrierZone,
    CartRule,
    CatalogRule,
    Country,
    SpecificPrice,
    Zone,
)
from sandbox.models.orders import Carrier
from sandbox.seeding.common import Run

ZONES = [
    (1, "France métropolitaine", True),
    (2, "Corse", True),
    (3, "DOM-TOM", True),
    (4, "Union européenne", True),
    (5, "Suisse", True),
    (6, "Reste du monde", False),
]
COUNTRIES = [
    ("France", "FR", 1),
    ("Monaco", "MC", 1),
    ("Guadeloupe", "GP", 3),
    ("Martinique", "MQ", 3),
    ("Guyane", "GF", 3),
    ("La Réunion", "RE", 3),
    ("Mayotte", "YT", 3),
    ("Belgique", "BE", 4),
    ("Luxembourg", "LU", 4),
    ("Allemagne", "DE", 4),
    ("Espagne", "ES", 4),
    ("Italie", "IT", 4),
    ("Pays-Bas", "NL", 4),
    ("Portugal", "PT", 4),
    ("Irlande", "IE", 4),
    ("Autriche", "AT", 4),
    ("Suisse", "CH", 5),
    ("Royaume-Uni", "GB", 6),
    ("Canada", "CA", 6),
    ("États-Unis", "US", 6),
]
# carrier id: (billing, zones, {zone: extra HT over the flat price}) — zone 1 keeps the flat price.
CARRIERS = {
    1: ("fixed", [1], {}),
    2: ("price", [1, 2, 3, 4, 5], {2: "2.50", 3: "15.00", 4: "6.67", 5: "10.83"}),
    3: ("weight", [1, 4], {4: "3.67"}),
    4: ("fixed", [1, 2], {}),
    5: ("fixed", [1], {}),
}
# Two ranges per ranged carrier: € TTC of products for « price », kg for « weight ».
RANGES = {"price": [("0", "50"), ("50", "10000")], "weight": [("0", "5"), ("5", "30")]}


def seed_shipping(run: Run) -> None:
    """Zones, countries, and for each seeded carrier its zones and range prices."""
    run.insert(Zone, [{"id": i, "name": n, "active": a} for i, n, a in ZONES])
    run.insert(
        Country,
        [
            {"id": i, "name": n, "iso_code": c, "zone_id": z, "active": True}
            for i, (n, c, z) in enumerate(COUNTRIES, start=1)
        ],
    )
    flat = {c["id"]: c["price_ht"] for c in run.data["carriers"]}
    zones, ranges, prices = [], [], []
    for carrier_id, (method, zone_ids, extra) in CARRIERS.items():
        if carrier_id not in flat:
            continue
        zones += [{"carrier_id": carrier_id, "zone_id": z} for z in zone_ids]
        run.db.execute(update(Carrier).where(Carrier.id == carrier_id).values(shipping_method=method))
        for lower, upper in RANGES.get(method, []):
            range_id = len(ranges) + 1
            ranges.append(
                {"id": range_id, "carrier_id": carrier_id, "lower": Decimal(lower), "upper": Decimal(upper)}
            )
            prices += [
                {
                    "range_id": range_id,
                    "zone_id": z,
                    "price_ht": flat[carrier_id] + Decimal(extra.get(z, "0")),
                }
                for z in zone_ids
            ]
    run.insert(CarrierZone, zones)
    run.insert(CarrierRange, ranges)
    run.insert(CarrierRangePrice, prices)


def _insert_each(run: Run, model: type, rows: list[dict]) -> None:
    """One insert per row: the example rows do not all fill the same optional columns."""
    for row in rows:
        run.insert(model, [row])


def seed_promotions(run: Run) -> None:
    """Example catalogue rules, specific prices and cart rules around the reference date (one expired)."""
    year = run.ref.year
    product = run.keys["product"]
    _insert_each(
        run,
        CatalogRule,
        [
            {
                "id": 1,
                "name": "Professionnels : -5 % sur Atelier Hôtel dès 10 pièces",
                "brand_id": 4,
                "group_id": 4,
                "from_quantity": 10,
                "reduction_type": "percent",
                "reduction": Decimal(5),
                "reduction_tax_included": False,
            },
            {
                "id": 2,
                "name": "Soldes d'hiver décoration",
                "category_id": 5,
                "from_quantity": 1,
                "date_from": date(year, 1, 13),
                "date_to": date(year, 2, 9),
                "reduction_type": "percent",
                "reduction": Decimal(20),
                "reduction_tax_included": True,
            },
        ],
    )
    rows = []
    if "savon" in product:
        rows.append(
            {
                "id": 1,
                "product_id": product["savon"],
                "from_quantity": 3,
                "reduction_type": "percent",
                "reduction": Decimal(10),
                "reduction_tax_included": True,
            }
        )
    if "hotel-serv" in product:
        rows.append(
            {
                "id": 2,
                "product_id": product["hotel-serv"],
                "group_id": 4,
                "from_quantity": 50,
                "fixed_price_ht": Decimal("8.00"),
                "reduction_type": "amount",
                "reduction": Decimal(0),
                "reduction_tax_included": False,
            }
        )
    _insert_each(run, SpecificPrice, rows)
    common = {
        "priority": 1,
        "partial_use": True,
        "highlight": False,
        "active": True,
        "minimum_tax_included": True,
        "minimum_shipping_included": False,
        "reduction_tax_included": True,
        "exclude_specials": False,
        "description": "",
        "free_shipping": False,
    }
    _insert_each(
        run,
        CartRule,
        [
            {
                **common,
                "id": 1,
                "name": "Bienvenue : -10 % sur la première commande",
                "code": "BIENVENUE10",
                "date_from": date(year, 1, 1),
                "date_to": date(year, 12, 31),
                "minimum_amount": Decimal(50),
                "quantity": 1000,
                "quantity_per_user": 1,
                "reduction_type": "percent",
                "reduction": Decimal(10),
            },
            {
                **common,
                "id": 2,
                "name": "Livraison offerte",
                "code": "LIVRAISON",
                "priority": 2,
                "date_from": date(year, 5, 1),
                "date_to": date(year, 6, 30),
                "minimum_amount": Decimal(40),
                "quantity": 500,
                "quantity_per_user": 1,
                "free_shipping": True,
                "reduction_type": "",
                "reduction": Decimal(0),
            },
            {
                **common,
                "id": 3,
                "name": "Noël : 10 € offerts",
                "code": "NOEL10",
                "date_from": date(year - 1, 12, 1),
                "date_to": date(year - 1, 12, 26),
                "minimum_amount": Decimal(60),
                "quantity": 200,
                "quantity_per_user": 1,
                "reduction_type": "amount",
                "reduction": Decimal(10),
            },
        ],
    )
