"""Shop CMS pages (B-LNK-1), footer link lists (B-APP-4) and search aliases (B-NAV-2)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Category, Product
from sandbox.models.modules import LinkBlock, LinkBlockItem, SearchAlias, ShopPage
from sandbox.services import ServiceError
from sandbox.services.catalogue import slugify

LINK_KINDS = {"page": "Page de la boutique", "category": "Catégorie", "product": "Produit",
              "url": "Lien personnalisé"}


@dataclass
class PageInput:
    """What the page form sends."""

    title: str
    content: str = ""
    active: bool = True
    slug: str = ""
    meta_title: str = ""
    meta_description: str = ""


def pages(db: Session, active_only: bool = False) -> list[ShopPage]:
    """Shop pages in their order."""
    stmt = select(ShopPage).order_by(ShopPage.position, ShopPage.id)
    return list(db.scalars(stmt.where(ShopPage.active.is_(True)) if active_only else stmt))


def save_page(db: Session, page: ShopPage | None, data: PageInput) -> ShopPage:
    """Create or update a shop page (title required, friendly URL checked)."""
    title = data.title.strip()
    if not title:
        raise ServiceError("Indiquez le titre de la page.", "title")
    slug = data.slug.strip()
    if slug and slugify(slug) != slug:
        raise ServiceError("L'URL simplifiée ne peut contenir que des minuscules sans accent, des chiffres "
                           f"et des tirets (proposition : {slugify(slug) or 'ma-page'}).", "slug")
    if page is None:
        last = db.scalar(select(func.max(ShopPage.position))) or 0
        page = ShopPage(title=title, slug="", position=last + 1)
        db.add(page)
    page.title, page.content, page.active = title, data.content.strip(), data.active
    page.slug = slug or slugify(title) or "page"
    page.meta_title, page.meta_description = data.meta_title.strip(), data.meta_description.strip()
    db.flush()
    return page


def link_blocks(db: Session) -> list[tuple[LinkBlock, list[LinkBlockItem]]]:
    """Footer link lists with their links, in order."""
    blocks = list(db.scalars(select(LinkBlock).order_by(LinkBlock.position, LinkBlock.id)))
    items = list(db.scalars(select(LinkBlockItem).order_by(LinkBlockItem.position, LinkBlockItem.id)))
    return [(b, [i for i in items if i.block_id == b.id]) for b in blocks]


def add_link_block(db: Session, title: str) -> LinkBlock:
    """Create an empty footer link list."""
    title = (title or "").strip()
    if not title:
        raise ServiceError("Indiquez le titre du bloc de liens.", "title")
    last = db.scalar(select(func.max(LinkBlock.position))) or 0
    block = LinkBlock(title=title, position=last + 1)
    db.add(block)
    db.flush()
    return block


def add_link(db: Session, block_id: int, kind: str, target_id: int | None, label: str,
             url: str) -> LinkBlockItem:
    """Add a link to a footer list: a shop page, category, product, or a custom address."""
    block = db.get(LinkBlock, block_id)
    if block is None:
        raise ServiceError("Ce bloc de liens n'existe pas.")
    if kind not in LINK_KINDS:
        raise ServiceError("Choisissez le type de lien.", "kind")
    label, url = (label or "").strip(), (url or "").strip()
    if kind == "url":
        if not url:
            raise ServiceError("Indiquez l'adresse du lien personnalisé.", "url")
        if not label:
            raise ServiceError("Indiquez le libellé du lien personnalisé.", "label")
        target_id = None
    else:
        model = {"page": ShopPage, "category": Category, "product": Product}[kind]
        target = db.get(model, target_id) if target_id else None
        if target is None:
            raise ServiceError(f"Choisissez la cible du lien ({LINK_KINDS[kind].lower()}).", "target_id")
        label = label or getattr(target, "title", None) or target.name
        url = ""
    last = db.scalar(select(func.max(LinkBlockItem.position)).where(LinkBlockItem.block_id == block_id)) or 0
    item = LinkBlockItem(block_id=block_id, kind=kind, target_id=target_id, label=label, url=url,
                         position=last + 1)
    db.add(item)
    db.flush()
    return item


def fold(text: str) -> str:
    """Lower case without accents (how aliases and searches are compared)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def aliases(db: Session) -> list[SearchAlias]:
    """Search aliases by alias."""
    return list(db.scalars(select(SearchAlias).order_by(SearchAlias.alias)))


def add_alias(db: Session, alias: str, search: str) -> SearchAlias:
    """Make what customers type (a word or an expression: « serviette de bain ») find other words."""
    alias, search = " ".join((alias or "").split()), " ".join((search or "").split())
    if not alias:
        raise ServiceError("Indiquez l'alias : le mot ou l'expression que tapent les clients.", "alias")
    if not search:
        raise ServiceError("Indiquez le mot à rechercher à la place.", "search")
    if fold(alias) == fold(search):
        raise ServiceError("L'alias et le mot recherché doivent être différents.", "search")
    if any(fold(a.alias) == fold(alias) for a in aliases(db)):
        raise ServiceError("Cet alias existe déjà.", "alias")
    row = SearchAlias(alias=alias, search=search)
    db.add(row)
    db.flush()
    return row


def apply_aliases(db: Session, words: list[str]) -> list[str]:
    """The words of a search, each alias (one or several words in a row) replaced by its search words."""
    table = {tuple(fold(a.alias).split()): fold(a.search).split() for a in aliases(db)}
    longest = max(map(len, table), default=1)
    folded = [fold(word) for word in words]
    result: list[str] = []
    start = 0
    while start < len(words):
        # The longest alias starting here wins: « serviette de bain » before a one-word alias « serviette ».
        for size in range(min(longest, len(words) - start), 0, -1):
            found = table.get(tuple(folded[start : start + size]))
            if found is not None:
                result.extend(found)
                start += size
                break
        else:
            result.append(words[start])
            start += 1
    return result
