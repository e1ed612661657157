"""Checks of issue 4 part 3: credit slips, return conditions, forwarded threads, predefined replies,
customer addresses, employees and profile permissions."""

from __future__ import annotations

from sqlalchemy import func, select

from sandbox.formatting import format_money
from sandbox.models import CreditSlip, Employee, PredefinedMessage, Profile, get_setting
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, opt_int, plural, quote, yes_no
from sandbox.subjects.observables.customers import CUSTOMER, CUSTOMER_NAME, ONE_OF, _customer
from sandbox.subjects.params import Param, money, ref, text

ACTIONS = ("view", "add", "edit", "delete")
ACTION_WORDS = {"view": "voir", "add": "ajouter", "edit": "modifier", "delete": "supprimer"}


@check(
    "credit_slip.issued",
    label="Avoir sur une commande",
    params={
        "order": ref("order", '"@livree" ou la référence d\'une commande'),
        "kind": Param("choice", "avoir attendu", False, choices=("partial", "full")),
        "amount": Param("money", '"49,90" (montant TTC attendu de l\'avoir le plus récent)', False),
        "shipping": opt_bool("true si les frais de port doivent être remboursés"),
    },
)
def credit_slip_issued(ctx: ObserveContext, p: dict) -> Observation:
    """The credit slips of an order: how many, the latest amount, partial or full, shipping refunded."""
    order = ctx.get("order", p["order"])
    if order is None:
        return Observation(False, f"Commande {quote(p['order'])} introuvable")
    slips = list(
        ctx.db.scalars(select(CreditSlip).where(CreditSlip.order_id == order.id).order_by(CreditSlip.id))
    )
    if not slips:
        return Observation(False, f"Commande {order.reference} : aucun avoir — attendu : un avoir")
    last = slips[-1]
    shipping = any(s.shipping_ttc > 0 for s in slips)
    facts = (
        f"Commande {order.reference} : {plural(len(slips), 'avoir')}, le dernier n° {last.id} de "
        f"{format_money(last.amount_ttc)} ({'partiel' if last.partial else 'total'}), frais de port "
        f"remboursés : {yes_no(shipping)}"
    )
    misses = []
    if "kind" in p and (p["kind"] == "partial") != last.partial:
        misses.append("un avoir partiel" if p["kind"] == "partial" else "un remboursement total")
    if "amount" in p and last.amount_ttc != money(p["amount"]):  # the clean param is a decimal string
        misses.append(f"montant {format_money(money(p['amount']))}")
    if "shipping" in p and shipping != p["shipping"]:
        misses.append("frais de port remboursés" if p["shipping"] else "frais de port non remboursés")
    return verdict(facts, misses)


@check(
    "returns.conditions",
    label="Conditions de retour",
    params={
        "enabled": opt_bool("true si les retours doivent être activés"),
        "days": opt_int("délai de retour attendu, en jours"),
        "instructions_contains": Param("text", '"étiquette" (mot attendu dans les instructions)', False),
    },
)
def returns_conditions(ctx: ObserveContext, p: dict) -> Observation:
    """Whether returns are on, their time limit and instructions."""
    enabled = get_setting(ctx.db, "returns.enabled") == "1"
    days = get_setting(ctx.db, "returns.days")
    instructions = get_setting(ctx.db, "returns.instructions")
    facts = f"Retours produits : {'activés' if enabled else 'désactivés'}, délai {days or '?'} jours"
    misses = []
    if "enabled" in p and enabled != p["enabled"]:
        misses.append("retours activés" if p["enabled"] else "retours désactivés")
    if "days" in p and days != str(p["days"]):
        misses.append(f"délai de {p['days']} jours")
    if "instructions_contains" in p and fold(p["instructions_contains"]) not in fold(instructions):
        misses.append(f"{quote(p['instructions_contains'])} dans les instructions")
    return verdict(
        facts,
        misses,
        compared=bool(misses) or any(k in p for k in ("enabled", "days", "instructions_contains")),
    )


@check(
    "thread.forwarded",
    label="Fil SAV transféré",
    params={
        "thread": ref("thread", '"@sav_client" (fil créé dans changes.toml)'),
        "employee": text('"sophie.lefebvre@lin-et-nature.fr" (adresse e-mail de l\'employé)', False),
    },
)
def thread_forwarded(ctx: ObserveContext, p: dict) -> Observation:
    """To whom a customer-service thread was forwarded."""
    thread = ctx.get("thread", p["thread"])
    if thread is None:
        return Observation(False, f"Fil SAV {quote(p['thread'])} introuvable")
    target = ctx.db.get(Employee, thread.employee_id) if thread.employee_id else None
    if target is None:
        return Observation(False, f"Fil SAV {quote(thread.subject)} : non transféré — attendu : un transfert")
    facts = f"Fil SAV {quote(thread.subject)} : transféré à {target.full_name} ({target.email})"
    misses = (
        [f"transfert à {p['employee']}"]
        if "employee" in p and fold(p["employee"]) != fold(target.email)
        else []
    )
    return verdict(facts, misses)


