"""Change types of the catalogue: a product that only has its photos (seeded or new)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, select, update

from sandbox.models import (
    CartLine,
    CustomizationField,
    Product,
    ProductCategory,
    ProductFeature,
    ProductImage,
    RelatedProduct,
)
from sandbox.services.catalogue import place_last_in, slugify
from sandbox.subjects.changes import ChangeContext, ChangeFailure, change
from sandbox.subjects.observables.common import fold
from sandbox.subjects.params import Param, ref, text

ROOT_CATEGORY = 1


def _add_images(ctx: ChangeContext, product: Product, files: list[str]) -> None:
    start = len(product.images)
    for offset, rel in enumerate(files):
        media = ctx.media(rel, title=product.name, alt=product.name)
        product.images.append(
            ProductImage(
                media_id=media.id,
                position=start + offset,
                cover=not product.images and offset == 0,
                legend="",
            )
        )


def _strip(ctx: ChangeContext, product: Product) -> None:
    """Everything a product sheet holds except its name and photos."""
    db = ctx.db
    combination_ids = [c.id for c in product.combinations]
    if combination_ids:
        # Seeded carts may hold these combinations; the product has none left afterwards.
        db.execute(
            update(CartLine).where(CartLine.combination_id.in_(combination_ids)).values(combination_id=None)
        )
    product.combinations.clear()
    for model, column in (
        (ProductFeature, ProductFeature.product_id),
        (RelatedProduct, RelatedProduct.product_id),
        (CustomizationField, CustomizationField.product_id),
    ):
        db.execute(delete(model).where(column == product.id))
    # Only « Accueil » is left; a product already there keeps its rank (the featured block does not move).
    db.execute(delete(ProductCategory).where(ProductCategory.product_id == product.id,
                                             ProductCategory.category_id != ROOT_CATEGORY))
    home = ProductCategory.__table__.select().where(ProductCategory.product_id == product.id)
    if db.execute(home).first() is None:
        db.add(ProductCategory(product_id=product.id, category_id=ROOT_CATEGORY, position=0))
        db.flush()
        place_last_in(db, product.id, {ROOT_CATEGORY})
    product.default_category_id = ROOT_CATEGORY
    product.summary = product.description = product.meta_title = product.meta_description = ""
    product.ean13 = ""
    product.weight_g = product.quantity = 0
    product.brand_id = None
    product.on_sale = product.online_only = False


@change(
    "product.strip_to_photos",
    label="Produit qui n'a que ses photos",
    produces="Product",
    params={
        "product": ref("product", '"PLAID-ARDOISE" (référence d\'un produit du contexte)'),
        "product_name": text('"Plaid Ardoise" (nouveau nom du produit, facultatif)', required=False),
        "reference": text('"PLAID-ARD" (nouvelle référence, facultative)', required=False),
        "images": Param("files", '["files/photo-2.jpg"] (photos du pack à ajouter)', False, []),
        "offline": Param("bool", "true ou false (hors ligne, par défaut true)", False, True),
        "clear_price": Param("bool", "true ou false (prix remis à 0, par défaut false)", False, False),
    },
)
def strip_to_photos(ctx: ChangeContext, p: dict) -> Product:
    """Keep a seeded product's name and images only: no texts, combinations, features, stock or brand."""
    product = ctx.get("product", "product", p["product"])
    if "product_name" in p:
        product.name, product.slug = p["product_name"], slugify(p["product_name"])
    if "reference" in p:
        product.reference = p["reference"]
    _strip(ctx, product)
    if p["clear_price"]:
        product.price_ht = product.wholesale_price_ht = Decimal(0)
    product.active = not p["offline"]
    _add_images(ctx, product, p["images"])
    if not product.images:
        raise ChangeFailure(
            "images",
            "ce produit n'a aucune photo",
            'ajoutez au moins une photo du pack : images = ["files/photo.jpg"]',
        )
    return product


@change(
    "product.create_with_photos",
    label="Nouveau produit qui n'a que ses photos",
    produces="Product",
    params={
        "product_name": text('"Plaid Ardoise" (nom du produit)'),
        "images": Param("files", '["files/plaid-1.jpg"] (photos du pack)'),
        "reference": text('"PLAID-ARD" (référence, facultative)', required=False),
        "tax_rate": Param("choice", "le taux de TVA", False, "20", choices=("20", "10", "5,5", "2,1")),
        "offline": Param("bool", "true ou false (hors ligne, par défaut true)", False, True),
    },
)
def create_with_photos(ctx: ChangeContext, p: dict) -> Product:
    """A new product sheet holding a name and photos, nothing else (offline, no price)."""
    from sandbox.models import Tax

    tax_id = ctx.db.scalar(select(Tax.id).where(Tax.name.contains(f"{p['tax_rate']} %")).order_by(Tax.id))
    if tax_id is None:
        raise ChangeFailure(
            "tax_rate", f"aucune taxe à {p['tax_rate']} % dans le contexte", "choisissez 20 ou 5,5"
        )
    product = Product(
        name=p["product_name"],
        slug=slugify(p["product_name"]),
        reference=p.get("reference", ""),
        tax_id=tax_id,
        default_category_id=ROOT_CATEGORY,
        active=not p["offline"],
        created_at=ctx.at("today-1"),
    )
    ctx.db.add(product)
    ctx.db.flush()
    ctx.db.add(ProductCategory(product_id=product.id, category_id=ROOT_CATEGORY, position=0))
    ctx.db.flush()
    place_last_in(ctx.db, product.id, {ROOT_CATEGORY})  # after the home selection, which stays as it was
    _add_images(ctx, product, p["images"])
    return product


@change(
    "stock.set",
    label="Quantité en stock au début de l'épreuve",
    produces="Product",
    params={
        "product": ref("product", '"NAPPE-VICHY" (référence d\'un produit du contexte)'),
        "combination": Param(
            "list", '["150 x 150", "Terracotta"] (valeurs de la déclinaison, facultatif)', False
        ),
        "quantity": Param("int", "la quantité en stock (0 : rupture)", minimum=0),
    },
)
def set_stock(ctx: ChangeContext, p: dict) -> Product:
    """Start the test with a known quantity (a rupture to restock, a count that an inventory corrects)."""
    product = ctx.get("product", "product", p["product"])
    if "combination" not in p:
        if product.combinations:
            raise ChangeFailure(
                "combination",
                "ce produit a des déclinaisons",
                'précisez la déclinaison : combination = ["140 x 190", "Blanc"]',
            )
        product.quantity = p["quantity"]
        return product
    wanted = {fold(v) for v in p["combination"]}
    combo = next((c for c in product.combinations if {fold(a.name) for a in c.attributes} == wanted), None)
    if combo is None:
        raise ChangeFailure(
            "combination",
            f"{product.name} n'a pas de déclinaison {' / '.join(p['combination'])}",
            'recopiez les valeurs d\'attributs de la déclinaison, par exemple ["140 x 190", "Blanc"]',
        )
    combo.quantity = p["quantity"]
    return product
