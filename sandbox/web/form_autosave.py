"""Autosave of the back offices' simpler forms (product sheet, customer-service reply, newsletter campaign).

The views of each screen call these helpers, so the screen's permissions guard its autosaves too. The
offer is restored in the browser (autosave.js fills the form's fields by name from the stored JSON),
so any plain form can be autosaved without a screen-specific restore.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import g, request

from sandbox.activity.actor import current_actor
from sandbox.content.sanitize import strip_tags
from sandbox.services import ServiceError
from sandbox.services.autosave import discard_autosave, find_autosave, store_autosave

NEW = "nouveau"
SKIPPED = {"csrf_token", "action"}


def words(text: object) -> str:
    """« 87 mots » for a text or HTML field."""
    count = len(strip_tags(str(text or "")).split())
    return f"{count} mot{'s' if count > 1 else ''}"


def store_form_autosave(object_type: str, key: str, progress: Callable[[dict], str]):
    """Store the posted fields as this person's autosave; the progress line is ``progress(fields)``."""
    fields = {name: values if len(values) > 1 else values[0]
              for name, values in request.form.lists() if name not in SKIPPED}
    try:
        store_autosave(g.db, current_actor(g.db), object_type, key, fields, progress(fields))
        g.db.commit()
    except ServiceError as exc:
        g.db.rollback()
        return {"error": exc.message}, 413
    return {"saved": True}, 200


def forget_form_autosave(object_type: str, key: str) -> None:
    """The form was saved (or « Ignorer »): its autosave is no longer offered (commit follows)."""
    discard_autosave(g.db, current_actor(g.db), object_type, key)


def autosave_offer(object_type: str, key: str, ignore_url: str) -> dict | None:
    """What the template's offer needs (« Une sauvegarde automatique plus récente… »), or None."""
    if request.method != "GET":
        return None
    found = find_autosave(g.db, current_actor(g.db), object_type, key)
    if found is None:
        return None
    return {"fields": found.fields, "saved_at": found.saved_at, "ignore_url": ignore_url}
