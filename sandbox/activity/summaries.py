"""French one-line summaries of changes, built from the models' ``__activity__`` and column labels."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import object_session

from sandbox.db.base import Base
from sandbox.formatting import format_date, format_datetime, format_money

# Values that read better as words than as codes.
BOOLEAN_WORDS = {True: "oui", False: "non"}
ACTION_WORDS = {"create": "créé(e)", "delete": "supprimé(e)"}


def object_label(obj: Any) -> str:
    """The French kind of an object: « Produit », « Article », « Page »…"""
    spec = type(obj).__activity__
    if "label_by" in spec:
        return spec["labels"].get(getattr(obj, spec["label_by"]), spec["labels"].get("*", type(obj).__name__))
    return spec["label"]


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


def field_label(cls: type, field: str) -> str:
    """French label of a column, from its ``info``; the attribute name as a last resort."""
    column = cls.__table__.columns.get(field)
    return (column.info.get("label") if column is not None else None) or field


def _referenced_title(column, value: Any, session) -> str | None:
    """The name of the row a foreign key points to (« Draps housses » rather than 12), if known."""
    if session is None or column is None or not column.foreign_keys:
        return None
    table = next(iter(column.foreign_keys)).column.table
    model = next((m.class_ for m in Base.registry.mappers if m.local_table is table), None)
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
        return f"{head} {ACTION_WORDS[action]}"
    return f"{head} : {describe_changes(obj, changes)}"
