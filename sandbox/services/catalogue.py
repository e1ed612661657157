"""Products of the back office: create, edit, duplicate, delete, put online; prices HT ↔ TTC."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import (
    Brand,
    CartLine,
    Category,
    Combination,
    CustomerThread,
    CustomizationField,
    PackItem,
    Product,
    ProductCarrier,
    ProductCategory,
    ProductFeature,
    ProductImage,
    RelatedProduct,
    Tax,
)
from sandbox.money import ht_from_ttc, ttc_from_ht
from sandbox.services import ServiceError
from sandbox.services.stock import check_quantity, record_movement, set_product_quantity

CONDITIONS = {"new": "Neuf", "used": "Utilisé", "refurbished": "Reconditionné"}
VISIBILITIES = {"both": "Partout", "catalog": "Catalogue uniquement", "search": "Recherche uniquement",
                "none": "Nulle part"}
OUT_OF_STOCK = {"default": "Comportement par défaut (refuser les commandes)", "deny": "Refuser les commandes",
                "allow": "Accepter les commandes"}


def slugify(text: str) -> str:
    """« Drap housse lin 140 x 190 » → « drap-housse-lin-140-x-190 » (friendly URLs)."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def ean13_is_valid(code: str) -> bool:
    """Whether a code is 13 digits with a correct EAN-13 check digit."""
    if not re.fullmatch(r"\d{13}", code or ""):
        return False
    digits = [int(c) for c in code]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == digits[12]


def choose_basis(declared: str, ht: Decimal | None, ttc: Decimal | None, initial_ht: Decimal | None,
                 rate_bp: int) -> str:
    """Which price the person typed: the one the page's script declared, else the one that changed."""
    if declared in ("ht", "ttc"):
        return declared
    if ht is not None and ht != initial_ht:
        return "ht"
    if ttc is not None and (ht is None or ttc_from_ht(ht, rate_bp) != ttc):
        return "ttc"
    return "ht"


def price_ht_from(price_ht: Decimal | None, price_ttc: Decimal | None, basis: str, rate_bp: int) -> Decimal:
    """The price HT to store from the one the person typed: HT as is, TTC converted with 6 decimals; no price
    typed is 0 €, as in PrestaShop (a product sheet is often saved before its price is known)."""
    if basis == "ttc":
        if price_ttc is None:
            return Decimal(0)
        if price_ttc < 0:
            raise ServiceError("Le prix TTC ne peut pas être négatif.", "price_ttc")
        return ht_from_ttc(price_ttc, rate_bp)
    if price_ht is None:
        return Decimal(0)
    if price_ht < 0:
        raise ServiceError("Le prix HT ne peut pas être négatif.", "price_ht")
    return Decimal(price_ht)


@dataclass
class ProductInput:
    """What the product form gives, already parsed; `price_basis` says which price was typed ("ht"/"ttc")."""

    name: str
    tax_id: int
    default_category_id: int
    category_ids: list[int] = field(default_factory=list)
    price_ht: Decimal | None = None
    price_ttc: Decimal | None = None
    price_basis: str = "ht"
    wholesale_price_ht: Decimal = Decimal(0)
    summary: str = ""
    description: str = ""
    reference: str = ""
    ean13: str = ""
    brand_id: int | None = None
    weight_g: int = 0
    condition: str = "new"
    visibility: str = "both"
    active: bool = True
    online_only: bool = False
    on_sale: bool = False
    quantity: int | None = None
    out_of_stock: str = "default"
    available_now: str = ""
    available_later: str = ""
    available_date: date | None = None
    meta_title: str = ""
    meta_description: str = ""
    slug: str = ""


def _check(db: Session, data: ProductInput) -> tuple[Tax, list[Category]]:
    """Refuse what the shop cannot store; each message names the field to fix."""
    if not data.name.strip():
        raise ServiceError("Le nom du produit est obligatoire.", "name")
    if data.ean13 and not ean13_is_valid(data.ean13):
        raise ServiceError("Le code EAN-13 doit compter 13 chiffres avec une clé de contrôle valide "
                           "(exemple : 3760123456784).", "ean13")
    tax = db.get(Tax, data.tax_id)
    if tax is None:
        raise ServiceError("Choisissez une règle de taxe.", "tax_id")
    if data.wholesale_price_ht < 0:
        raise ServiceError("Le prix d'achat HT ne peut pas être négatif.", "wholesale_price_ht")
    if data.weight_g < 0:
        raise ServiceError("Le poids ne peut pas être négatif.", "weight_g")
    if data.brand_id is not None and db.get(Brand, data.brand_id) is None:
        raise ServiceError("Cette marque n'existe pas.", "brand_id")
    if data.condition not in CONDITIONS:
        raise ServiceError("Choisissez l'état du produit.", "condition")
    if data.visibility not in VISIBILITIES:
        raise ServiceError("Choisissez la visibilité du produit.", "visibility")
    if data.out_of_stock not in OUT_OF_STOCK:
        raise ServiceError("Choisissez le comportement en cas de rupture de stock.", "out_of_stock")
    ids = list(dict.fromkeys(data.category_ids or [data.default_category_id]))
    categories = [c for c in (db.get(Category, i) for i in ids) if c is not None]
    if not categories or len(categories) != len(ids):
        raise ServiceError("Choisissez au moins une catégorie existante.", "category_ids")
    if data.default_category_id not in ids:
        raise ServiceError("La catégorie par défaut doit faire partie des catégories associées.",
                           "default_category_id")
    if data.slug and slugify(data.slug) != data.slug:
        raise ServiceError("L'URL simplifiée ne peut contenir que des minuscules sans accent, des chiffres "
                           f"et des tirets (proposition : {slugify(data.slug) or 'mon-produit'}).", "slug")
    return tax, categories