@check(
    "predefined_message.exists",
    label="Message prédéfini",
    params={
        "name": text('"Délai de fabrication" (nom du message)'),
        "contains": Param("list", '["10 jours"] (mots attendus dans le message)', False),
    },
)
def predefined_exists(ctx: ObserveContext, p: dict) -> Observation:
    """A canned reply with that name, and its words."""
    wanted = fold(p["name"])
    found = next(
        (
            m
            for m in ctx.db.scalars(select(PredefinedMessage).order_by(PredefinedMessage.id.desc()))
            if fold(m.name) == wanted
        ),
        None,
    )
    if found is None:
        return Observation(False, f"Aucun message prédéfini nommé {quote(p['name'])}")
    facts = f"Message prédéfini {quote(found.name)} : {quote(found.body)}"
    return verdict(
        facts, [f"le mot {quote(w)}" for w in p.get("contains", []) if fold(w) not in fold(found.body)]
    )


@check(
    "customer.address",
    label="Adresse d'un client",
    one_of=ONE_OF,
    params={
        "customer": CUSTOMER,
        "name": CUSTOMER_NAME,
        "city": text('"Malo-les-Bains" (ville attendue)', False),
        "postcode": text('"59240" (code postal attendu)', False),
    },
)
def customer_address(ctx: ObserveContext, p: dict) -> Observation:
    """The addresses of a customer, one of which in the expected town."""
    customer, missing = _customer(ctx, p)
    if customer is None:
        return Observation(False, missing)
    addresses = [a for a in customer.addresses if not a.deleted]
    facts = f"Client {customer.full_name} : {plural(len(addresses), 'adresse')}"
    if addresses:
        facts += " (" + " ; ".join(a.one_line() for a in addresses[:3]) + ")"
    match = [
        a
        for a in addresses
        if ("city" not in p or fold(p["city"]) == fold(a.city))
        and ("postcode" not in p or p["postcode"].strip() == a.postcode)
    ]
    wanted = " ".join(p[k] for k in ("postcode", "city") if k in p)
    return verdict(facts, [] if match else [f"une adresse à {wanted}" if wanted else "une adresse"])


@check(
    "employee.exists",
    label="Compte employé",
    params={
        "email": text('"lea.martin@lin-et-nature.fr" (adresse e-mail de l\'employé)'),
        "profile": text('"Logisticien" (profil attendu)', False),
        "active": opt_bool("true si le compte doit être actif"),
    },
)
def employee_exists(ctx: ObserveContext, p: dict) -> Observation:
    """An employee account, its profile and whether it is active."""
    employee = ctx.db.scalar(select(Employee).where(func.lower(Employee.email) == p["email"].strip().lower()))
    if employee is None:
        return Observation(False, f"Aucun employé avec l'adresse {quote(p['email'])}")
    facts = (
        f"Employé {employee.full_name} ({employee.email}) : profil {employee.profile.name}, "
        f"{'actif' if employee.active else 'désactivé'}"
    )
    misses = []
    if "profile" in p and fold(p["profile"]) != fold(employee.profile.name):
        misses.append(f"profil {quote(p['profile'])}")
    if "active" in p and employee.active != p["active"]:
        misses.append("compte actif" if p["active"] else "compte désactivé")
    return verdict(facts, misses)


@check(
    "profile.permission",
    label="Permission d'un profil",
    params={
        "profile": text('"Logisticien" (nom du profil)'),
        "tab": text('"customers" (onglet : orders, customers, customer_service, catalog, stock, team…)'),
        "allowed": Param("list", '["view", "edit"] (droits attendus : view, add, edit, delete)', False),
        "denied": Param("list", '["delete"] (droits qui doivent être refusés)', False),
    },
)
def profile_permission(ctx: ObserveContext, p: dict) -> Observation:
    """The rights of a profile on a back-office tab."""
    from sandbox.services.permissions import TABS, rights_of

    wanted = fold(p["profile"])
    profile = next(
        (x for x in ctx.db.scalars(select(Profile).order_by(Profile.id)) if fold(x.name) == wanted), None
    )
    if profile is None:
        return Observation(False, f"Aucun profil nommé {quote(p['profile'])}")
    tab = p["tab"]
    rights = rights_of(ctx.db, profile.id).get(tab, set())
    words = ", ".join(ACTION_WORDS[a] for a in ACTIONS if a in rights) or "aucun droit"
    facts = f"Profil {profile.name}, onglet « {TABS.get(tab, tab)} » : {words}"
    # « supprimer » in denied would otherwise always count as refused: a silent ✓.
    unknown = [a for a in p.get("allowed", []) + p.get("denied", []) if a not in ACTIONS]
    misses = [f"des droits parmi {', '.join(ACTIONS)} (inconnus : {', '.join(unknown)})"] if unknown else []
    misses += [f"droit « {ACTION_WORDS.get(a, a)} »" for a in p.get("allowed", []) if a not in rights]
    misses += [f"sans le droit « {ACTION_WORDS.get(a, a)} »" for a in p.get("denied", []) if a in rights]
    return verdict(facts, misses, compared=bool(p.get("allowed") or p.get("denied")))
