"""Helpers shared by the check types: finding the observed object, measuring texts, French wording."""

from __future__ import annotations

import unicodedata
from html import unescape

import nh3
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from sandbox.models import Attribute, Combination, Product
from sandbox.subjects.params import Param, ref, text

PRODUCT_PARAMS = {
    "product": ref("product", '"@plaid" ou la référence d\'un produit du contexte', required=False),
    "name": text('"Plaid Ardoise" (nom du produit créé par le candidat)', required=False, names="Product"),
}


def opt_int(help_: str) -> Param:
    """An optional whole-number expectation (0 or more)."""
    return Param("int", help_, False, minimum=0)


def opt_bool(help_: str) -> Param:
    """An optional yes/no expectation."""
    return Param("bool", help_, False)


def fold(value: str) -> str:
    """Lower case without accents, to compare what a candidate typed with the subject's words."""
    text_ = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode("ascii")
    return " ".join(text_.lower().split())


def plain(html: str) -> str:
    """Readable text of an HTML or plain field, spaces collapsed."""
    return " ".join(unescape(nh3.clean(html or "", tags=set())).split())


def chars(html: str) -> int:
    """Length in characters of the readable text of a field."""
    return len(plain(html))


def quote(value: str, limit: int = 60) -> str:
    """« value », shortened."""
    value = " ".join((value or "").split())
    return f"« {value[:limit]}… »" if len(value) > limit else f"« {value} »"


def yes_no(value: bool) -> str:
    """oui / non."""
    return "oui" if value else "non"


def plural(count: int, word: str, words: str | None = None) -> str:
    """« 1 déclinaison », « 4 déclinaisons »."""
    return f"{count} {word if count <= 1 else (words or word + 's')}"


def length_misses(label: str, count: int, low: int | None, high: int | None) -> list[str]:
    """Expectation misses of a length between low and high characters."""
    misses = []
    if low is not None and count < low:
        misses.append(f"{label} d'au moins {low} caractères")
    if high is not None and count > high:
        misses.append(f"{label} d'au plus {high} caractères")
    return misses


def find_product(ctx, p: dict) -> tuple[Product | None, str]:
    """The observed product (named, seeded or found by name) and how to call it when it is missing."""
    if "product" in p:
        return ctx.get("product", p["product"]), f"Produit {quote(p['product'])} introuvable"
    wanted = fold(p["name"])
    rows = ctx.db.execute(select(Product.id, Product.name).order_by(Product.id.desc())).all()
    exact = [pid for pid, name in rows if fold(name) == wanted]
    partial = [pid for pid, name in rows if wanted in fold(name)]
    pid = (exact or partial or [None])[0]
    return (ctx.db.get(Product, pid) if pid else None), f"Aucun produit nommé {quote(p['name'])}"


def count_of(ctx, stmt) -> int:
    """COUNT(*) of a select."""
    return ctx.db.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def combinations_of(ctx, product: Product) -> list[Combination]:
    """A product's combinations with their attribute values and groups, in three queries (not one per row)."""
    key = ("combinations", product.id)
    if key not in ctx.memo:  # read once per observation run, however many checks look at the product
        ctx.memo[key] = list(
            ctx.db.scalars(
                select(Combination)
                .where(Combination.product_id == product.id)
                .order_by(Combination.id)
                .options(selectinload(Combination.attributes).selectinload(Attribute.group))
            )
        )
    return ctx.memo[key]
