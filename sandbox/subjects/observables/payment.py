"""Checks on payment: a method on or off with its details, and its restrictions by group or carrier."""

from __future__ import annotations

from sandbox.models import get_setting
from sandbox.services import payment as payments
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, quote
from sandbox.subjects.observables.shipping import find_carrier
from sandbox.subjects.params import Param, ref, text

METHOD = Param("choice", "le moyen de paiement (cheque : chèque, wire : virement)", True,
               choices=tuple(payments.MODULES))
# Detail parameter → (setting key, French label), per module.
DETAILS = {
    "payee": ("payment.cheque.payee", "ordre du chèque"),
    "address": ("payment.cheque.address", "adresse d'envoi"),
    "owner": ("payment.wire.owner", "titulaire"),
    "iban": ("payment.wire.iban", "IBAN"),
    "bic": ("payment.wire.bic", "BIC"),
    "bank": ("payment.wire.bank", "adresse de la banque"),
    "details": ("payment.wire.details", "informations complémentaires"),
}


def _same(key: str, wanted: str, value: str) -> bool:
    if key in ("iban", "bic"):
        return payments.compact_iban(wanted) == payments.compact_iban(value)
    return fold(wanted) == fold(value)


@check(
    "payment.method",
    features=("B-MOD-8",),
    label="Moyen de paiement",
    params={
        "method": METHOD,
        "active": opt_bool("true si le moyen de paiement doit être activé, false désactivé"),
        "payee": text('"Lin et Nature SARL" (ordre du chèque attendu)', required=False),
        "address": text('"BP 12, 59100 Roubaix" (adresse d\'envoi du chèque)', required=False),
        "owner": text('"Lin et Nature SARL" (titulaire du compte attendu)', required=False),
        "iban": text('"FR76 3000 6000 0112 3456 7890 189" (IBAN attendu)', required=False),
        "bic": text('"AGRIFRPP" (BIC attendu)', required=False),
        "bank": text('"Crédit Agricole, Lille" (adresse de la banque attendue)', required=False),
        "details": text('"Indiquez la référence de commande" (informations complémentaires)', required=False),
    },
)
def payment_method(ctx: ObserveContext, p: dict) -> Observation:
    """A payment method is on or off, and its cheque or bank details equal the given values."""
    module = p["method"]
    active = payments.is_enabled(ctx.db, module)
    facts = f"{payments.MODULES[module]} : {'activé' if active else 'désactivé'}"
    misses = []
    if "active" in p and active != p["active"]:
        misses.append("activé" if p["active"] else "désactivé")
    for key, (setting, label) in DETAILS.items():
        if key in p:
            value = get_setting(ctx.db, setting)
            facts += f", {label} {quote(value) if value else '(vide)'}"
            if not _same(key, p[key], value):
                misses.append(f"{label} {quote(p[key])}")
    return verdict(facts, misses, compared=bool(set(p) - {"method"}))


@check(
    "payment.restriction",
    features=("B-MOD-8",),
    label="Restriction d'un moyen de paiement",
    one_of=("group", "carrier"),
    params={
        "method": METHOD,
        "group": ref("group", '"Professionnels" (groupe de clients)', required=False),
        "carrier": text('"Colissimo" (mots du nom du transporteur)', required=False),
        "allowed": opt_bool("true si le moyen doit être proposé à ce groupe / transporteur, false refusé"),
    },
)
def payment_restriction(ctx: ObserveContext, p: dict) -> Observation:
    """Whether a payment method is offered to a customer group, or with a carrier."""
    module = p["method"]
    name = payments.MODULES[module]
    if "group" in p:
        target = ctx.get("group", p["group"])
        kind, what = "groups", f"groupe {quote(p['group'])}"
        if target is None:
            return Observation(False, f"Aucun groupe de clients nommé {quote(p['group'])}")
    else:
        target = find_carrier(ctx, p["carrier"])
        kind, what = "carriers", f"transporteur {quote(p['carrier'])}"
        if target is None:
            return Observation(False, f"Aucun transporteur nommé {quote(p['carrier'])}")
    ids = payments.restriction(ctx.db, module, kind)
    allowed = ids is None or target.id in ids
    facts = f"{name} {'proposé' if allowed else 'non proposé'} pour le {what}"
    if not payments.is_enabled(ctx.db, module):
        facts += f" ({name} désactivé)"
    misses = []
    if "allowed" in p and allowed != p["allowed"]:
        misses.append("proposé" if p["allowed"] else "non proposé")
    return verdict(facts, misses, compared="allowed" in p)
