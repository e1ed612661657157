"""Catalogue › Commentaires produits (B-MOD-7, X-REL-3): moderation, public replies, e-reputation figures."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now, seat_today
from sandbox.formatting import format_month
from sandbox.models import Product, ProductComment
from sandbox.services import ServiceError

STATUSES = {"pending": "En attente de validation", "validated": "Publiés", "all": "Tous"}


def average(grades: list[int]) -> Decimal | None:
    """Mean grade to one decimal, or None without grades."""
    if not grades:
        return None
    return (Decimal(sum(grades)) / len(grades)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def comments(db: Session, status: str) -> list[ProductComment]:
    """Comments to moderate (pending), published, or all; newest first."""
    stmt = select(ProductComment).order_by(ProductComment.created_at.desc(), ProductComment.id.desc())
    if status == "pending":
        stmt = stmt.where(ProductComment.validated.is_(False))
    elif status == "validated":
        stmt = stmt.where(ProductComment.validated.is_(True))
    return list(db.scalars(stmt))


def _load(db: Session, comment_id: int) -> ProductComment:
    comment = db.get(ProductComment, comment_id)
    if comment is None:
        raise ServiceError("Ce commentaire n'existe pas (ou plus).")
    return comment


def approve(db: Session, comment_id: int) -> ProductComment:
    """Publish a comment on the product page."""
    comment = _load(db, comment_id)
    if not comment.validated:
        comment.validated = True
        db.flush()
    return comment


def delete(db: Session, comment_id: int) -> str:
    """Delete a comment; returns its title."""
    comment = _load(db, comment_id)
    title = comment.title
    db.delete(comment)
    db.flush()
    return title


def reply(db: Session, comment_id: int, text: str) -> ProductComment:
    """Write (or change, or remove with an empty text) the shop's public reply under a comment."""
    comment = _load(db, comment_id)
    text = (text or "").strip()
    if len(text) > 2000:
        raise ServiceError("La réponse ne doit pas dépasser 2 000 caractères.", f"reply_{comment_id}")
    if text and not comment.validated:
        raise ServiceError("Validez d'abord ce commentaire : une réponse ne se voit que sous un avis "
                           "publié.", f"reply_{comment_id}")
    comment.reply = text
    comment.reply_at = seat_now(db) if text else None
    db.flush()
    return comment


def ratings(db: Session) -> list[tuple[Product, Decimal, int, int]]:
    """Per product with published comments: (product, average grade, count, replies), worst average first."""
    grades: dict[int, list[int]] = defaultdict(list)
    replies: dict[int, int] = defaultdict(int)
    for pid, grade, answer in db.execute(select(ProductComment.product_id, ProductComment.grade,
                                                ProductComment.reply).where(ProductComment.validated.is_(True))):
        grades[pid].append(grade)
        replies[pid] += 1 if answer else 0
    products = {p.id: p for p in db.scalars(select(Product).where(Product.id.in_(grades)))}
    rows = [(products[pid], average(g), len(g), replies[pid]) for pid, g in grades.items() if pid in products]
    return sorted(rows, key=lambda r: (r[1], r[0].name))


def trend(db: Session, months: int = 6) -> list[tuple[str, Decimal | None, int]]:
    """Average grade and count of published comments for each of the last months, oldest first."""
    today = seat_today(db)
    keys = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    grades: dict[tuple[int, int], list[int]] = defaultdict(list)
    for created, grade in db.execute(select(ProductComment.created_at, ProductComment.grade)
                                     .where(ProductComment.validated.is_(True))):
        grades[(created.year, created.month)].append(grade)
    return [(format_month(y, m), average(grades[(y, m)]), len(grades[(y, m)])) for y, m in reversed(keys)]


def overall(db: Session) -> tuple[Decimal | None, int]:
    """Average grade and number of all published comments."""
    grades = list(db.scalars(select(ProductComment.grade).where(ProductComment.validated.is_(True))))
    return average(grades), len(grades)
