"""Product pictures on the product sheet (B-IMG-1, B-IMG-2): upload, caption (legend), description, cover."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import Media, Product, ProductImage
from sandbox.services import ServiceError
from sandbox.services.images import store_image


def _image(db: Session, product: Product, image_id: int) -> ProductImage:
    image = db.get(ProductImage, image_id)
    if image is None or image.product_id != product.id:
        raise ServiceError("Cette image n'appartient pas à ce produit.")
    return image


def add_image(db: Session, product: Product, upload: tuple[str, bytes] | None, legend: str) -> ProductImage:
    """Add a picture to the product (into the media library); the first one becomes the cover."""
    legend = (legend or "").strip()
    if len(legend) > 200:
        raise ServiceError("La légende ne doit pas dépasser 200 caractères.", "legend")
    if upload is None:
        raise ServiceError("Choisissez le fichier de l'image.", "image")
    media = store_image(db, upload[0], upload[1], "image", title=product.name, alt=legend or product.name)
    count = db.scalar(select(func.count()).where(ProductImage.product_id == product.id)) or 0
    mine = ProductImage.product_id == product.id
    last = db.scalar(select(func.max(ProductImage.position)).where(mine)) or 0
    image = ProductImage(product_id=product.id, media_id=media.id, position=last + 1, cover=count == 0,
                         legend=legend)
    db.add(image)
    db.flush()
    return image


def set_cover(db: Session, product: Product, image_id: int) -> None:
    """Make one picture the product's cover (the others stop being it)."""
    chosen = _image(db, product, image_id)
    for image in db.scalars(select(ProductImage).where(ProductImage.product_id == product.id)):
        wanted = image.id == chosen.id
        if image.cover != wanted:
            image.cover = wanted
    db.flush()


def update_image(db: Session, product: Product, image_id: int, legend: str, description: str) -> None:
    """Change a picture's caption (legend, also its alternative text) and its description."""
    image = _image(db, product, image_id)
    legend, description = (legend or "").strip(), (description or "").strip()
    if len(legend) > 200:
        raise ServiceError("La légende ne doit pas dépasser 200 caractères.", f"legend_{image_id}")
    if image.legend != legend:
        image.legend = legend
    media = db.get(Media, image.media_id)
    if media is not None:
        if media.description != description:
            media.description = description
        if legend and media.alt != legend:
            media.alt = legend
    db.flush()


def delete_image(db: Session, product: Product, image_id: int) -> None:
    """Remove a picture from the product (the file stays in the media library); a new cover is chosen."""
    image = _image(db, product, image_id)
    was_cover = image.cover
    db.delete(image)
    db.flush()
    if was_cover:
        first = db.scalars(select(ProductImage).where(ProductImage.product_id == product.id)
                           .order_by(ProductImage.position, ProductImage.id)).first()
        if first is not None:
            first.cover = True
            db.flush()
