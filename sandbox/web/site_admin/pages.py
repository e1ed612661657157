"""« Pages »: the same list and editor as posts, with parent page and order."""

from __future__ import annotations

from flask import abort, g

from sandbox.models import Post
from sandbox.services.site_roles import MESSAGES, can
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.editor import edit_screen
from sandbox.web.site_admin.posts import listing

FEATURES = ["S-CON-1"]  # feature ids of this screen (coverage report)


@bp.route("/pages", methods=["GET", "POST"])
def pages():
    """« Toutes les pages »."""
    if not can(g.site_user, "edit_pages"):
        return forbidden(MESSAGES["edit_pages"])
    return listing("page")


@bp.route("/pages/nouvelle", methods=["GET", "POST"])
def page_new():
    """« Ajouter une page »."""
    return edit_screen("page", None)


@bp.route("/pages/<int:post_id>", methods=["GET", "POST"])
def page_edit(post_id: int):
    """« Modifier la page »."""
    page = g.db.get(Post, post_id)
    if page is None or page.kind != "page":
        abort(404)
    return edit_screen("page", page)
