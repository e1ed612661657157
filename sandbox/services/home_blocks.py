"""Content of the home modules: carousel slides (B-MOD-2) and reassurance items (B-MOD-5)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Category, Product
from sandbox.models.modules import CarouselSlide, ReassuranceItem
from sandbox.services import ServiceError
from sandbox.services.images import store_image

ICONS = ("truck", "lock", "return", "phone", "leaf", "gift")


def slides(db: Session, active_only: bool = False) -> list[CarouselSlide]:
    """Carousel slides in their order."""
    stmt = select(CarouselSlide).order_by(CarouselSlide.position, CarouselSlide.id)
    return list(db.scalars(stmt.where(CarouselSlide.active.is_(True)) if active_only else stmt))


def add_slide(db: Session, image: tuple[str, bytes] | None, title: str, caption: str,
              product_id: int | None, category_id: int | None) -> CarouselSlide:
    """Add a slide at the end of the carousel; its image goes into the media library."""
    title = (title or "").strip()
    if not title:
        raise ServiceError("Indiquez le titre de la diapositive.", "title")
    if product_id and db.get(Product, product_id) is None:
        raise ServiceError("Ce produit n'existe pas.", "product_id")
    if category_id and db.get(Category, category_id) is None:
        raise ServiceError("Cette catégorie n'existe pas.", "category_id")
    if product_id and category_id:
        raise ServiceError("Choisissez un produit ou une catégorie, pas les deux.", "category_id")
    if image is None:
        raise ServiceError("Choisissez l'image de la diapositive.", "image")
    media = store_image(db, image[0], image[1], "image", title=title, alt=title)
    last = db.scalar(select(func.max(CarouselSlide.position))) or 0
    slide = CarouselSlide(media_id=media.id, title=title, caption=(caption or "").strip(),
                          product_id=product_id or None, category_id=category_id or None, position=last + 1)
    db.add(slide)
    db.flush()
    return slide


def move_slide(db: Session, slide_id: int, step: int) -> None:
    """Move a slide one place up (-1) or down (+1)."""
    ordered = slides(db)
    index = next((i for i, s in enumerate(ordered) if s.id == slide_id), None)
    if index is None:
        raise ServiceError("Cette diapositive n'existe pas.")
    other = index + step
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, slide in enumerate(ordered, start=1):
        if slide.position != position:
            slide.position = position
    db.flush()


def delete_slide(db: Session, slide_id: int) -> str:
    """Delete a slide (its image stays in the media library); returns its title."""
    slide = db.get(CarouselSlide, slide_id)
    if slide is None:
        raise ServiceError("Cette diapositive n'existe pas.")
    title = slide.title
    db.delete(slide)
    db.flush()
    return title


def reassurance_items(db: Session) -> list[ReassuranceItem]:
    """Reassurance items in their order."""
    return list(db.scalars(select(ReassuranceItem).order_by(ReassuranceItem.position, ReassuranceItem.id)))


def add_reassurance(db: Session, icon: str, text: str) -> ReassuranceItem:
    """Add a reassurance item at the end."""
    text = (text or "").strip()
    if not text:
        raise ServiceError("Indiquez le texte de l'élément.", "text")
    if icon not in ICONS:
        raise ServiceError("Choisissez une icône de la liste.", "icon")
    last = db.scalar(select(func.max(ReassuranceItem.position))) or 0
    item = ReassuranceItem(icon=icon, text=text, position=last + 1)
    db.add(item)
    db.flush()
    return item


def delete_reassurance(db: Session, item_id: int) -> None:
    """Delete a reassurance item."""
    item = db.get(ReassuranceItem, item_id)
    if item is None:
        raise ServiceError("Cet élément n'existe pas.")
    db.delete(item)
    db.flush()
