"""French one-line summaries of changes, built from the models' ``__activity__`` and column labels.

``__activity__`` of a model: ``label`` (its French noun) or ``label_by`` + ``labels``; ``gender`` (m, f, mp,
fp, or a mapping like ``labels``) for « créée », « supprimés »…; ``title`` (the attribute naming a row);
``ignore`` (columns never recorded); ``touch`` (columns every save changes, a modification date: alone they
are no change). A model may add ``activity_summary(action, changes)`` for its own sentence and
``activity_unchanged(action, changes)`` to say a save changed nothing. Columns are named by their
``info["label"]``, else ``COMMON_FIELDS``, else the linked model's noun; settings by
``setting_labels.SETTING_LABELS``. tests/integration/test_activity_summaries.py walks them all.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import object_session

from sandbox.activity.setting_labels import agree
from sandbox.db.base import Base
from sandbox.formatting import format_date, format_datetime, format_money

# Values that read better as words than as codes.
BOOLEAN_WORDS = {True: "oui", False: "non"}
# Agreed with the model's noun (« Catégorie … créée »).
ACTION_WORDS = {"create": "créé", "delete": "supprimé"}


def object_label(obj: Any) -> str:
    """The French kind of an object: « Produit », « Article », « Page »…"""
    spec = type(obj).__activity__
    if "label_by" in spec:
        return spec["labels"].get(getattr(obj, spec["label_by"]), spec["labels"].get("*", type(obj).__name__))
    return spec["label"]


def object_gender(obj: Any) -> str:
    """Gender and number of the object's French noun (``__activity__["gender"]``: m, f, mp, fp; m by default).

    With ``label_by`` the gender may be a mapping like the labels (« Article » m, « Page » f).
    """
    spec = type(obj).__activity__
    gender = spec.get("gender", "m")
    if isinstance(gender, dict):
        return gender.get(getattr(obj, spec["label_by"]), gender.get("*", "m"))
    return gender


def object_title(obj: Any) -> str:
    """The name by which a person knows the object (its name, title, reference…)."""
    spec = type(obj).__activity__
    try:
        value = getattr(obj, spec.get("title", "id"))
    except Exception:  # a derived title may need a relationship that is gone (deleted object)
        value = None
    return (
        str(value)
        if value not in (None, "")
        else f"n° {inspect(obj).identity[0] if inspect(obj).identity else '?'}"
    )




_MODELS_BY_TABLE: dict[int, dict] = {}


def model_of_table(table) -> type | None:
    """The model mapped to a table, from a map built once (rebuilt only if more models were mapped since)."""
    mappers = Base.registry.mappers
    known = _MODELS_BY_TABLE.get(len(mappers))
    if known is None:
        _MODELS_BY_TABLE.clear()
        known = _MODELS_BY_TABLE[len(mappers)] = {m.local_table: m.class_ for m in mappers}
    return known.get(table)


# Columns many models share, named once here rather than on every model.
COMMON_FIELDS = {
    "position": "ordre", "created_at": "date de création", "updated_at": "date de modification",
    "slug": "identifiant d'URL", "deleted": "supprimé", "code": "code", "name": "nom", "color": "couleur",
    "mime": "type de fichier", "size": "taille du fichier", "width": "largeur", "height": "hauteur",
    "kind": "genre", "reference": "référence", "paid": "considérée comme payée",
    "shipped": "considérée comme expédiée", "free_shipping": "livraison gratuite",
    "products_ht": "produits HT", "products_ttc": "produits TTC", "shipping_ht": "livraison HT",
    "shipping_ttc": "livraison TTC", "tax_rate_bp": "taux de TVA", "quantity_refunded": "quantité remboursée",
    "quantity_returned": "quantité retournée", "gift_combination_id": "déclinaison offerte",
}


def _noun(model: type) -> str:
    """« client » for Customer: the French noun of a model, as a field name (lower-case first letter)."""
    spec = model.__activity__
    label = spec.get("label") or next(iter(spec.get("labels", {}).values()), "")
    return label[:1].lower() + label[1:]


def field_label(cls: type, field: str) -> str:
    """French label of a column: its ``info``, a shared name, the linked model's noun; never the raw name."""
    column = cls.__table__.columns.get(field)
    label = column.info.get("label") if column is not None else None
    if label or field in COMMON_FIELDS:
        return label or COMMON_FIELDS[field]
    if column is not None and column.foreign_keys:
        model = model_of_table(next(iter(column.foreign_keys)).column.table)
        if model is not None and hasattr(model, "__activity__"):
            return _noun(model)
    return "autre champ"


def _referenced_title(column, value: Any, session) -> str | None:
    """The name of the row a foreign key points to (« Draps housses » rather than 12), if known."""
    if session is None or column is None or not column.foreign_keys:
        return None
    model = model_of_table(next(iter(column.foreign_keys)).column.table)
    if model is None or not hasattr(model, "__activity__"):
        return None
    row = session.get(model, value)
    return f"« {object_title(row)} »" if row is not None else None


def display_value(cls: type, field: str, value: Any, session=None) -> str:
    """A value as a French reader expects it (money, dates, yes/no, quoted text, names of linked rows)."""
    column = cls.__table__.columns.get(field)
    kind = column.info.get("kind") if column is not None else None
    if value is None or value == "":
        return "(vide)"
    named = _referenced_title(column, value, session)
    if named:
        return named
    if kind == "money":
        return format_money(Decimal(value))
    if kind == "percent":
        return f"{Decimal(value) / 100:n} %".replace(".", ",")
    if isinstance(value, bool):
        return BOOLEAN_WORDS[value]
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, (list, dict)):
        return f"{len(value)} élément(s)"
    text = str(value)
    return (
        f"« {text[:60]}… »"
        if len(text) > 60
        else (text if isinstance(value, (int, Decimal)) else f"« {text} »")
    )


def describe_changes(obj: Any, changes: dict[str, tuple[Any, Any]], special: dict | None = None) -> str:
    """« label before → after ; … »; `special` renders some fields its own way (prices read TTC…)."""
    cls, session = type(obj), object_session(obj)
    parts = []
    for name, (old, new) in changes.items():
        part = special[name](old, new) if special and name in special else None
        if part is None:
            before, after = display_value(cls, name, old, session), display_value(cls, name, new, session)
            part = f"{field_label(cls, name)} {before} → {after}"
        parts.append(part)
    return " ; ".join(parts)


def summarize_change(obj: Any, action: str, changes: dict[str, tuple[Any, Any]]) -> str:
    """« Produit « Drap housse lin » : prix HT 40,83 € → 37,42 € » and the like."""
    hook = getattr(obj, "activity_summary", None)
    if callable(hook):
        custom = hook(action, changes)
        if custom:
            return custom
    head = f"{object_label(obj)} « {object_title(obj)} »"
    if action in ACTION_WORDS:
        return f"{head} {agree(ACTION_WORDS[action], object_gender(obj))}"
    return f"{head} : {describe_changes(obj, changes)}"
