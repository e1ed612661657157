"""Catalogue › Marques (B-CAT-11): create and edit brands with a logo, a description and their SEO."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sandbox.models import Brand, Product
from sandbox.services import ServiceError
from sandbox.services.catalogue import slugify
from sandbox.services.images import store_image


@dataclass
class BrandInput:
    """What the brand form sends (logo: uploaded file name and bytes, or None to keep the current one)."""

    name: str
    description: str = ""
    active: bool = True
    slug: str = ""
    meta_title: str = ""
    meta_description: str = ""
    logo: tuple[str, bytes] | None = None


def product_counts(db: Session) -> dict[int, int]:
    """Number of products of each brand."""
    rows = db.execute(select(Product.brand_id, func.count()).where(Product.brand_id.is_not(None))
                      .group_by(Product.brand_id))
    return dict(rows.all())


def save_brand(db: Session, brand: Brand | None, data: BrandInput) -> Brand:
    """Create or update a brand; a new logo goes into the media library. Checks first, then writes."""
    name = data.name.strip()
    if not name:
        raise ServiceError("Indiquez le nom de la marque.", "name")
    same = db.scalar(select(Brand.id).where(func.lower(Brand.name) == name.lower()))
    if same is not None and (brand is None or same != brand.id):
        raise ServiceError("Une marque porte déjà ce nom.", "name")
    slug = data.slug.strip()
    if slug and slugify(slug) != slug:
        raise ServiceError("L'URL simplifiée ne peut contenir que des minuscules sans accent, des chiffres "
                           f"et des tirets (proposition : {slugify(slug) or 'ma-marque'}).", "slug")
    logo = store_image(db, data.logo[0], data.logo[1], "logo", title=f"Logo {name}", alt=f"Logo {name}") \
        if data.logo else None
    if brand is None:
        brand = Brand(name=name, slug="")
        db.add(brand)
    brand.name, brand.description, brand.active = name, data.description.strip(), data.active
    brand.slug = slug or slugify(name) or "marque"
    brand.meta_title, brand.meta_description = data.meta_title.strip(), data.meta_description.strip()
    if logo is not None:
        brand.logo_id = logo.id
    db.flush()
    return brand


def delete_brand(db: Session, brand: Brand) -> None:
    """Delete a brand; its products stay, without a brand."""
    db.execute(update(Product).where(Product.brand_id == brand.id).values(brand_id=None))
    db.delete(brand)
    db.flush()
