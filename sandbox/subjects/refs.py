"""References from a subject pack to seat objects: "@name" (a named object) or a seeded key.

A seeded object is named by what an author reads in the back office: a product or an order by its
reference, a customer by e-mail, a category or a customer group by name, a post by its slug, an
order state by its code, a media by its file name. Objects the pack creates (threads, returns,
comments…) are only reachable through the name their change gave them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import (
    Category,
    Comment,
    Customer,
    CustomerGroup,
    CustomerThread,
    Media,
    Order,
    OrderState,
    Post,
    Product,
    ProductComment,
    ReturnRequest,
    Setting,
)


@dataclass(frozen=True)
class RefKind:
    """How one kind of object is referenced: its model, French words, and the seeded key column."""

    model: type
    label: str  # « le produit »
    key: str | None  # column holding the seeded key; None: only named objects
    key_label: str = ""  # « sa référence »


REF_KINDS: dict[str, RefKind] = {
    "product": RefKind(Product, "le produit", "reference", "sa référence"),
    "order": RefKind(Order, "la commande", "reference", "sa référence"),
    "customer": RefKind(Customer, "le client", "email", "son adresse e-mail"),
    "category": RefKind(Category, "la catégorie", "name", "son nom"),
    "group": RefKind(CustomerGroup, "le groupe de clients", "name", "son nom"),
    "state": RefKind(OrderState, "l'état de commande", "code", "son code"),
    "post": RefKind(Post, "l'article ou la page", "slug", "son identifiant (slug)"),
    "media": RefKind(Media, "le média", "filename", "son nom de fichier"),
    "setting": RefKind(Setting, "le paramètre", "key", "sa clé"),
    "thread": RefKind(CustomerThread, "le fil SAV", None),
    "return": RefKind(ReturnRequest, "le retour produit", None),
    "product_comment": RefKind(ProductComment, "l'avis produit", None),
    "comment": RefKind(Comment, "le commentaire", None),
}
TYPE_KINDS = {kind.model.__name__: name for name, kind in REF_KINDS.items()}


def is_named(value: str) -> bool:
    """Whether a reference points to a named object ("@plaid")."""
    return isinstance(value, str) and value.startswith("@")


def resolve(db: Session, kind: str, value: str, objects: dict[str, dict]) -> int | str | None:
    """Primary key of the referenced object, or None when it does not exist (or has the wrong type)."""
    spec = REF_KINDS[kind]
    if is_named(value):
        found = objects.get(value[1:])
        if found is None or found.get("type") != spec.model.__name__:
            return None
        return found["id"]
    if spec.key is None:
        return None
    column = getattr(spec.model, spec.key)
    pk = spec.model.__mapper__.primary_key[0]
    return db.scalar(select(pk).where(column == value).order_by(pk).limit(1))


def load(db: Session, kind: str, value: str, objects: dict[str, dict]):
    """The referenced object itself, or None."""
    pk = resolve(db, kind, value, objects)
    return None if pk is None else db.get(REF_KINDS[kind].model, pk)


def how_to_name(kind: str) -> str:
    """French hint on how to write a reference of that kind."""
    spec = REF_KINDS[kind]
    if spec.key is None:
        return f"nommez {spec.label} par le nom (« @nom ») que lui donne une modification de changes.toml"
    return (
        f"écrivez « @nom » d'un objet de changes.toml, "
        f"ou désignez {spec.label} du contexte par {spec.key_label}"
    )
