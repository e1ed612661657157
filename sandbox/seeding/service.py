"""After-sales: product reviews, customer-service threads and merchandise return requests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update

from sandbox.models import (
    CustomerMessage,
    CustomerThread,
    OrderLine,
    ProductComment,
    ReturnLine,
    ReturnRequest,
)
from sandbox.seeding.common import Run, at, days, fill, slugify, weighted
from sandbox.seeding.order_parts import working_time


def _remarks_for(cfg: dict, kinds: dict[int, str], info: dict) -> list[dict]:
    """Remarks that suit a product: those of its kind, unless limited (`only`) to other families."""
    family = info["spec"].row["key"]
    return [
        r for r in cfg["remarks"].get(kinds.get(info["top"], ""), []) if family in r.get("only", [family])
    ]


def seed_reviews(run: Run) -> None:
    """Product comments from customers of delivered orders; recent ones partly still awaiting moderation."""
    cfg = run.reader.toml("reviews.toml")
    kinds = {int(v): k for k, v in cfg["kinds"].items()}
    shares = {int(g): w for g, w in cfg["grades"].items()}
    delivered = [(o, line) for o in run.data["orders"] if o["state"] == "delivered" for line in o["lines"]]
    catalogue = run.data["catalogue"]
    seen, used, rows = set(), set(), []
    # The same remark twice on one product would show; only very large sizes need to repeat remarks.
    capacity = sum(len(_remarks_for(cfg, kinds, info)) for info in catalogue.values())
    repeat = run.sizes["product_comments"] > capacity // 2
    for _ in range(run.sizes["product_comments"] * 4):
        if len(rows) == run.sizes["product_comments"] or not delivered:
            break
        order, line = run.rng.choice(delivered)
        pid, customer = line["product_id"], order["customer"]
        remarks = [
            r for r in _remarks_for(cfg, kinds, catalogue[pid]) if repeat or (pid, r["text"]) not in used
        ]
        when = at(
            order["delivered"].date() + days(run.rng.randint(2, 45)),
            run.rng.randint(7, 23),
            run.rng.randrange(60),
        )
        if (pid, customer["id"]) in seen or not remarks or when >= run.now:
            continue
        grade = weighted(run.rng, {g: shares[g] for g in sorted({r["grade"] for r in remarks}, reverse=True)})
        remark = run.rng.choice([r for r in remarks if r["grade"] == grade])
        seen.add((pid, customer["id"]))
        used.add((pid, remark["text"]))
        closing = run.rng.choice(cfg["closings"][str(grade)]) if run.rng.random() < 0.5 else ""
        rows.append(
            {
                "product_id": pid,
                "customer_id": customer["id"],
                "author_name": f"{customer['first_name']} {customer['last_name'][0]}.",
                "title": run.rng.choice(cfg["titles"][str(grade)]),
                "body": f"{remark['text']} {closing}".strip(),
                "grade": grade,
                "validated": not (when > run.now - days(20) and run.rng.random() < 0.6),
                "created_at": when,
            }
        )
    rows.sort(key=lambda r: (r["created_at"], r["product_id"]))
    for n, row in enumerate(rows, start=1):
        row["id"] = n
    run.insert(ProductComment, rows)


def _thread_date(run: Run, status: str, earliest: datetime) -> datetime:
    """Open threads are recent; closed ones happened any time (but leave room for the replies)."""
    latest = run.now - days(3 if status != "closed" else 6)
    start = max(
        earliest, latest - days(12) if status != "closed" else run.now - days(run.sizes["months"] * 30)
    )
    span = max(int((latest - start).total_seconds() // 60), 1)
    return _daytime(start + timedelta(minutes=run.rng.randrange(span)))


def _daytime(when: datetime) -> datetime:
    """People write between 7 a.m. and midnight."""
    return when + timedelta(hours=8) if when.hour < 7 else when


def _fits(order: dict, scenario: dict) -> bool:
    """Whether an order suits a thread scenario's optional filters (group, payment, state, customized)."""
    return (
        scenario.get("group") in (None, order["customer"]["default_group_id"])
        and scenario.get("payment") in (None, order["payment"])
        and scenario.get("state") in (None, order["state"])
        and (not scenario.get("customized") or any(line["customization"] for line in order["lines"]))
    )


