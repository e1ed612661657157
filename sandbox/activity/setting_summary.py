"""« Réseau social TikTok : adresse ajoutée »: the console's sentence for a changed setting."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from sandbox.activity.setting_labels import SettingLabel, agree, label_for

TRUE_WORDS = {"1", "true", "on", "oui", "yes"}
SHORT = 60  # longer texts are not quoted in full: the console line stays one line


def _named_row(db: Session | None, kind: str, value: str) -> str | None:
    """The file name of a media, the title of a page, instead of their id."""
    from sandbox.models import Media, Post  # models import this module lazily: no cycle

    if db is None or not value.isdigit():
        return None
    if kind == "media":
        row = db.get(Media, int(value))
        return row.filename if row is not None else None
    row = db.get(Post, int(value))
    return row.title if row is not None else None


def _shown(label: SettingLabel, value: str, db: Session | None) -> str:
    if value in label.choices:
        return label.choices[value]
    if label.kind in ("media", "page"):
        value = _named_row(db, label.kind, value) or f"n° {value}"
    if label.kind == "number" and value.lstrip("-").isdigit():
        return value
    text = " ".join(value.split())
    return f"« {text[:SHORT]}… »" if len(text) > SHORT else f"« {text} »"


def _same_value(before: str, after: str) -> bool:
    """« 0 » and « 0.00 », « 12,5 » and « 12.50 » are the same amount."""
    if before == after:
        return True
    try:
        return Decimal(before.replace(",", ".")) == Decimal(after.replace(",", "."))
    except InvalidOperation:
        return False


def setting_unchanged(key: str, before: str | None, after: str | None) -> bool:
    """Whether storing `after` over `before` (None: the key was absent, so its default) changes nothing."""
    default = label_for(key).default
    before = default if before is None else before
    after = default if after is None else after
    return _same_value(before.strip(), after.strip())


def setting_summary(key: str, before: str | None, after: str | None, db: Session | None = None) -> str | None:
    """The French sentence for a setting going from `before` to `after`; None when nothing changed."""
    if setting_unchanged(key, before, after):
        return None
    label = label_for(key)
    before, after = (before or "").strip(), (after or "").strip()
    head = f"{label.subject} : {label.field}" if label.field else label.subject
    if label.kind == "bool":
        return f"{head} {agree(label.on if after.lower() in TRUE_WORDS else label.off, label.gender)}"
    if not after:
        return f"{head} {agree('supprimé', label.gender)}"
    if label.kind in ("long", "hidden"):
        return f"{head} {agree('ajouté' if not before else 'modifié', label.gender)}"
    if not before:
        return f"{head} {agree('ajouté', label.gender)} ({_shown(label, after, db)})"
    return f"{head} : {_shown(label, before, db)} → {_shown(label, after, db)}"
