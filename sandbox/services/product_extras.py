"""Product sheet complements: pack contents (B-CAT-8), accessories (B-CAT-9), customisation (B-CAT-2)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import CustomizationField, PackItem, Product, RelatedProduct
from sandbox.services import ServiceError

FIELD_KINDS = {"text": "Texte", "file": "Fichier"}
MAX_PACK_QUANTITY = 999


def pack_items(db: Session, product: Product) -> list[tuple[Product, int]]:
    """Products of a pack with their quantities, by name."""
    rows = db.execute(select(Product, PackItem.quantity).join(PackItem, PackItem.item_id == Product.id)
                      .where(PackItem.pack_id == product.id).order_by(Product.name))
    return [(p, q) for p, q in rows.all()]


def add_pack_item(db: Session, pack: Product, item_id: int | None, quantity: int | None) -> None:
    """Put a quantity of a product in a pack (adds to the quantity if it is already there); the product
    becomes a pack."""
    item = db.get(Product, item_id) if item_id else None
    if item is None:
        raise ServiceError("Choisissez le produit à ajouter au pack.", "item_id")
    if item.id == pack.id:
        raise ServiceError("Un pack ne peut pas se contenir lui-même.", "item_id")
    if item.is_pack:
        raise ServiceError("Un pack ne peut pas contenir un autre pack.", "item_id")
    if quantity is None or not 1 <= quantity <= MAX_PACK_QUANTITY:
        raise ServiceError(f"Indiquez une quantité entre 1 et {MAX_PACK_QUANTITY}.", "quantity")
    row = db.get(PackItem, (pack.id, item.id))
    if row is None:
        db.add(PackItem(pack_id=pack.id, item_id=item.id, quantity=quantity))
    elif row.quantity + quantity > MAX_PACK_QUANTITY:
        raise ServiceError(f"Indiquez une quantité entre 1 et {MAX_PACK_QUANTITY}.", "quantity")
    else:
        row.quantity += quantity
    if not pack.is_pack:
        pack.is_pack = True
    db.flush()


def remove_pack_item(db: Session, pack: Product, item_id: int) -> None:
    """Take a product out of a pack; an empty pack becomes a standard product again."""
    row = db.get(PackItem, (pack.id, item_id))
    if row is None:
        raise ServiceError("Ce produit ne fait pas partie du pack.")
    db.delete(row)
    db.flush()
    if not db.scalar(select(PackItem.item_id).where(PackItem.pack_id == pack.id).limit(1)):
        pack.is_pack = False
        db.flush()


def accessories(db: Session, product: Product) -> list[Product]:
    """Accessories (related products) of a product, by name."""
    return list(db.scalars(select(Product).join(RelatedProduct, RelatedProduct.related_id == Product.id)
                           .where(RelatedProduct.product_id == product.id).order_by(Product.name)))


def add_accessory(db: Session, product: Product, related_id: int | None) -> None:
    """Show another product as an accessory of this one."""
    related = db.get(Product, related_id) if related_id else None
    if related is None:
        raise ServiceError("Choisissez le produit à proposer en accessoire.", "related_id")
    if related.id == product.id:
        raise ServiceError("Un produit ne peut pas être son propre accessoire.", "related_id")
    if db.get(RelatedProduct, (product.id, related.id)) is not None:
        raise ServiceError("Ce produit est déjà un accessoire de celui-ci.", "related_id")
    db.add(RelatedProduct(product_id=product.id, related_id=related.id))
    db.flush()


def remove_accessory(db: Session, product: Product, related_id: int) -> None:
    """Stop showing a product as an accessory."""
    row = db.get(RelatedProduct, (product.id, related_id))
    if row is None:
        raise ServiceError("Ce produit n'est pas un accessoire de celui-ci.")
    db.delete(row)
    db.flush()


def customization_fields(db: Session, product: Product) -> list[CustomizationField]:
    """Customisation fields of a product, in creation order."""
    return list(db.scalars(select(CustomizationField).where(CustomizationField.product_id == product.id)
                           .order_by(CustomizationField.id)))


def add_customization_field(db: Session, product: Product, label: str, kind: str, required: bool) -> None:
    """Ask customers to personalise the product with a text or a file, required or not."""
    label = (label or "").strip()
    if not label:
        raise ServiceError("Indiquez le libellé du champ (ce que le client doit saisir).", "label")
    if len(label) > 160:
        raise ServiceError("Le libellé ne doit pas dépasser 160 caractères.", "label")
    if kind not in FIELD_KINDS:
        raise ServiceError("Choisissez le type du champ : texte ou fichier.", "kind")
    db.add(CustomizationField(product_id=product.id, label=label, kind=kind, required=required))
    db.flush()


def remove_customization_field(db: Session, product: Product, field_id: int) -> None:
    """Delete a customisation field of the product."""
    row = db.get(CustomizationField, field_id)
    if row is None or row.product_id != product.id:
        raise ServiceError("Ce champ de personnalisation n'existe pas.")
    db.delete(row)
    db.flush()
