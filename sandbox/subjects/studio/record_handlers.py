"""How each kind of seat event becomes a changes.toml entry (see ``record``): one function per event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.models import (
    Customer,
    CustomerGroup,
    Order,
    OrderState,
    Product,
)
from sandbox.models.activity import ActivityEvent
from sandbox.subjects.studio.record_other import HANDLERS as OTHER_HANDLERS
from sandbox.subjects.studio.record_product import product_set
from sandbox.subjects.studio.slugs import slug as _slug

if TYPE_CHECKING:
    from sandbox.subjects.studio.record import Recorder

PAYMENT_CODES = {"Chèque": "cheque", "Virement bancaire": "transfer"}


def _customer(rec: Recorder, event: ActivityEvent) -> None:
    customer = rec.db.get(Customer, int(event.object_id))
    group = rec.db.get(CustomerGroup, customer.default_group_id)
    address = customer.addresses[0] if getattr(customer, "addresses", None) else None
    rec.add(
        {
            "type": "customer.create",
            "name": rec.name("Customer", event.object_id, _slug(customer.last_name, "client")),
            "gender": customer.gender,
            "first_name": customer.first_name,
            "last_name": customer.last_name,
            "email": customer.email,
            "group": group.name if group and group.name != "Particuliers" else None,
            "company": customer.company,
            "address": address.address1 if address else None,
            "postcode": address.postcode if address else None,
            "city": address.city if address else None,
        }
    )


def _order(rec: Recorder, event: ActivityEvent) -> None:
    order = rec.db.get(Order, int(event.object_id))
    products = []
    for line in order.lines:
        products.append(line.reference + (f" x {line.quantity}" if line.quantity != 1 else ""))
        if line.combination_id:
            rec.stock_by_orders.add(("Combination", str(line.combination_id)))
        else:
            rec.stock_by_orders.add(("Product", str(line.product_id)))
    customer = rec.db.get(Customer, order.customer_id)
    rec.add(
        {
            "type": "order.create",
            "name": rec.name("Order", event.object_id, _slug(order.reference, "commande")),
            "customer": rec.ref("Customer", str(order.customer_id), customer.email),
            "reference": order.reference,
            "products": products,
            "payment": PAYMENT_CODES.get(order.payment, "cheque"),
        }
    )
    rec.done.add(("Order", event.object_id, "state"))


def _order_update(rec: Recorder, event: ActivityEvent) -> bool | None:
    if "state_id" not in event.changes:
        return False
    state = rec.db.get(OrderState, event.changes["state_id"][1])
    order = rec.db.get(Order, int(event.object_id))
    rec.add(
        {
            "type": "order.set_state",
            "name": rec.name("Order-state", f"{event.id}", _slug(f"{order.reference}-{state.code}", "etat")),
            "order": rec.ref("Order", event.object_id, order.reference),
            "state": state.code,
        }
    )
    return None


def _product_update(rec: Recorder, event: ActivityEvent) -> bool | None:
    product = rec.db.get(Product, int(event.object_id))
    if product is None:
        return False
    changed = set(event.changes)
    if changed <= {"quantity"} and not product.combinations:
        return _stock(rec, product, None, product.quantity, event.object_id)
    stripped = not product.summary and not product.description and not product.brand_id
    if not stripped:
        return product_set(rec, event, product)  # offline, a new price, texts: the sheet's edits
    rec.add(
        {
            "type": "product.strip_to_photos",
            "name": rec.name("Product", event.object_id, _slug(product.reference or product.name, "produit")),
            "product": product.reference,
            "offline": not product.active,
            "clear_price": True if product.price_ht == 0 else None,
        }
    )
    return None


def _stock(rec: Recorder, product: Product, values: list[str] | None, quantity: int, oid: str) -> None:
    entry = {
        "type": "stock.set",
        "name": rec.name("Stock", oid, _slug(f"stock-{product.reference}", "stock")),
        "product": product.reference,
    }
    if values:
        entry["combination"] = values
    entry["quantity"] = quantity
    rec.add(entry)


def _combination_update(rec: Recorder, event: ActivityEvent) -> bool | None:
    from sandbox.models import Combination

    combination = rec.db.get(Combination, int(event.object_id))
    if combination is None or set(event.changes) - {"quantity"}:
        return False
    values = [a.name for a in combination.attributes]
    _stock(rec, combination.product, values, combination.quantity, f"c{event.object_id}")
    return None


def _new_product(rec: Recorder, event: ActivityEvent) -> bool | None:
    from sandbox.models import Media, Tax

    product = rec.db.get(Product, int(event.object_id))
    if product is None or not product.images:
        return False  # a sheet without photos: the candidate would create it, not find it
    images = []
    for image in product.images:
        media = rec.db.get(Media, image.media_id)
        rel = f"files/{media.filename}"
        rec.out.files[rel] = media.data
        rec.used_media.add(media.id)
        images.append(rel)
    tax = rec.db.get(Tax, product.tax_id)
    rate = f"{tax.rate_bp / 100:g}".replace(".", ",") if tax else "20"
    rec.add(
        {
            "type": "product.create_with_photos",
            "name": rec.name("Product", event.object_id, _slug(product.reference or product.name, "produit")),
            "product_name": product.name,
            "reference": product.reference,
            "images": images,
            "tax_rate": rate if rate != "20" else None,
            "offline": False if product.active else None,
        }
    )
    return None


def _media(rec: Recorder, event: ActivityEvent) -> bool | None:
    from sandbox.models import Media

    media = rec.db.get(Media, int(event.object_id))
    if media is None:
        return False
    rel = f"files/{media.filename}"
    rec.out.files[rel] = media.data
    rec.add(
        {
            "type": "media.add",
            "name": rec.name("Media", event.object_id, _slug(media.filename.rsplit(".", 1)[0], "media")),
            "file": rel,
            "title": media.title,
            "alt": media.alt,
            "caption": media.caption,
        }
    )
    return None


HANDLERS = {
    ("Product", "create"): _new_product,
    ("Media", "create"): _media,
    ("Customer", "create"): _customer,
    ("Order", "create"): _order,
    ("Order", "update"): _order_update,
    ("Product", "update"): _product_update,
    ("Combination", "update"): _combination_update,
    **OTHER_HANDLERS,
}
