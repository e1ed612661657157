"""Checks on settings (return window, payee, new-product days, comment moderation…)."""

from __future__ import annotations

from sandbox.models import get_setting
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, quote
from sandbox.subjects.params import text


@check(
    "setting.equals",
    label="Réglage",
    params={
        "key": text('"returns.days" (clé du réglage)'),
        "value": text('"30" (valeur attendue)'),
        "label": text('"Délai de retour (jours)" (nom du réglage lu par l\'examinateur)', required=False),
    },
)
def setting_equals(ctx: ObserveContext, p: dict) -> Observation:
    """A setting has the expected value (compared without case, accents or extra spaces)."""
    value = get_setting(ctx.db, p["key"])
    facts = f"{p.get('label', 'Réglage ' + p['key'])} : {quote(value) if value else '(vide)'}"
    return verdict(facts, [] if fold(value) == fold(p["value"]) else [quote(p["value"])])