def save_product(db: Session, product: Product | None, data: ProductInput,
                 employee_id: int | None) -> Product:
    """Create (product None) or update a product sheet; a changed quantity writes a stock movement."""
    tax, categories = _check(db, data)
    price_ht = price_ht_from(data.price_ht, data.price_ttc, data.price_basis, tax.rate_bp)
    is_new = product is None
    if is_new:
        check_quantity(data.quantity or 0)
        product = Product(created_at=seat_now(db), quantity=data.quantity or 0)
        db.add(product)
    product.name = data.name.strip()
    product.slug = data.slug or slugify(data.name) or "produit"
    product.price_ht = price_ht
    product.tax_id = tax.id
    product.tax = tax
    joined = {c.id for c in categories} - {c.id for c in product.categories}
    product.categories = categories
    product.default_category_id = data.default_category_id
    for name in ("summary", "description", "reference", "ean13", "brand_id", "weight_g", "condition",
                 "visibility", "active", "online_only", "on_sale", "out_of_stock", "available_now",
                 "available_later", "available_date", "meta_title", "meta_description", "wholesale_price_ht"):
        setattr(product, name, getattr(data, name))
    db.flush()
    place_last_in(db, product.id, joined)
    if is_new and product.quantity:
        record_movement(db, product.id, None, product.quantity, "Création du produit", employee_id)
        db.flush()
    elif not is_new and data.quantity is not None and not product.combinations:
        set_product_quantity(db, product, data.quantity, "Modification depuis la fiche produit", employee_id)
    return product


def place_last_in(db: Session, product_id: int, category_ids: set[int]) -> None:
    """Give a product's new category memberships the last position, as PrestaShop does: what a category
    shows (the featured products of « Accueil »…) changes by that product only, the others keep their rank."""
    for category_id in sorted(category_ids):
        last = db.scalar(select(func.max(ProductCategory.position)).where(
            ProductCategory.category_id == category_id, ProductCategory.product_id != product_id))
        db.execute(update(ProductCategory).where(ProductCategory.product_id == product_id,
                                                 ProductCategory.category_id == category_id)
                   .values(position=(last if last is not None else -1) + 1))


def set_online(db: Session, product: Product, active: bool) -> None:
    """Put a product online (« En ligne ») or offline."""
    product.active = active
    db.flush()


def duplicate_product(db: Session, product: Product) -> Product:
    """Copy a product offline, with its categories, images, combinations and options; stock starts at 0."""
    copy = Product(created_at=seat_now(db), quantity=0, active=False, ean13="",
                   name=f"Copie de {product.name}"[:160], slug=f"{product.slug}-copie"[:180])
    skip = {"id", "created_at", "quantity", "active", "ean13", "name", "slug"}
    for column in Product.__table__.columns:
        if column.key not in skip:
            setattr(copy, column.key, getattr(product, column.key))
    copy.categories = list(product.categories)
    copy.images = [ProductImage(media_id=i.media_id, position=i.position, cover=i.cover, legend=i.legend)
                   for i in product.images]
    copy.combinations = [
        Combination(reference=c.reference, price_impact_ht=c.price_impact_ht,
                    weight_impact_g=c.weight_impact_g, quantity=0, is_default=c.is_default,
                    attributes=list(c.attributes))
        for c in product.combinations
    ]
    db.add(copy)
    db.flush()
    place_last_in(db, copy.id, {c.id for c in copy.categories})
    pid = product.id
    for row in db.scalars(select(ProductFeature).where(ProductFeature.product_id == pid)).all():
        db.add(ProductFeature(product_id=copy.id, feature_id=row.feature_id, value_id=row.value_id))
    for row in db.scalars(select(CustomizationField).where(CustomizationField.product_id == pid)).all():
        db.add(CustomizationField(product_id=copy.id, kind=row.kind, label=row.label, required=row.required))
    related = select(RelatedProduct.related_id).where(RelatedProduct.product_id == pid)
    for related_id in db.scalars(related).all():
        db.add(RelatedProduct(product_id=copy.id, related_id=related_id))
    for row in db.scalars(select(PackItem).where(PackItem.pack_id == pid)).all():
        db.add(PackItem(pack_id=copy.id, item_id=row.item_id, quantity=row.quantity))
    carriers = select(ProductCarrier.carrier_id).where(ProductCarrier.product_id == pid)
    for carrier_id in db.scalars(carriers).all():  # « Transporteurs disponibles » travel with the copy
        db.add(ProductCarrier(product_id=copy.id, carrier_id=carrier_id))
    db.flush()
    return copy


def delete_product(db: Session, product: Product) -> None:
    """Delete a product; past orders keep their lines by name (OrderLine.product_id becomes empty)."""
    packs = db.scalars(select(Product.name).join(PackItem, PackItem.pack_id == Product.id)
                       .where(PackItem.item_id == product.id)).all()
    if packs:
        raise ServiceError(f"Ce produit fait partie du pack « {packs[0]} » : retirez-le du pack avant de le "
                           "supprimer.")
    # Carts and customer-service threads only point at the product: drop or detach those links.
    db.execute(delete(CartLine).where(CartLine.product_id == product.id))
    db.execute(update(CustomerThread).where(CustomerThread.product_id == product.id).values(product_id=None))
    db.delete(product)
    db.flush()
