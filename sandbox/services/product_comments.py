"""Product comments (reviews) on the shop front: published ones, their average, posting a new one."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Customer, Product, ProductComment, get_setting
from sandbox.services import ServiceError

# Module settings (B-MOD-7): comments shown at all, and « 1 » (default) keeps new ones pending.
ENABLED_SETTING = "product_comments.enabled"
MODERATION_SETTING = "product_comments.moderation"
GUESTS_SETTING = "product_comments.allow_guests"


def comments_enabled(db: Session) -> bool:
    """Whether the product comments module is switched on."""
    return get_setting(db, ENABLED_SETTING, "1") != "0"


def published_comments(db: Session, product_id: int) -> list[ProductComment]:
    """Validated comments of a product, newest first."""
    return list(
        db.scalars(
            select(ProductComment)
            .where(ProductComment.product_id == product_id, ProductComment.validated.is_(True))
            .order_by(ProductComment.created_at.desc(), ProductComment.id.desc())
        )
    )


def grade_summary(db: Session, product_ids: list[int]) -> dict[int, tuple[Decimal, int]]:
    """Average grade (one decimal) and number of validated comments, per product that has some."""
    if not product_ids:
        return {}
    rows = db.execute(
        select(ProductComment.product_id, func.sum(ProductComment.grade), func.count())
        .where(ProductComment.product_id.in_(product_ids), ProductComment.validated.is_(True))
        .group_by(ProductComment.product_id)
    )
    return {
        pid: ((Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), count)
        for pid, total, count in rows
    }


def guests_allowed(db: Session) -> bool:
    """Whether visitors who are not logged in may post a comment (module option)."""
    return get_setting(db, GUESTS_SETTING, "0") == "1"


def post_comment(
    db: Session, product: Product, customer: Customer | None, title: str, body: str, grade: int | None,
    guest_name: str = "",
) -> ProductComment:
    """Record a customer's (or, when allowed, a visitor's) comment; it waits for moderation unless the shop
    publishes them directly."""
    if not comments_enabled(db):
        raise ServiceError("Les avis sur les produits sont désactivés dans cette boutique.")
    if customer is None and not guests_allowed(db):
        raise ServiceError("Connectez-vous pour donner votre avis sur ce produit.")
    guest_name = (guest_name or "").strip()
    if customer is None and not guest_name:
        raise ServiceError("Indiquez votre nom.", "author")
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise ServiceError("Donnez un titre à votre avis.", "title")
    if len(title) > 160:
        raise ServiceError("Le titre ne doit pas dépasser 160 caractères.", "title")
    if grade not in (1, 2, 3, 4, 5):
        raise ServiceError("Choisissez une note de 1 à 5.", "grade")
    if len(body) < 5:
        raise ServiceError("Écrivez votre avis (5 caractères au moins).", "body")
    author = f"{customer.first_name} {customer.last_name[:1]}.".strip() if customer else guest_name[:120]
    comment = ProductComment(
        product_id=product.id,
        customer_id=customer.id if customer else None,
        author_name=author,
        title=title,
        body=body,
        grade=grade,
        created_at=seat_now(db),
        validated=get_setting(db, MODERATION_SETTING, "1") == "0",
    )
    db.add(comment)
    db.flush()
    return comment
