"""Checks on the shop modules and the home page: module on/off and config, carousel, home order."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import Category, Product
from sandbox.services.home_blocks import slides
from sandbox.services.modules import HOME_BLOCKS, MODULES, home_order, module_state
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, opt_int, quote, yes_no
from sandbox.subjects.params import Param, ref, text

BLOCKS = tuple(HOME_BLOCKS)


def _shown(value) -> str:
    if value is None:  # every option of a module has a value (its default at least): the key is unknown
        return "(option inconnue)"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(aucun)"
    return quote(str(value)) if isinstance(value, str) else str(value)


@check(
    "module.state",
    label="Module de la boutique",
    params={
        "module": Param("choice", "le code du module", True, choices=tuple(MODULES)),
        "active": opt_bool("true si le module doit être activé, false désactivé"),
        "key": text('"count" (option de configuration observée)', required=False),
        "value": text('"4" (valeur attendue de l\'option)', required=False),
    },
)
def module_state_check(ctx: ObserveContext, p: dict) -> Observation:
    """A module is on or off, and one of its options has the expected value."""
    spec = MODULES[p["module"]]
    active, config = module_state(ctx.db, spec.code)
    facts = f"Module {quote(spec.name)} : {'activé' if active else 'désactivé'}"
    misses = []
    if "active" in p and active != p["active"]:
        misses.append("activé" if p["active"] else "désactivé")
    if "key" in p:
        labels = {o.key: o.label.lower() for o in spec.options}
        value = config.get(p["key"])
        facts += f", {labels.get(p['key'], p['key'])} {_shown(value)}"
        raw = str(int(value)) if isinstance(value, bool) else str(value)
        if "value" in p and fold(p["value"]) not in (fold(raw), fold(_shown(value))):
            misses.append(f"{labels.get(p['key'], p['key'])} {quote(p['value'])}")
    elif "value" in p:  # a value without its option cannot be compared: never a silent ✓
        misses.append(f"l'option (paramètre key) dont la valeur doit être {quote(p['value'])}")
    return verdict(facts, misses, compared="active" in p or "value" in p)


@check(
    "module.featured",
    label="Produits phares",
    params={
        "count": opt_int("nombre de produits attendu"),
        "category": ref("category", '"Linge de lit" (catégorie attendue)', required=False),
        "random": opt_bool("true si l'ordre doit être aléatoire"),
    },
)
def featured(ctx: ObserveContext, p: dict) -> Observation:
    """Configuration of the featured products module."""
    active, config = module_state(ctx.db, "featured")
    category = ctx.db.get(Category, config.get("category_id") or 1)
    facts = (
        f"Produits phares {'activé' if active else 'désactivé'} : {config['count']} produit(s), "
        f"catégorie {quote(category.name if category else '?')}, "
        f"ordre aléatoire {yes_no(config['random'])}"
    )
    misses = []
    if "count" in p and config["count"] != p["count"]:
        misses.append(f"{p['count']} produit(s)")
    if "category" in p:
        wanted = ctx.get("category", p["category"])
        if wanted is None or category is None or wanted.id != category.id:
            misses.append(f"catégorie {quote(p['category'])}")
    if "random" in p and bool(config["random"]) != p["random"]:
        misses.append(f"ordre aléatoire {yes_no(p['random'])}")
    return verdict(facts, misses, compared=bool(p))


@check(
    "carousel.slide",
    label="Diapositive du carrousel",
    params={
        "title": text('"Soldes d\'été" (titre attendu, ou une partie)', required=False),
        "product": ref(
            "product", '"@plaid" ou la référence du produit vers lequel la diapositive mène', required=False
        ),
        "product_name": text('"Plaid Ardoise" (nom du produit lié)', required=False),
    },
)
def carousel_slide(ctx: ObserveContext, p: dict) -> Observation:
    """A carousel slide exists (by title) and links to the expected product."""
    rows = slides(ctx.db)
    if "title" in p:
        rows = [s for s in rows if fold(p["title"]) in fold(s.title)]
    wanted_ids: set[int] | None = None
    if "product" in p:
        product = ctx.get("product", p["product"])
        wanted_ids = {product.id} if product else set()
    elif "product_name" in p:
        wanted_ids = {
            pid
            for pid, name in ctx.db.execute(select(Product.id, Product.name)).all()
            if fold(p["product_name"]) in fold(name)
        }
    linked = [s for s in rows if wanted_ids is None or s.product_id in wanted_ids]
    total = len(slides(ctx.db))
    if not linked:
        what = f" titrée {quote(p['title'])}" if "title" in p else ""
        target = " menant au produit attendu" if wanted_ids is not None else ""
        return Observation(False, f"Carrousel : {total} diapositive(s), aucune{what}{target}")
    slide = linked[0]
    product = ctx.db.get(Product, slide.product_id) if slide.product_id else None
    facts = (
        f"Diapositive {quote(slide.title)} ({'affichée' if slide.active else 'masquée'}), "
        f"lien : {quote(product.name) if product else 'aucun produit'} ; {total} diapositive(s) en tout"
    )
    return verdict(facts, [] if slide.active else ["diapositive affichée"])


@check(
    "home.order",
    label="Ordre des blocs de la page d'accueil",
    params={
        "first": Param("choice", "le bloc attendu en tête", False, choices=BLOCKS),
        "before": Param("choice", "un bloc qui doit venir avant « after »", False, choices=BLOCKS),
        "after": Param("choice", "le bloc qui doit venir après « before »", False, choices=BLOCKS),
    },
)
def home_order_check(ctx: ObserveContext, p: dict) -> Observation:
    """Order of the home blocks (first block, or one block before another)."""
    order = home_order(ctx.db)
    facts = "Page d'accueil : " + " › ".join(HOME_BLOCKS[c][0] for c in order)
    misses = []
    if "first" in p and order[0] != p["first"]:
        misses.append(f"{HOME_BLOCKS[p['first']][0]} en premier")
    if "before" in p and "after" in p and order.index(p["before"]) > order.index(p["after"]):
        misses.append(f"{HOME_BLOCKS[p['before']][0]} avant {HOME_BLOCKS[p['after']][0]}")
    return verdict(facts, misses, compared=bool(p))
