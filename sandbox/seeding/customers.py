"""Customers: individuals, guests, professionals (company + SIRET) and works-council members, with addresses.

Names and streets come from Faker fr_FR; towns and postcodes from communes.csv so that they match; phone
numbers are built from the region of the postcode. Accounts are dated later, from their first order.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sandbox.models import Address, Customer, CustomerGroupMember
from sandbox.seeding.common import DEMO_PASSWORD_HASH, Run, at, days, siret_for, slugify, weighted

GUEST, INDIVIDUAL, PRO, CSE = 2, 3, 4, 5
# Landline prefix by department (ARCEP zones); other departments are in zone 05 (south-west).
ZONES = {
    "01": "75 77 78 91 92 93 94 95",
    "02": "14 17 22 29 35 37 44 45 49 50 56 76 86",
    "03": "02 08 10 21 25 51 54 57 59 60 62 67 68 80 88",
    "04": "06 13 20 30 34 38 63 66 69 73 74 83 84",
}


def _zone(postcode: str) -> str:
    return next((zone for zone, depts in ZONES.items() if postcode[:2] in depts.split()), "05")


def phone(run: Run, postcode: str) -> str:
    """A French phone number: mobile (06/07) or a landline of the postcode's zone."""
    prefix = run.rng.choice(("06", "07", "06")) if run.rng.random() < 0.7 else _zone(postcode)
    digits = [prefix] + [f"{run.rng.randrange(100):02d}" for _ in range(4)]
    return " ".join(digits)


def _street(run: Run, streets: list[str]) -> str:
    """Half the time a street name found in every French town, else one made by Faker."""
    return run.rng.choice(streets) if run.rng.random() < 0.5 else run.fake.street_name()


def _address(
    run: Run,
    customer: dict[str, Any],
    alias: str,
    communes: list[tuple[str, str, int]],
    complements: list[str],
    streets: list[str],
) -> dict[str, Any]:
    city, postcode = weighted(run.rng, [((c, p), w) for c, p, w in communes])
    return {
        "alias": alias,
        "first_name": customer["first_name"],
        "last_name": customer["last_name"],
        "company": customer["company"],
        "address1": f"{run.rng.randint(1, 140)} {_street(run, streets)}",
        "address2": run.rng.choice(complements) if run.rng.random() < 0.15 else "",
        "postcode": postcode,
        "city": city,
        "country": "France",
        "phone": phone(run, postcode),
        "deleted": False,
    }


def build_customers(run: Run) -> None:
    """Customer and address rows in run.data (inserted after orders have dated the accounts)."""
    cfg = run.reader.toml("customers.toml")
    shares = {int(g["id"]): int(g["share_percent"]) for g in run.data["groups"] if int(g["share_percent"])}
    domains = [(d["domain"], d["weight"]) for d in cfg["email_domains"]]
    communes = [(c["city"], c["postcode"], int(c["weight"])) for c in run.reader.csv("communes.csv")]
    emails: set[str] = set()
    customers, addresses = [], []
    for cid in range(1, run.sizes["customers"] + 1):
        group = weighted(run.rng, shares)
        female = run.rng.random() < 0.62
        first = run.fake.first_name_female() if female else run.fake.first_name_male()
        last = run.fake.last_name()
        company = siret = ""
        if group == PRO:
            company = f"{run.rng.choice(cfg['pro_kinds'])} {run.rng.choice(cfg['pro_names'])}"
            siret = siret_for(cid)
            email = f"{slugify(first)}@{slugify(company)}.fr"
        else:
            if group == CSE:
                company = run.rng.choice(cfg["cse_companies"])
            suffix = str(run.rng.randint(1, 99)) if run.rng.random() < 0.3 else ""
            email = f"{slugify(first)}.{slugify(last)}{suffix}@{weighted(run.rng, domains)}"
        if email in emails:
            name, _, domain = email.partition("@")
            email = f"{name}{cid}@{domain}"
        emails.add(email)
        birth = date(1950, 1, 1) + days(run.rng.randrange(365 * 54))
        customer = {
            "id": cid,
            "gender": "Mme" if female else "M.",
            "first_name": first,
            "last_name": last,
            "email": email,
            "password_hash": "" if group == GUEST else DEMO_PASSWORD_HASH,
            "birthday": birth if run.rng.random() < 0.6 and group != GUEST else None,
            "company": company,
            "siret": siret,
            "newsletter": run.rng.random() < 0.45,
            "optin": run.rng.random() < 0.15,
            "active": run.rng.random() > 0.02,
            "is_guest": group == GUEST,
            "default_group_id": group,
            "note": run.rng.choice(cfg["notes"]) if run.rng.random() < 0.03 else "",
        }
        customers.append(customer)
        count = 2 if group != GUEST and run.rng.random() < 0.3 else 1
        for n in range(count):
            alias = "Mon adresse" if n == 0 else run.rng.choice(cfg["second_address_aliases"])
            row = _address(run, customer, alias, communes, cfg["address_complements"], cfg["streets"])
            row.update(id=len(addresses) + 1, customer_id=cid)
            addresses.append(row)
    run.data["customers"] = customers
    run.data["addresses"] = addresses


def insert_customers(run: Run, first_order: dict[int, datetime]) -> None:
    """Date the accounts (just before or long before their first order), insert customers and addresses."""
    customers = run.data["customers"]
    oldest = at(run.start - days(900), 9)
    for c in customers:
        first = first_order.get(c["id"])
        if first is None:
            c["created_at"] = at(
                oldest.date() + days(run.rng.randrange((run.ref - oldest.date()).days)),
                run.rng.randint(7, 22),
                run.rng.randrange(60),
            )
        elif c["is_guest"] or run.rng.random() < 0.45:
            c["created_at"] = first - timedelta(minutes=run.rng.randint(2, 25))
        else:
            c["created_at"] = max(oldest, first - days(run.rng.randint(1, 500)))
    run.insert(Customer, customers)
    members = [{"customer_id": c["id"], "group_id": c["default_group_id"]} for c in customers]
    members += [{"customer_id": c["id"], "group_id": 3} for c in customers if c["default_group_id"] == CSE]
    run.insert(CustomerGroupMember, sorted(members, key=lambda m: (m["customer_id"], m["group_id"])))
    run.insert(Address, run.data["addresses"])
