"""Autosaves of the post and page editor: the beacon that stores them, « Restaurer » and « Ignorer »."""

from __future__ import annotations

import json

from flask import abort, g, redirect, request, url_for
from werkzeug.datastructures import MultiDict

from sandbox.activity.actor import current_actor
from sandbox.models import Autosave, Post
from sandbox.services import ServiceError
from sandbox.services.autosave import discard_autosave, post_progress, store_autosave
from sandbox.services.site_roles import can
from sandbox.web.site_admin import bp

NEW = "nouveau"  # the key of an article or a page not created yet
SKIPPED = {"csrf_token", "action"}


def _target(kind: str, key: str) -> Post | None:
    """The post being edited (None for a new one), or 404/403 when this person may not edit it."""
    if kind not in ("post", "page"):
        abort(404)
    if key == NEW:
        if not can(g.site_user, "create_post") or (kind == "page" and not can(g.site_user, "edit_pages")):
            abort(403)
        return None
    post = g.db.get(Post, int(key)) if key.isdigit() else None
    if post is None or post.kind != kind:
        abort(404)
    if not can(g.site_user, "edit_post", post):
        abort(403)
    return post


def editor_url(kind: str, key: str, **args) -> str:
    """The edit screen of a post or page (or « Ajouter ») for an autosave key."""
    if key == NEW:
        return url_for(f".{kind}_new", **args)
    return url_for(f".{kind}_edit", post_id=int(key), **args)


def autosave_url(kind: str, post: Post | None) -> str:
    """Where the editor sends its autosaves."""
    return url_for(".post_autosave", kind=kind, key=str(post.id) if post else NEW)


@bp.post("/sauvegarde-auto/<kind>/<key>")
def post_autosave(kind: str, key: str):
    """Store the editor's fields as this person's autosave (sent every 15 s of change and on leaving)."""
    _target(kind, key)
    fields = {name: (values if len(values) > 1 or name == "category_ids" else values[0])
              for name, values in request.form.lists() if name not in SKIPPED}
    try:
        blocks = json.loads(fields.get("blocks") or "[]")
    except ValueError:
        blocks = []
    progress = post_progress(kind, str(fields.get("title") or ""), blocks)
    try:
        store_autosave(g.db, current_actor(g.db), kind, key, fields, progress)
        g.db.commit()
    except ServiceError as exc:
        g.db.rollback()
        return {"error": exc.message}, 413
    return {"saved": True}, 200


@bp.post("/sauvegarde-auto/<kind>/<key>/ignorer")
def post_autosave_ignore(kind: str, key: str):
    """« Ignorer »: forget the autosave and go back to the stored version."""
    _target(kind, key)
    discard_autosave(g.db, current_actor(g.db), kind, key)
    g.db.commit()
    return redirect(editor_url(kind, key))


def autosave_formdata(draft: Autosave) -> MultiDict:
    """The autosaved fields as if the form had been posted again (blocks are cleaned by the editor)."""
    data = MultiDict()
    for name, value in (draft.fields or {}).items():
        for item in value if isinstance(value, list) else [value]:
            data.add(name, str(item))
    return data
