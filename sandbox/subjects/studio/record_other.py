"""Seat events of service, content, settings and menus as changes.toml entries (see ``record``): comments,
reviews, SAV threads, returns, settings, modules and main-menu entries."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import select

from sandbox.models import (
    Comment,
    Customer,
    CustomerThread,
    Module,
    Order,
    Post,
    Product,
    ProductComment,
    ReturnRequest,
    Setting,
)
from sandbox.models.activity import ActivityEvent
from sandbox.subjects.studio.slugs import slug as _slug

if TYPE_CHECKING:
    from sandbox.subjects.studio.record import Recorder

LAYOUT_KEYS = {"site.sidebar": "site.layout"}


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
    ("Comment", "create"): _comment,
    ("ProductComment", "create"): _product_comment,
    ("CustomerThread", "create"): _thread,
    ("ReturnRequest", "create"): _return,
    ("Setting", "update"): _setting,
    ("Setting", "create"): _setting,
    ("Module", "update"): _module,
    ("Module", "create"): _module,  # a module first switched in a seat gets its row then
}
