"""Checks on the shop's main menu (B-MOD-3): an entry is (or is not) in the menu, at a position."""

from __future__ import annotations

from sandbox.services.main_menu import entries
from sandbox.services.modules import module_active
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, opt_int, quote
from sandbox.subjects.params import text

KINDS = {"category": "catégorie", "page": "page", "link": "lien"}


@check(
    "main_menu.entry",
    label="Élément du menu principal de la boutique",
    params={
        "category": text('"Jardin" (nom de la catégorie attendue dans le menu)', required=False),
        "page": text('"Nos engagements" (titre de la page de la boutique attendue)', required=False),
        "link": text('"Nos magasins" (libellé du lien personnalisé attendu)', required=False),
        "present": opt_bool("true (par défaut) : dans le menu ; false : absent du menu"),
        "position": opt_int("3 (position attendue dans le menu, à partir de 1)"),
    },
    one_of=("category", "page", "link"),
    features=("B-MOD-3",),
)
def menu_entry(ctx: ObserveContext, p: dict) -> Observation:
    """Whether a category, a shop page or a custom link is in the main menu, and where."""
    kind = next(k for k in KINDS if k in p)
    shown = entries(ctx.db, visible_only=True)
    names = [e.name for e in shown]
    index = next((i for i, e in enumerate(shown)
                  if e.item.kind == kind and fold(e.name) == fold(p[kind])), None)
    what = f"{KINDS[kind]} {quote(p[kind])}"
    state = "activé" if module_active(ctx.db, "main_menu") else "désactivé"
    listed = " › ".join(names) or "(vide)"
    absent = "absent du menu" if kind == "link" else "absente du menu"
    found = f"en position {index + 1}" if index is not None else absent
    facts = f"Menu principal ({state}) : {listed} ; {what} {found}"
    wanted = p.get("present", True)
    misses = []
    if wanted and index is None:
        misses.append(f"{what} dans le menu")
    elif not wanted and index is not None:
        misses.append(f"{what} hors du menu")
    if wanted and "position" in p and index is not None and index + 1 != p["position"]:
        misses.append(f"{what} en position {p['position']}")
    if wanted and state == "désactivé":
        misses.append("module activé")
    return verdict(facts, misses)
