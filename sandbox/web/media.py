"""Serve the media files of a seat from its own database."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g

from sandbox.models import Media

bp = Blueprint("media", __name__, url_prefix="/media")


@bp.get("/<int:media_id>/<path:filename>")
def file(media_id: int, filename: str):
    """The bytes of a media item, cached by the browser (media never change in place)."""
    media = g.db.get(Media, media_id)
    if media is None or media.filename != filename:
        abort(404, description="Ce média n'existe pas dans ce poste.")
    response = Response(media.data, mimetype=media.mime)
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
