"""Checks on customers: an account exists, its groups, its private note."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import Customer
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, quote
from sandbox.subjects.params import Param, ref, text

CUSTOMER = ref("customer", "\"@client\" ou l'adresse e-mail d'un client", False)
CUSTOMER_NAME = text('"Julie Martin" (prénom et nom du client)', required=False, names="Customer")
ONE_OF = ("customer", "name")


def _customer(ctx: ObserveContext, p: dict) -> tuple[Customer | None, str]:
    if "customer" in p:
        return ctx.get("customer", p["customer"]), f"Client {quote(p['customer'])} introuvable"
    wanted = fold(p["name"])
    rows = ctx.db.execute(
        select(Customer.id, Customer.first_name, Customer.last_name).order_by(Customer.id.desc())
    ).all()
    found = next((cid for cid, first, last in rows if fold(f"{first} {last}") == wanted), None)
    return (ctx.db.get(Customer, found) if found else None), f"Aucun client nommé {quote(p['name'])}"


@check(
    "customer.exists",
    label="Compte client",
    one_of=ONE_OF,
    params={
        "customer": CUSTOMER,
        "name": CUSTOMER_NAME,
        "company": text('"Gîte des Dunes" (société attendue)', required=False),
        "newsletter": opt_bool("true si l'inscription à la lettre d'information est attendue"),
    },
)
def customer_exists(ctx: ObserveContext, p: dict) -> Observation:
    """A customer account (created during the test, or seeded), with its company and newsletter flag."""
    customer, missing = _customer(ctx, p)
    if customer is None:
        return Observation(False, missing)
    facts = (
        f"Client {customer.full_name} ({customer.email}) : société {customer.company or '(vide)'}, "
        f"lettre d'information {'oui' if customer.newsletter else 'non'}"
    )
    misses = []
    if "company" in p and fold(p["company"]) not in fold(customer.company):
        misses.append(f"société {quote(p['company'])}")
    if "newsletter" in p and customer.newsletter != p["newsletter"]:
        misses.append("inscrit à la lettre d'information" if p["newsletter"] else "non inscrit")
    return verdict(facts, misses)


@check(
    "customer.group",
    label="Groupe d'un client",
    one_of=ONE_OF,
    params={
        "customer": CUSTOMER,
        "name": CUSTOMER_NAME,
        "group": text('"Professionnels" (groupe attendu)'),
        "default": Param("bool", "true si ce groupe doit aussi être le groupe par défaut", False, False),
    },
)
def customer_group(ctx: ObserveContext, p: dict) -> Observation:
    """Groups of a customer and its default group."""
    customer, missing = _customer(ctx, p)
    if customer is None:
        return Observation(False, missing)
    names = [g.name for g in customer.groups]
    default = customer.default_group.name
    facts = (
        f"Client {customer.full_name} : groupes {', '.join(names) or '(aucun)'} ; groupe par défaut {default}"
    )
    misses = []
    if fold(p["group"]) not in {fold(n) for n in names}:
        misses.append(f"membre du groupe {quote(p['group'])}")
    if p["default"] and fold(default) != fold(p["group"]):
        misses.append(f"groupe par défaut {quote(p['group'])}")
    return verdict(facts, misses)


@check(
    "customer.note",
    label="Note privée d'un client",
    one_of=ONE_OF,
    params={
        "customer": CUSTOMER,
        "name": CUSTOMER_NAME,
        "contains": Param("list", '["salon"] (mots attendus dans la note)', False),
    },
)
def customer_note(ctx: ObserveContext, p: dict) -> Observation:
    """The private note of a customer (written, and holding the expected words)."""
    customer, missing = _customer(ctx, p)
    if customer is None:
        return Observation(False, missing)
    note = customer.note.strip()
    facts = f"Client {customer.full_name} : note privée {quote(note) if note else '(vide)'}"
    misses = [] if note else ["une note privée"]
    misses += [f"le mot {quote(w)}" for w in p.get("contains", []) if fold(w) not in fold(note)]
    return verdict(facts, misses)
