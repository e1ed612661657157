"""Checks on review replies, search aliases, footer link lists and shop pages."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import Product
from sandbox.models.modules import SearchAlias, ShopPage
from sandbox.services.shop_content import link_blocks
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import chars, fold, opt_bool, opt_int, plain, quote
from sandbox.subjects.params import Param, ref, text


@check(
    "product_comment.reply",
    label="Réponse publique à un avis",
    params={"comment": ref("product_comment", '"@avis" (avis créé dans changes.toml)'),
            "min_chars": opt_int("longueur minimale de la réponse"),
            "contains": Param("list", '["désolés"] (mots attendus dans la réponse)', False)},
)
def product_comment_reply(ctx: ObserveContext, p: dict) -> Observation:
    """The shop answered a review publicly (published review, reply text)."""
    comment = ctx.get("product_comment", p["comment"])
    if comment is None:
        return Observation(False, f"Avis {quote(p['comment'])} introuvable (supprimé ?)")
    product = ctx.db.get(Product, comment.product_id)
    state = "publié" if comment.validated else "en attente de validation"
    answer = quote(comment.reply) if comment.reply else "aucune"
    name = quote(product.name if product else "?")
    facts = f"Avis {quote(comment.title)} sur {name} ({state}) : réponse {answer}"
    misses = [] if comment.reply else ["une réponse publique"]
    if comment.reply and not comment.validated:
        misses.append("l'avis publié (sinon la réponse ne se voit pas)")
    if comment.reply and chars(comment.reply) < p.get("min_chars", 0):
        misses.append(f"une réponse d'au moins {p['min_chars']} caractères")
    misses += [f"le mot {quote(w)}" for w in p.get("contains", []) if comment.reply and fold(w) not in
               fold(comment.reply)]
    return verdict(facts, misses)


@check(
    "search.alias",
    label="Alias de recherche",
    params={"alias": text('"couette" (mot tapé par les clients)'),
            "search": text('"housse de couette" (mot recherché attendu)', required=False)},
)
def search_alias(ctx: ObserveContext, p: dict) -> Observation:
    """A search alias exists and leads to the expected word."""
    rows = [a for a in ctx.db.scalars(select(SearchAlias)) if fold(a.alias) == fold(p["alias"])]
    if not rows:
        return Observation(False, f"Aucun alias de recherche {quote(p['alias'])}")
    alias = rows[0]
    facts = f"Alias {quote(alias.alias)} → {quote(alias.search)}"
    misses = [] if "search" not in p or fold(p["search"]) == fold(alias.search) else [quote(p["search"])]
    return verdict(facts, misses)


@check(
    "links.contains",
    label="Liens du pied de page",
    params={"label": text('"Nos magasins" (libellé du lien attendu, ou une partie)'),
            "block": text('"Informations" (titre du bloc de liens attendu)', required=False)},
)
def links_contains(ctx: ObserveContext, p: dict) -> Observation:
    """A footer link list holds a link with that label."""
    blocks = link_blocks(ctx.db)
    for block, items in blocks:
        for item in items:
            if fold(p["label"]) in fold(item.label):
                facts = f"Lien {quote(item.label)} dans le bloc {quote(block.title)}"
                wrong = "block" in p and fold(p["block"]) not in fold(block.title)
                return verdict(facts, [f"dans le bloc {quote(p['block'])}"] if wrong else [])
    titles = ", ".join(quote(b.title) for b, _ in blocks) or "aucun bloc"
    return Observation(False, f"Aucun lien {quote(p['label'])} dans le pied de page ({titles})")


@check(
    "shop_page.exists",
    label="Page de la boutique",
    params={"title": text('"Nos magasins" (titre de la page)', names="ShopPage"),
            "active": opt_bool("true si la page doit être affichée"),
            "min_chars": opt_int("longueur minimale du contenu"),
            "meta_title": opt_bool("true si une balise titre est attendue"),
            "meta_description": opt_bool("true si une méta description est attendue")},
)
def shop_page_exists(ctx: ObserveContext, p: dict) -> Observation:
    """A shop page exists: shown or not, content length, meta tags, friendly URL."""
    pages = list(ctx.db.scalars(select(ShopPage).order_by(ShopPage.id.desc())))
    page = next((x for x in pages if fold(x.title) == fold(p["title"])), None) or next(
        (x for x in pages if fold(p["title"]) in fold(x.title)), None)
    if page is None:
        return Observation(False, f"Aucune page de la boutique nommée {quote(p['title'])}")
    size = len(plain(page.content))
    facts = (f"Page {quote(page.title)} ({'affichée' if page.active else 'masquée'}), {size} caractère(s), "
             f"URL simplifiée {page.slug}, balise titre "
             f"{quote(page.meta_title) if page.meta_title else '(vide)'}")
    misses = []
    if "active" in p and page.active != p["active"]:
        misses.append("affichée" if p["active"] else "masquée")
    if size < p.get("min_chars", 1):
        misses.append(f"un contenu d'au moins {p.get('min_chars', 1)} caractère(s)")
    if p.get("meta_title") and not page.meta_title:
        misses.append("une balise titre")
    if p.get("meta_description") and not page.meta_description:
        misses.append("une méta description")
    return verdict(facts, misses)
