"""« Préparer la situation de départ »: what the author did in a scratch seat, as changes.toml entries.

The scratch seat records every change as an ActivityEvent. Each event (or group of events: a customer
and its address, an order and its lines) is turned into an entry of an existing change type, named and
editable; an event no change type expresses is listed as « non transposable » with its French summary,
never dropped silently. The final state of each object is read from the seat (not the event's values)
so that an object changed twice gives one entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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

SEAT_PREFIX = "studio-"
# Objects whose events belong to another entry (an order's lines, a customer's address, stock taken by
# an order, a thread's messages) or that only log what another event says (an order's history line).
ABSORBED = {
    "Address",
    "OrderLine",
    "OrderHistory",
    "CustomerMessage",
    "ReturnLine",
    "ProductCategory",
    "ProductImage",
    "CustomerGroupMember",
}
PAYMENT_CODES = {"Chèque": "cheque", "Virement bancaire": "transfer"}
LAYOUT_KEYS = {"site.sidebar": "site.layout"}


@dataclass
class Recorded:
    """Entries for changes.toml (in the order the author acted) and what could not be transposed."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    untranslatable: list[str] = field(default_factory=list)


def depart_seat_name(draft_id: str) -> str:
    """The scratch seat where the author prepares the starting state."""
    return f"{SEAT_PREFIX}{draft_id}-depart"


def last_event_id(db: Session) -> int:
    """The id of the seat's latest event: what the author does afterwards is recorded."""
    return db.scalar(select(ActivityEvent.id).order_by(ActivityEvent.id.desc()).limit(1)) or 0


def author_events(db: Session, since: int = 0) -> list[ActivityEvent]:
    """Events after ``since`` signed by a person (not the system's own bookkeeping), oldest first."""
    query = select(ActivityEvent).where(ActivityEvent.id > since, ActivityEvent.actor_kind != "system")
    return list(db.scalars(query.order_by(ActivityEvent.id)))


def _slug(value: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:40].strip("-")
    return slug if slug and NAME.match(slug) else fallback


class _Recorder:
    """Turns events into entries, remembering which object got which name (later entries say « @nom »)."""

    def __init__(self, db: Session):
        self.db = db
        self.out = Recorded()
        self.names: dict[tuple[str, str], str] = {}
        self.done: set[tuple[str, str, str]] = set()
        self.stock_by_orders: set[tuple[str, str]] = set()

    def name(self, kind: str, oid: str, wanted: str) -> str:
        used = set(self.names.values()) | {e.get("name") for e in self.out.entries}
        base, number = wanted, 2
        while wanted in used:
            wanted = f"{base[:36]}-{number}"
            number += 1
        self.names[(kind, oid)] = wanted
        return wanted

    def ref(self, kind: str, oid: str, fallback: str) -> str:
        """« @nom » for an object created in this recording, else how the context names it."""
        named = self.names.get((kind, oid))
        return f"@{named}" if named else fallback

    def add(self, entry: dict[str, Any]) -> None:
        self.out.entries.append({k: v for k, v in entry.items() if v not in (None, "")})

    def skip(self, event: ActivityEvent) -> None:
        self.out.untranslatable.append(
            event.summary or f"{event.object_type} {event.object_id} ({event.action})"
        )

    def run(self, events: list[ActivityEvent]) -> Recorded:
        for event in events:
            key = (event.object_type, event.object_id, event.action)
            if event.object_type in ABSORBED:
                continue
            if (
                (event.object_type, event.object_id) in self.stock_by_orders
                and event.action == "update"
                and set(event.changes) <= {"quantity"}
            ):
                continue  # stock taken by an order recorded above
            handler = HANDLERS.get((event.object_type, event.action))
            if handler is None or (key in self.done and event.action == "create"):
                self.skip(event)
                continue
            if handler(self, event) is False:
                self.skip(event)
            self.done.add(key)
        return self.out


def _customer(rec: _Recorder, event: ActivityEvent) -> None:
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


def _order(rec: _Recorder, event: ActivityEvent) -> None:
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


def _order_update(rec: _Recorder, event: ActivityEvent) -> bool | None:
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


def _product_update(rec: _Recorder, event: ActivityEvent) -> bool | None:
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


def _stock(rec: _Recorder, product: Product, values: list[str] | None, quantity: int, oid: str) -> None:
    entry = {
        "type": "stock.set",
        "name": rec.name("Stock", oid, _slug(f"stock-{product.reference}", "stock")),
        "product": product.reference,
    }
    if values:
        entry["combination"] = values
    entry["quantity"] = quantity
    rec.add(entry)


def _combination_update(rec: _Recorder, event: ActivityEvent) -> bool | None:
    from sandbox.models import Combination

    combination = rec.db.get(Combination, int(event.object_id))
    if combination is None or set(event.changes) - {"quantity"}:
        return False
    values = [a.name for a in combination.attributes]
    _stock(rec, combination.product, values, combination.quantity, f"c{event.object_id}")
    return None


def _comment(rec: _Recorder, event: ActivityEvent) -> None:
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


def _product_comment(rec: _Recorder, event: ActivityEvent) -> None:
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


def _thread(rec: _Recorder, event: ActivityEvent) -> None:
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


def _return(rec: _Recorder, event: ActivityEvent) -> None:
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


def _setting(rec: _Recorder, event: ActivityEvent) -> bool | None:
    row = rec.db.get(Setting, event.object_id)
    value = row.value if row is not None else ""
    module = _module_switches().get(event.object_id)
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


def _module_switches() -> dict[str, str]:
    """Setting key → module code, for modules switched on and off by a setting."""
    from sandbox.services.modules import MODULES

    return {spec.settings["active"]: code for code, spec in MODULES.items() if spec.settings.get("active")}


def _module(rec: _Recorder, event: ActivityEvent) -> bool | None:
    if "active" not in event.changes:
        return False
    module = rec.db.get(Module, event.object_id)
    rec.add({"type": "module.set", "module": module.code, "active": bool(module.active)})
    return None


HANDLERS = {
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


def record_changes(db: Session, since: int = 0) -> Recorded:
    """The author's actions in a scratch seat after event ``since``, as named changes.toml entries."""
    return _Recorder(db).run(author_events(db, since))