def seed_threads(run: Run) -> None:
    """Customer-service threads built from the scenarios of service.toml, with their messages."""
    scenarios = run.reader.toml("service.toml").get("thread", [])
    employees = run.data["employees"]
    orders = [o for o in run.data["orders"] if o["state"] not in ("cancelled", "payment_error")]
    customers = [c for c in run.data["customers"] if not c["is_guest"]] or run.data["customers"]
    scenarios = [s for s in scenarios if s.get("about") != "order" or orders]
    threads, messages = [], []
    order_of = run.rng.sample(range(len(scenarios)), len(scenarios)) if scenarios else []
    for n in range(run.sizes["customer_threads"] if scenarios else 0):
        scenario = scenarios[order_of[n % len(scenarios)]]
        status, about = scenario["status"], scenario["about"]
        order = product = customer = None
        group = scenario.get("group")
        if about == "order":
            pool = [o for o in orders if _fits(o, scenario)]
            recent = [o for o in pool if (o["stamp"] > run.now - days(20)) == (status != "closed")]
            order = run.rng.choice(recent or pool or orders)
            customer = order["customer"]
            if recent:  # written some hours after ordering, or after delivery (scenario's after/delay_hours)
                base = (
                    order["delivered"]
                    if scenario.get("after") == "delivery" and order["delivered"]
                    else order["stamp"]
                )
                low, high = scenario.get("delay_hours", [20, 190])
                created = _daytime(base + timedelta(hours=run.rng.randint(low, high)))
                created = max(
                    min(created, run.now - timedelta(hours=run.rng.randint(2, 30))), base + timedelta(hours=1)
                )
            else:
                created = _thread_date(run, status, order["stamp"] + timedelta(hours=2))
        else:
            created = _thread_date(run, status, at(run.start, 9))
            if about == "product":
                product = run.keys["product"][scenario["product"]]
                created = max(created, run.data["catalogue"][product]["created"] + days(1))
                customer = run.rng.choice(
                    [
                        c
                        for c in customers
                        if c["created_at"] < created and group in (None, c["default_group_id"])
                    ]
                    or customers
                )
        if customer is None:
            first, last = run.fake.first_name(), run.fake.last_name()
            email = (
                f"{slugify(first)}.{slugify(last)}@{run.rng.choice(('gmail.com', 'orange.fr', 'free.fr'))}"
            )
        else:
            first, last, email = customer["first_name"], customer["last_name"], customer["email"]
        staff = run.data["staff"]  # mostly the customer-service employee, sometimes the manager
        employee = run.rng.choice((staff["service"],) * 3 + (staff["admin"],))
        values = {
            "ref": order["reference"] if order else "",
            "prenom": first,
            "nom": last,
            "signature": employees[employee]["first_name"],
            "produit": run.data["catalogue"][product]["name"] if product else "",
        }
        threads.append(
            {
                "id": n + 1,
                "customer_id": customer["id"] if customer else None,
                "email": email,
                "contact": "Service client",
                "subject": scenario["subject"],
                "order_id": order["id"] if order else None,
                "product_id": product,
                "status": status,
                "created_at": created,
            }
        )
        when = created
        for m, message in enumerate(scenario["messages"]):
            staff = message["from"] == "employee"
            if m:
                when = (
                    working_time(run, when + timedelta(hours=run.rng.randint(2, 26)))
                    if staff
                    else (when + timedelta(hours=run.rng.randint(3, 30)))
                )
            if when >= run.now:
                break
            messages.append(
                {
                    "id": len(messages) + 1,
                    "thread_id": n + 1,
                    "employee_id": employee if staff else None,
                    "body": fill(message["text"], **values),
                    "private": bool(message.get("private")),
                    "created_at": when,
                }
            )
    run.insert(CustomerThread, threads)
    run.insert(CustomerMessage, messages)


def _return_states(count: int) -> list[str]:
    """States from the oldest request to the newest (at least two « validated » when there are 2 or more)."""
    if count < 5:
        return (["validated"] * min(count, 2) + ["awaiting"] * count)[:count]
    counts = {
        "completed": count // 5,
        "refused": max(1, count // 10),
        "received": count // 10,
        "validated": max(2, count * 3 // 10),
    }
    states = [s for s, c in counts.items() for _ in range(c)]
    return states + ["awaiting"] * (count - len(states))


def seed_returns(run: Run) -> None:
    """Return requests on recently delivered orders of individuals, in every state."""
    reasons = run.reader.toml("service.toml")["returns"]["reasons"]
    candidates = [
        o
        for o in run.data["orders"]
        if o["state"] == "delivered"
        and o["delivered"] > run.now - days(45)
        and not o["customer"]["is_guest"]
        and o["customer"]["default_group_id"] != 4
        and any(not line["customization"] for line in o["lines"])
    ]
    chosen = sorted(
        run.rng.sample(candidates, min(len(candidates), run.sizes["return_requests"])),
        key=lambda o: o["delivered"],
    )
    requests, lines = [], []
    for n, (order, state) in enumerate(zip(chosen, _return_states(len(chosen)), strict=True), start=1):
        line = run.rng.choice([line for line in order["lines"] if not line["customization"]])
        quantity = run.rng.randint(1, line["quantity"])
        created = min(order["delivered"] + days(run.rng.randint(1, 12)), run.now - timedelta(hours=n))
        requests.append(
            {
                "id": n,
                "order_id": order["id"],
                "customer_id": order["customer"]["id"],
                "state": state,
                "reason": run.rng.choice(reasons),
                "created_at": created,
            }
        )
        lines.append({"return_id": n, "order_line_id": line["id"], "quantity": quantity})
        if state in ("received", "completed"):
            values = {"quantity_returned": quantity}
            if state == "completed":
                values["quantity_refunded"] = quantity
            run.db.execute(update(OrderLine).where(OrderLine.id == line["id"]).values(**values))
    run.insert(ReturnRequest, requests)
    run.insert(ReturnLine, lines)
