"""« Préparer la situation de départ »: what the author did in a scratch seat, as changes.toml entries.

The scratch seat records every change as an ActivityEvent. Each event (or group of events: a customer
and its address, an order and its lines) is turned into an entry of an existing change type, named and
editable (``record_handlers``); an event no change type expresses is listed as « non transposable » with
its French summary, never dropped silently. The final state of each object is read from the seat (not the
event's values) so that an object changed twice gives one entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models.activity import ActivityEvent
from sandbox.subjects.studio.record_handlers import HANDLERS

SEAT_PREFIX = "studio-"
# Parts of an object (a customer's address, an order's lines and history, a thread's messages, a product's
# photos): absorbed in their owner's entry when the owner has one, else « non transposable ».
PARTS = {
    "Address": ("Customer", "customer_id"),
    "OrderLine": ("Order", "order_id"),
    "OrderHistory": ("Order", "order_id"),
    "CustomerMessage": ("CustomerThread", "thread_id"),
    "ReturnLine": ("ReturnRequest", "return_id"),
    "ProductCategory": ("Product", "product_id"),
    "ProductImage": ("Product", "product_id"),
}

# What the recorder turns into changes, in the author's words (shown on « Situation de départ »).
RECORDABLE = (
    "Boutique — une fiche produit modifiée : mise hors ligne, prix TTC, stock, nom, récapitulatif, "
    "description, balise titre, méta description, drapeau « En solde ! »",
    "Boutique — une fiche produit réduite à ses photos, ou un nouveau produit qui n'a que ses photos",
    "Boutique — le stock d'une déclinaison",
    "Boutique — un client (avec son adresse), une commande et son changement d'état",
    "Boutique — un retour produit, un message client, un avis sur un produit",
    "Boutique — un module activé ou désactivé",
    "Site vitrine — un commentaire de visiteur, une image de la médiathèque",
    "Site vitrine — un réglage, la colonne latérale, une extension activée ou désactivée, le menu principal",
)


@dataclass
class Recorded:
    """Entries for changes.toml (in the order the author acted) and what could not be transposed."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    untranslatable: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # pack path → content, for the draft's files/
    objects: dict[str, dict] = field(default_factory=dict)  # name → {"type", "id"}, as a stored subject's


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


class Recorder:
    """Turns events into entries, remembering which object got which name (later entries say « @nom »)."""

    def __init__(self, db: Session):
        self.db = db
        self.out = Recorded()
        self.names: dict[tuple[str, str], str] = {}
        self.done: set[tuple[str, str, str]] = set()
        self.stock_by_orders: set[tuple[str, str]] = set()
        self.entered: set[tuple[str, str]] = set()  # objects that gave an entry
        self.used_media: set[int] = set()  # photos of a product entry (its images = [...])
        self.sheet_edits: set[tuple[str, str]] = set()  # products only edited (product.set): no photos kept

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
        parts = []
        for event in events:
            key = (event.object_type, event.object_id, event.action)
            if event.object_type in PARTS or event.object_type == "Media":
                parts.append(event)  # decided once every owner had its chance to give an entry
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
            else:
                self.entered.add((event.object_type, event.object_id))
            self.done.add(key)
        for event in parts:
            if event.object_type == "Media":
                if event.action == "create" and int(event.object_id) in self.used_media:
                    continue  # a photo of a product entry
                if event.action != "create" or HANDLERS[("Media", "create")](self, event) is False:
                    self.skip(event)
                continue
            owner_type, column = PARTS[event.object_type]
            owner = event.changes.get(column, [None, None])[1]
            key = (owner_type, str(owner))
            if owner is None or key not in self.entered or key in self.sheet_edits:
                self.skip(event)  # product.set carries no photos nor categories: say so
        self.out.objects = {  # the seat objects entries name, for observables proposed later (« @nom »)
            name: {"type": kind, "id": int(oid)} for (kind, oid), name in self.names.items() if oid.isdigit()
        }
        return self.out


def record_changes(db: Session, since: int = 0) -> Recorded:
    """The author's actions in a scratch seat after event ``since``, as named changes.toml entries."""
    return Recorder(db).run(author_events(db, since))
