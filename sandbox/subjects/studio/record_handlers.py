"""How each kind of seat event becomes a changes.toml entry (see ``record``): one function per event."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import select

from sandbox.models import (
    Comment,
    Customer,
    CustomerGroup,
    CustomerThread,
    Module,
    Order,
    OrderState,
    Post,
    Product,
    ProductComment,
    ReturnRequest,
    Setting,
)
from sandbox.models.activity import ActivityEvent
from sandbox.subjects.changes import NAME

if TYPE_CHECKING:
    from sandbox.subjects.studio.record import Recorder

PAYMENT_CODES = {"Chèque": "cheque", "Virement bancaire": "transfer"}
LAYOUT_KEYS = {"site.sidebar": "site.layout"}


def _slug(value: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:40].strip("-")
    return slug if slug and NAME.match(slug) else fallback


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
        return False
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


def _comment(rec: Recorder, event: ActivityEvent) -> None:
    comment = rec.db.get(Comment, int(event.object_id))
    post = rec.db.get(Post, comment.post_id)
    rec.add(
        {
            "type": "comment.create",
            "name": rec.name(
                "Comment", event.object_id, _slug(f"commentaire-{comment.author_name}", "commentaire")
            ),
            "post": post.slug,
            "author_name": comment.author_name,
            "author_email": comment.author_email,
            "body": comment.body,
        }
    )


def _product_comment(rec: Recorder, event: ActivityEvent) -> None:
    review = rec.db.get(ProductComment, int(event.object_id))
    product = rec.db.get(Product, review.product_id)
    customer = rec.db.get(Customer, review.customer_id) if review.customer_id else None
    rec.add(
        {
            "type": "product_comment.create",
            "name": rec.name("ProductComment", event.object_id, _slug(f"avis-{review.author_name}", "avis")),
            "product": product.reference,
            "customer": customer.email if customer else None,
            "author_name": None if customer else review.author_name,
            "title": review.title,
            "message": review.body,
            "grade": review.grade,
        }
    )


def _thread(rec: Recorder, event: ActivityEvent) -> None:
    thread = rec.db.get(CustomerThread, int(event.object_id))
    customer = rec.db.get(Customer, thread.customer_id) if thread.customer_id else None
    first = thread.messages[0].body if thread.messages else ""
    rec.add(
        {
            "type": "thread.create",
            "name": rec.name("CustomerThread", event.object_id, _slug(f"sav-{thread.subject}", "sav")),
            "customer": rec.ref("Customer", str(thread.customer_id), customer.email) if customer else None,
            "from_email": None if customer else thread.email,
            "subject": thread.subject,
            "message": first,
        }
    )


def _return(rec: Recorder, event: ActivityEvent) -> None:
    request = rec.db.get(ReturnRequest, int(event.object_id))
    order = rec.db.get(Order, request.order_id)
    rec.add(
        {
            "type": "return.create",
            "name": rec.name("ReturnRequest", event.object_id, _slug(f"retour-{order.reference}", "retour")),
            "order": rec.ref("Order", str(order.id), order.reference),
            "state": request.state,
            "reason": request.reason,
        }
    )


def _setting(rec: Recorder, event: ActivityEvent) -> bool | None:
    row = rec.db.get(Setting, event.object_id)
    value = row.value if row is not None else ""
    module = module_switches().get(event.object_id)
    if module is not None:  # a module whose on/off switch is a setting (product reviews, cheque…)
        rec.add({"type": "module.set", "module": module, "active": value == "1"})
    elif event.object_id in LAYOUT_KEYS:
        rec.add({"type": "site.layout", "sidebar": value})
    elif event.object_id.startswith("plugins."):
        rec.add({"type": "plugin.set", "plugin": event.object_id.split(".", 1)[1], "active": value == "1"})
    else:
        rec.add(
            {
                "type": "setting.set",
                "key": event.object_id,
                "value": value,
                "create": True if event.action == "create" else None,
            }
        )
    return None


def module_switches() -> dict[str, str]:
    """Setting key → module code, for modules switched on and off by a setting."""
    from sandbox.services.modules import MODULES

    return {spec.settings["active"]: code for code, spec in MODULES.items() if spec.settings.get("active")}


def _module(rec: Recorder, event: ActivityEvent) -> bool | None:
    if "active" not in event.changes:
        return False
    module = rec.db.get(Module, event.object_id)
    rec.add({"type": "module.set", "module": module.code, "active": bool(module.active)})
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


def _menu_removed(rec: Recorder, event: ActivityEvent) -> bool | None:
    from sandbox.models import Category

    # A deleted row leaves only its summary (« … catégorie « Linge de table » retirée »): the name is in it.
    found = re.search(r"catégorie « (.+?) »", event.summary or "")
    if found is None or rec.db.scalar(select(Category.id).where(Category.name == found.group(1))) is None:
        return False
    rec.add(
        {
            "type": "main_menu.remove",
            "name": rec.name("Menu", event.object_id, _slug(f"menu-sans-{found.group(1)}", "menu")),
            "category": found.group(1),
        }
    )
    return None


def _menu_added(rec: Recorder, event: ActivityEvent) -> bool | None:
    from sandbox.models import Category, MainMenuItem

    item = rec.db.get(MainMenuItem, int(event.object_id))
    category = rec.db.get(Category, item.target_id) if item is not None and item.kind == "category" else None
    if category is None:
        return False
    rec.add(
        {
            "type": "main_menu.add",
            "name": rec.name("Menu", event.object_id, _slug(f"menu-avec-{category.name}", "menu")),
            "category": category.name,
        }
    )
    return None


HANDLERS = {
    ("MainMenuItem", "delete"): _menu_removed,
    ("MainMenuItem", "create"): _menu_added,
    ("Product", "create"): _new_product,
    ("Media", "create"): _media,
    ("Customer", "create"): _customer,
    ("Order", "create"): _order,
    ("Order", "update"): _order_update,
    ("Product", "update"): _product_update,
    ("Combination", "update"): _combination_update,
    ("Comment", "create"): _comment,
    ("ProductComment", "create"): _product_comment,
    ("CustomerThread", "create"): _thread,
    ("ReturnRequest", "create"): _return,
    ("Setting", "update"): _setting,
    ("Setting", "create"): _setting,
    ("Module", "update"): _module,
    ("Module", "create"): _module,  # a module first switched in a seat gets its row then
}
