"""A seeded product edited in the scratch seat (offline, new price, texts, stock) as a « product.set » entry.

Several saves of one sheet give one entry holding the sheet's final values; fields no parameter expresses
(weight, brand, categories…) are listed as « non transposable », never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.activity.summaries import field_label
from sandbox.models import Product, Tax
from sandbox.models.activity import ActivityEvent
from sandbox.money import ht_from_ttc, ttc_from_ht
from sandbox.subjects.changes.product_set import TEXTS
from sandbox.subjects.studio.slugs import slug as _slug

if TYPE_CHECKING:
    from sandbox.subjects.studio.record import Recorder

SETTABLE = {"name", "active", "on_sale", "price_ht", "quantity", *TEXTS}
FOLLOWS = {"name": "slug"}  # the simplified URL follows a new name on its own


def _price(db, product: Product) -> dict[str, str]:
    """The TTC the author typed when it gives back the stored HT exactly, else the HT."""
    tax = db.get(Tax, product.tax_id)
    rate = tax.rate_bp if tax else 0
    ttc = ttc_from_ht(product.price_ht, rate)
    if ht_from_ttc(ttc, rate) == product.price_ht:
        return {"price_ttc": f"{ttc:.2f}"}
    return {"price_ht": f"{product.price_ht.normalize():f}"}


def _entry(rec: Recorder, event: ActivityEvent, product: Product) -> dict:
    """The product's « product.set » entry of this recording (made on its first edit)."""
    name = rec.names.get(("Product-set", event.object_id))
    for entry in rec.out.entries:
        if name and entry.get("name") == name:
            return entry
    entry = {
        "type": "product.set",
        "name": rec.name("Product-set", event.object_id, _slug(product.reference or product.name, "produit")),
        "product": rec.ref("Product", event.object_id, product.reference),
    }
    rec.out.entries.append(entry)
    return entry


def product_set(rec: Recorder, event: ActivityEvent, product: Product) -> bool | None:
    """Fill (or complete) the product's entry from its final state; False when nothing is expressible."""
    changed = set(event.changes)
    changed -= {FOLLOWS[k] for k in changed if k in FOLLOWS}
    if product.combinations:
        changed.discard("quantity")  # the sum of the combinations: their own events say which one
    usable = changed & SETTABLE
    if not usable:
        return False
    if ("Product", event.object_id) not in rec.entered:
        rec.sheet_edits.add(("Product", event.object_id))
    entry = _entry(rec, event, product)
    for key in sorted(usable):
        if key == "price_ht":
            entry.pop("price_ttc", None)
            entry.pop("price_ht", None)
            entry.update(_price(rec.db, product))
        elif key == "name":
            entry["product_name"] = product.name
        elif key in TEXTS and not getattr(product, key):
            entry.pop(key, None)
            entry["clear"] = sorted({*entry.get("clear", []), key})
        else:
            if key in TEXTS and key in entry.get("clear", []):
                entry["clear"] = [k for k in entry["clear"] if k != key]
            entry[key] = getattr(product, key)
    if entry.get("clear") == []:
        entry.pop("clear")
    left = sorted(changed - SETTABLE)
    if left:
        labels = ", ".join(field_label(Product, k) for k in left)
        rec.out.untranslatable.append(f"Produit « {product.name} » : {labels} (non transposable)")
    return None
