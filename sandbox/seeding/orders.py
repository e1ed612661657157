"""Orders over the months before the reference date, with exact totals and their status history.

Totals (all Decimal, cents): a line's unit price HT keeps 6 decimals (catalogue price HT + combination impact,
less the group reduction), its unit price TTC is that rounded to the cent with tax; products TTC = Σ unit TTC
× quantity; products HT = Σ unit HT × quantity rounded once; total HT = products HT + shipping HT; total TTC =
products TTC + shipping TTC (no discount is seeded). Orders are numbered in date order.
"""

from __future__ import annotations

import bisect
import string
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sandbox.models import Order, OrderHistory, OrderLine
from sandbox.money import MICRO, to_cents, ttc_from_ht
from sandbox.seeding.common import Run, amount, at, days, weighted
from sandbox.seeding.customers import CSE, PRO, insert_customers
from sandbox.seeding.order_parts import customization, history_steps

HOURS = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 2, 3, 4, 5, 5, 6, 6, 5, 5, 5, 6, 7, 8, 10, 11, 9, 4]
LINE_COUNTS = {1: 45, 2: 30, 3: 15, 4: 7, 5: 3}
SHIPPING_RATE = 2000
# Carrier ids of carriers.csv with a rule: showroom pick-up (Nord and Pas-de-Calais only), pallet (pros).
PICKUP, PALLET = 1, 5


def day_weights(run: Run) -> dict[date, float]:
    """Relative order volume of each day of the period (month, weekday, growth); also drives the traffic."""
    cfg = run.reader.toml("orders.toml")
    result = {}
    total = (run.ref - run.start).days
    for i in range(total):
        day = run.start + days(i)
        growth = float(cfg["yearly_growth"]) ** (i / 365)
        result[day] = cfg["month_weights"][day.month - 1] * cfg["weekday_weights"][day.weekday()] * growth
    return result


def _stamps(run: Run, weights: dict[date, float]) -> list[datetime]:
    chosen = run.rng.choices(list(weights), weights=list(weights.values()), k=run.sizes["orders"])
    hours = list(range(24))
    return sorted(
        at(d, run.rng.choices(hours, weights=HOURS)[0], run.rng.randrange(60))
        + timedelta(seconds=run.rng.randrange(60))
        for d in chosen
    )


def _assign_customers(run: Run, count: int) -> list[dict]:
    customers = run.data["customers"]
    guests = [c for c in customers if c["is_guest"]]
    others = [c for c in customers if not c["is_guest"]] or customers
    loyalty = [
        min(run.rng.paretovariate(1.6), 12) * (1.5 if c["default_group_id"] == PRO else 1) for c in others
    ]
    chosen: list[dict | None] = [None] * count
    for position, guest in zip(run.rng.sample(range(count), min(len(guests), count)), guests, strict=False):
        chosen[position] = guest
    fill_in = run.rng.choices(others, weights=loyalty, k=count)
    return [c if c is not None else fill_in[i] for i, c in enumerate(chosen)]


class _Shelf:
    """Products on sale at a given time, with popularity weights, for fast weighted picks."""

    def __init__(self, run: Run):
        catalogue = run.data["catalogue"]
        pids = sorted(catalogue, key=lambda p: (catalogue[p]["created"], p))
        ranks = list(range(1, len(pids) + 1))
        run.rng.shuffle(ranks)
        self.created = [catalogue[p]["created"] for p in pids]
        self.pids = pids
        self.cum, total = [], 0.0
        for pid, rank in zip(pids, ranks, strict=True):
            flags = catalogue[pid]["flags"]
            weight = (
                1
                / rank**0.7
                * (0.4 if catalogue[pid]["spec"].row["pack"] else 1)
                * (0.3 if "offline" in flags else 1)
            )
            total += weight
            self.cum.append(total)

    def pick(self, run: Run, when: datetime) -> int:
        """One product created before `when`."""
        k = max(1, bisect.bisect_left(self.created, when))
        return run.rng.choices(self.pids[:k], cum_weights=self.cum[:k])[0]


def _reference(run: Run, used: set[str]) -> str:
    while True:
        ref = "".join(run.rng.choice(string.ascii_uppercase) for _ in range(9))
        if ref not in used:
            used.add(ref)
            return ref


