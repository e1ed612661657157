"""Checks on the shop's contact details (Paramètres de la boutique › Contact › Coordonnées)."""

from __future__ import annotations

import re

from sandbox.services.shop_contact import FIELDS, contact_details
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, quote
from sandbox.subjects.params import Param, text


def _same(field: str, value: str) -> str:
    """How two values are compared: phone numbers by their digits, the rest folded (case, accents, spaces)."""
    return re.sub(r"\D", "", value) if field == "phone" else fold(value)


@check(
    "shop.contact",
    label="Coordonnées de la boutique",
    params={
        "field": Param("choice", "la coordonnée observée", True, choices=tuple(FIELDS)),
        "equals": text('"03 20 45 67 90" (valeur attendue)', required=False),
        "contains": text('"samedi" (texte attendu dans la valeur)', required=False),
    },
)
def shop_contact(ctx: ObserveContext, p: dict) -> Observation:
    """One of the shop's contact details equals (or contains) the expected value."""
    field = p["field"]
    value = contact_details(ctx.db)[field]
    facts = f"Boutique, {FIELDS[field].lower()} : {quote(value) if value else '(vide)'}"
    misses = []
    if "equals" in p and _same(field, value) != _same(field, p["equals"]):
        misses.append(quote(p["equals"]))
    if "contains" in p and fold(p["contains"]) not in fold(value):
        misses.append(f"contient {quote(p['contains'])}")
    return verdict(facts, misses, compared="equals" in p or "contains" in p)
