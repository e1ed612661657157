"""Product sheet complements: pack contents, accessories, customisation fields (each its own small form)."""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from sqlalchemy import select

from sandbox.models import Media, Product
from sandbox.services import ServiceError
from sandbox.services import product_extras as extras
from sandbox.services import product_images as images
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.products import load_product

FEATURES = ["B-CAT-2", "B-CAT-8", "B-CAT-9"]  # feature ids of this screen (coverage report)


def _int(name: str) -> int | None:
    value = request.form.get(name, "").strip()
    return int(value) if value.isdigit() else None


@bp.app_template_global("product_extras")
def product_extras(product: Product) -> dict:
    """What the complements section of a product sheet shows."""
    others = g.db.execute(select(Product.id, Product.name, Product.reference, Product.is_pack)
                          .where(Product.id != product.id).order_by(Product.name)).all()
    pictures = [(i, g.db.get(Media, i.media_id)) for i in product.images]
    return {"images": [(i, m, url_for("seat.media.file", media_id=m.id, filename=m.filename))
                       for i, m in pictures if m is not None],
            "pack": extras.pack_items(g.db, product), "accessories": extras.accessories(g.db, product),
            "fields": extras.customization_fields(g.db, product), "kinds": extras.FIELD_KINDS,
            "choices": [(pid, f"{name} (réf. {ref})" if ref else name) for pid, name, ref, _ in others],
            "pack_choices": [(pid, f"{name} (réf. {ref})" if ref else name)
                             for pid, name, ref, is_pack in others if not is_pack]}


def _run(product_id: int, anchor: str, action, success: str):
    """Apply one change to the product, commit, and go back to its section with a message."""
    product = load_product(product_id)
    try:
        action(product)
        g.db.commit()
    except ServiceError as error:
        g.db.rollback()
        flash(error.message, "error")
    else:
        flash(success, "success")
    return redirect(url_for("seat.shop_admin.product_edit", product_id=product_id, _anchor=anchor))


@bp.post("/produits/<int:product_id>/pack")
def pack_add(product_id: int):
    """Add a quantity of a product to the pack."""
    return _run(product_id, "pack",
                lambda p: extras.add_pack_item(g.db, p, _int("item_id"), _int("quantity")),
                "Le produit a été ajouté au pack.")


@bp.post("/produits/<int:product_id>/pack/<int:item_id>/retirer")
def pack_remove(product_id: int, item_id: int):
    """Take a product out of the pack."""
    return _run(product_id, "pack", lambda p: extras.remove_pack_item(g.db, p, item_id),
                "Le produit a été retiré du pack.")


@bp.post("/produits/<int:product_id>/accessoires")
def accessory_add(product_id: int):
    """Add an accessory."""
    return _run(product_id, "accessoires", lambda p: extras.add_accessory(g.db, p, _int("related_id")),
                "L'accessoire a été ajouté.")


@bp.post("/produits/<int:product_id>/accessoires/<int:related_id>/retirer")
def accessory_remove(product_id: int, related_id: int):
    """Remove an accessory."""
    return _run(product_id, "accessoires", lambda p: extras.remove_accessory(g.db, p, related_id),
                "L'accessoire a été retiré.")


@bp.post("/produits/<int:product_id>/personnalisation")
def customization_add(product_id: int):
    """Add a customisation field."""
    form = request.form
    return _run(product_id, "personnalisation",
                lambda p: extras.add_customization_field(g.db, p, form.get("label", ""), form.get("kind", ""),
                                                         form.get("required") == "1"),
                "Le champ de personnalisation a été ajouté.")


@bp.post("/produits/<int:product_id>/personnalisation/<int:field_id>/supprimer")
def customization_remove(product_id: int, field_id: int):
    """Delete a customisation field."""
    return _run(product_id, "personnalisation",
                lambda p: extras.remove_customization_field(g.db, p, field_id),
                "Le champ de personnalisation a été supprimé.")


@bp.post("/produits/<int:product_id>/images")
def image_add(product_id: int):
    """Upload a picture of the product."""
    upload = request.files.get("image")
    data = (upload.filename or "image", upload.read()) if upload and upload.filename else None
    legend = request.form.get("legend", "")
    return _run(product_id, "images", lambda p: images.add_image(g.db, p, data, legend),
                "L'image a été ajoutée.")


@bp.post("/produits/<int:product_id>/images/<int:image_id>/<action>")
def image_action(product_id: int, image_id: int, action: str):
    """Save a picture's caption and description, make it the cover, or remove it."""
    form = request.form
    actions = {
        "enregistrer": (lambda p: images.update_image(g.db, p, image_id, form.get("legend", ""),
                                                      form.get("description", "")),
                        "L'image a été mise à jour."),
        "couverture": (lambda p: images.set_cover(g.db, p, image_id), "L'image de couverture a été changée."),
        "supprimer": (lambda p: images.delete_image(g.db, p, image_id), "L'image a été retirée du produit."),
    }
    run, message = actions.get(action, actions["enregistrer"])
    return _run(product_id, "images", run, message)