def seed_orders(run: Run) -> None:
    """Orders, lines and history; then the customers (dated from their first order) and their addresses."""
    cfg = run.reader.toml("orders.toml")
    weights = day_weights(run)
    run.data["day_weights"] = weights
    stamps = _stamps(run, weights)
    buyers = _assign_customers(run, len(stamps))
    addresses: dict[int, list[dict]] = {}
    for a in run.data["addresses"]:
        addresses.setdefault(a["customer_id"], []).append(a)
    reductions = {int(g["id"]): int(amount(g["reduction_percent"]) * 100) for g in run.data["groups"]}
    carriers = {c["id"]: c for c in run.data["carriers"]}
    shelf, used = _Shelf(run), set()
    orders, lines, history, summary = [], [], [], []
    first_order: dict[int, datetime] = {}
    for oid, (stamp, customer) in enumerate(zip(stamps, buyers, strict=True), start=1):
        group = customer["default_group_id"]
        first_order.setdefault(customer["id"], stamp)
        own = addresses[customer["id"]]
        delivery = own[0] if len(own) == 1 or run.rng.random() < 0.75 else own[1]
        payment = weighted(run.rng, cfg["payments"]["pro" if group == PRO else "default"])
        order_lines = _lines(run, shelf, stamp, customer, reductions[group], len(lines), oid)
        lines += order_lines
        products_ttc = sum((line["unit_price_ttc"] * line["quantity"] for line in order_lines), Decimal(0))
        products_ht = to_cents(
            sum((line["unit_price_ht"] * line["quantity"] for line in order_lines), Decimal(0))
        )
        carrier = carriers[_carrier(run, delivery["postcode"], group, products_ttc)]
        free = carrier["free_above_ttc"] is not None and products_ttc >= carrier["free_above_ttc"]
        shipping_ht = Decimal("0.00") if free else carrier["price_ht"]
        shipping_ttc = ttc_from_ht(shipping_ht, SHIPPING_RATE)
        steps = history_steps(run, stamp, payment, carrier["id"])
        state = steps[-1][0]
        paid = any(code == "payment_accepted" for code, _, _ in steps)
        if state == "refunded":
            for line in order_lines:
                line["quantity_refunded"] = line["quantity"]
        total_ttc = products_ttc + shipping_ttc
        orders.append(
            {
                "id": oid,
                "reference": _reference(run, used),
                "customer_id": customer["id"],
                "delivery_address_id": delivery["id"],
                "invoice_address_id": own[0]["id"],
                "carrier_id": carrier["id"],
                "payment": payment,
                "state_id": run.keys["state"][state],
                "total_products_ht": products_ht,
                "total_products_ttc": products_ttc,
                "total_discounts_ttc": Decimal("0.00"),
                "shipping_ht": shipping_ht,
                "shipping_ttc": shipping_ttc,
                "total_ht": products_ht + shipping_ht,
                "total_ttc": total_ttc,
                "total_paid_ttc": total_ttc if paid else Decimal("0.00"),
                "customer_message": run.rng.choice(cfg["messages"]["lines"])
                if run.rng.random() < 0.06
                else "",
                "created_at": stamp,
                "created_by_employee_id": run.data["staff"]["sales"]
                if group == PRO and run.rng.random() < 0.2
                else None,
            }
        )
        for code, when, employee in steps:
            history.append(
                {
                    "id": len(history) + 1,
                    "order_id": oid,
                    "state_id": run.keys["state"][code],
                    "employee_id": employee,
                    "created_at": when,
                }
            )
        delivered = next((when for code, when, _ in steps if code == "delivered"), None)
        summary.append(
            {
                "id": oid,
                "customer": customer,
                "reference": orders[-1]["reference"],
                "state": state,
                "stamp": stamp,
                "delivered": delivered,
                "payment": payment,
                "lines": order_lines,
                "carrier_id": carrier["id"],
            }
        )
    insert_customers(run, first_order)
    run.insert(Order, orders)
    run.insert(OrderLine, lines)
    run.insert(OrderHistory, history)
    run.data["orders"] = summary


def _lines(
    run: Run, shelf: _Shelf, stamp: datetime, customer: dict, reduction_bp: int, offset: int, oid: int
) -> list[dict]:
    group = customer["default_group_id"]
    count = weighted(run.rng, LINE_COUNTS) + (run.rng.randint(0, 2) if group == PRO else 0)
    catalogue = run.data["catalogue"]
    seen, rows = set(), []
    for _ in range(count * 3):
        if len(rows) == count:
            break
        pid = shelf.pick(run, stamp)
        info = catalogue[pid]
        combo = None
        if info["combos"]:
            combo = run.rng.choices(
                info["combos"], weights=[2 if c["is_default"] else 1 for c in info["combos"]]
            )[0]
        if (pid, combo and combo["id"]) in seen:
            continue
        seen.add((pid, combo and combo["id"]))
        base_ht = info["price_ht"] + (combo["price_impact_ht"] if combo else 0)
        unit_ht = (base_ht * (10_000 - reduction_bp) / 10_000).quantize(MICRO, rounding=ROUND_HALF_UP)
        if group == PRO:
            quantity = run.rng.choice((1, 2, 2, 4, 6, 10, 12))
        else:
            quantity = weighted(run.rng, {1: 80, 2: 15, 3: 3, 4: 2}) + (
                1 if group == CSE and run.rng.random() < 0.2 else 0
            )
        rows.append(
            {
                "id": offset + len(rows) + 1,
                "order_id": oid,
                "product_id": pid,
                "combination_id": combo["id"] if combo else None,
                "name": f"{info['name']} – {combo['label']}" if combo else info["name"],
                "reference": combo["reference"] if combo else info["spec"].key.upper(),
                "quantity": quantity,
                "unit_price_ht": unit_ht,
                "unit_price_ttc": ttc_from_ht(unit_ht, info["rate"]),
                "tax_rate_bp": info["rate"],
                "customization": customization(run, pid, customer),
                "quantity_refunded": 0,
                "quantity_returned": 0,
            }
        )
    return rows


def _carrier(run: Run, postcode: str, group: int, products_ttc: Decimal) -> int:
    shares = dict(run.data["carrier_shares"])
    if postcode[:2] not in ("59", "62"):
        shares.pop(PICKUP, None)  # pick-up at the Roubaix showroom is for people nearby
    if group == PRO and products_ttc >= 600 and PALLET in shares and run.rng.random() < 0.5:
        return PALLET
    shares.pop(PALLET, None)  # pallet delivery only for large professional orders
    if sum(shares.values()) <= 0:
        shares = {carrier_id: 1 for carrier_id in run.data["carrier_shares"]}
    return weighted(run.rng, shares)
