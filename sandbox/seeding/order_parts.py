"""Pieces of a seeded order: its status timeline, the customisation texts of its lines, and the carts.

Status timeline: card payments are accepted at once (2 % fail: « Erreur de paiement »); cheques and
transfers wait for payment (« En attente… ») 1 to 7 days, and 12 % are never paid and cancelled after
20 days; then « En cours de préparation », « Expédié », « Livré » on working hours, and 2.5 % of delivered
orders are refunded. Steps after the reference date's morning have not happened yet, which is what leaves
recent orders awaiting payment, in preparation or shipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sandbox.models import Cart, CartLine
from sandbox.seeding.common import Run, at, days, slugify

CARD, CHEQUE = "Carte bancaire", "Chèque"
# Delivery time in days by carrier id (showroom pick-up: when the customer comes).
DELIVERY_DAYS = {1: (1, 5), 2: (1, 3), 3: (3, 5), 4: (1, 1), 5: (4, 7)}
CARD_MESSAGES = [
    "Joyeux anniversaire !",
    "Bienvenue dans votre nouvelle maison",
    "Avec toute mon affection",
    "Félicitations aux jeunes mariés",
    "Bonne fête Maman",
]


def working_time(run: Run, when: datetime) -> datetime:
    """The first working-hours moment (Monday–Friday, 8 a.m.–6 p.m.) at or after `when`."""
    if when.hour >= 18:
        when = at(when.date() + days(1), 8, run.rng.randrange(60))
    elif when.hour < 8:
        when = at(when.date(), 8, run.rng.randrange(60))
    while when.weekday() >= 5:
        when = at(when.date() + days(1), 8, run.rng.randrange(60))
    return when


def history_steps(
    run: Run, stamp: datetime, payment: str, carrier_id: int
) -> list[tuple[str, datetime, int | None]]:
    """The status changes of one order until the reference date: (state code, when, employee id)."""
    rng, staff = run.rng, run.data["staff"]
    steps: list[tuple[str, datetime, int | None]] = []
    if payment == CARD:
        if rng.random() < 0.02:
            return [("payment_error", stamp + timedelta(minutes=1), None)]
        paid_at = stamp + timedelta(minutes=rng.randint(1, 3))
    else:
        steps.append(
            (
                "awaiting_cheque" if payment == CHEQUE else "awaiting_transfer",
                stamp + timedelta(seconds=30),
                None,
            )
        )
        if rng.random() < 0.12:
            cancel = working_time(run, stamp + days(20))
            return steps + ([("cancelled", cancel, staff["service"])] if cancel < run.now else [])
        wait = rng.randint(2, 7) if payment == CHEQUE else rng.randint(1, 3)
        paid_at = working_time(run, stamp + days(wait))
    steps.append(("payment_accepted", paid_at, None if payment == CARD else staff["admin"]))
    processing = working_time(run, paid_at + timedelta(hours=rng.randint(1, 20)))
    steps.append(("processing", processing, staff["logistics"]))
    shipped = working_time(run, processing + timedelta(hours=rng.randint(3, 26)))
    steps.append(("shipped", shipped, staff["logistics"]))
    low, high = DELIVERY_DAYS.get(carrier_id, (2, 4))
    delivered = at(shipped.date() + days(rng.randint(low, high)), rng.randint(9, 18), rng.randrange(60))
    steps.append(("delivered", delivered, None))
    if rng.random() < 0.025:
        steps.append(("refunded", working_time(run, delivered + days(rng.randint(5, 20))), staff["service"]))
    return [step for step in steps if step[1] < run.now]


def customization(run: Run, pid: int, customer: dict) -> str:
    """What the customer typed in the product's customisation fields (« Label : value » lines)."""
    parts = []
    for field in run.data["catalogue"][pid].get("custom", []):
        if not field["required"] and run.rng.random() < 0.6:
            continue
        label = field["label"]
        if field["kind"] == "file":
            value = f"logo-{slugify(customer['company'] or customer['last_name'])}.png"
        elif "Initiales" in label:
            value = f"{customer['first_name'][0]}{customer['last_name'][0]}".upper()
        elif "Initiale" in label:
            value = customer["last_name"][0].upper()
        elif "Prénom" in label:
            value = run.fake.first_name()
        elif "Couleur" in label:
            value = run.rng.choice(("blanc", "écru", "bleu indigo"))
        elif "Message" in label:
            value = run.rng.choice(CARD_MESSAGES)
        elif "Date" in label:
            value = (run.ref - days(run.rng.randint(30, 500))).strftime("%d/%m/%Y")
        else:
            value = run.rng.choice((customer["first_name"], "Invités", "Maison"))
        parts.append(f"{label} : {value}")
    return "\n".join(parts)


def seed_carts(run: Run) -> None:
    """A cart for each order (kept after ordering) and abandoned carts (a quarter of the orders' count)."""
    carts, lines = [], []
    for order in run.data["orders"]:
        created = order["stamp"] - timedelta(minutes=run.rng.randint(3, 40))
        carts.append(
            {
                "id": len(carts) + 1,
                "token": f"{run.rng.getrandbits(128):032x}",
                "customer_id": order["customer"]["id"],
                "carrier_id": order["carrier_id"],
                "created_at": created,
                "updated_at": order["stamp"],
                "order_id": order["id"],
            }
        )
        lines += [
            {
                "id": len(lines) + n,
                "cart_id": carts[-1]["id"],
                "product_id": line["product_id"],
                "combination_id": line["combination_id"],
                "quantity": line["quantity"],
                "customization": line["customization"],
            }
            for n, line in enumerate(order["lines"], start=1)
        ]
    orders = run.data["orders"]
    catalogue = run.data["catalogue"]
    for _ in range(len(orders) // 4):
        model = run.rng.choice(orders)
        when = min(
            model["stamp"] + days(run.rng.randint(1, 60)), run.now - timedelta(hours=run.rng.randint(1, 48))
        )
        known = run.rng.random() < 0.4 and model["customer"]["created_at"] < when
        carts.append(
            {
                "id": len(carts) + 1,
                "token": f"{run.rng.getrandbits(128):032x}",
                "customer_id": model["customer"]["id"] if known else None,
                "carrier_id": None,
                "created_at": when,
                "updated_at": when + timedelta(minutes=run.rng.randint(1, 30)),
                "order_id": None,
            }
        )
        on_sale = [pid for pid, info in catalogue.items() if info["created"] < when]
        for pid in sorted(run.rng.sample(on_sale, min(len(on_sale), run.rng.randint(1, 3)))):
            combos = catalogue[pid]["combos"]
            lines.append(
                {
                    "id": len(lines) + 1,
                    "cart_id": carts[-1]["id"],
                    "product_id": pid,
                    "combination_id": run.rng.choice(combos)["id"] if combos else None,
                    "quantity": run.rng.randint(1, 2),
                    "customization": "",
                }
            )
    run.insert(Cart, carts)
    run.insert(CartLine, lines)
