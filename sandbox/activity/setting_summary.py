"""« Réseau social TikTok : adresse ajoutée »: the console's sentence for a changed setting."""

from __future__ import annotations

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
    if label.kind == "choice" and value in label.choices:
        return label.choices[value]
    if label.kind in ("media", "page"):
        value = _named_row(db, label.kind, value) or f"n° {value}"
    if label.kind == "number" and value.lstrip("-").isdigit():
        return value
    text = " ".join(value.split())
    return f"« {text[:SHORT]}… »" if len(text) > SHORT else f"« {text} »"


def setting_summary(key: str, before: str | None, after: str | None, db: Session | None = None) -> str | None:
    """The French sentence for a setting going from `before` to `after`; None when nothing changed."""
    before, after = (before or "").strip(), (after or "").strip()
    if before == after:
        return None
    label = label_for(key)
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
