"""« Révisions » of posts and pages: the list, two versions side by side, « Restaurer cette révision »."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from sandbox.formatting import format_datetime
from sandbox.models import Post
from sandbox.services import ServiceError
from sandbox.services.revisions import compare, restore_revision, revisions_of
from sandbox.services.site_roles import MESSAGES, can
from sandbox.web.site_admin import bp, forbidden

FEATURES = ["S-CON-1"]  # feature id of this screen (coverage report): drafts and their versions


def _post(post_id: int) -> Post:
    post = g.db.get(Post, post_id)
    if post is None:
        abort(404)
    return post


def _pick(revisions: list, wanted: str | None, default):
    return next((r for r in revisions if str(r.id) == (wanted or "")), default)


@bp.get("/revisions/<int:post_id>")
def revisions(post_id: int):
    """Every revision of a post or page, and two of them compared side by side (oldest and newest first)."""
    post = _post(post_id)
    if not can(g.site_user, "edit_post", post):
        return forbidden(MESSAGES["edit_post"])
    rows = revisions_of(g.db, post)  # newest first
    numbers = {r.id: len(rows) - i for i, r in enumerate(rows)}
    left = _pick(rows, request.args.get("gauche"), rows[1] if len(rows) > 1 else (rows[0] if rows else None))
    right = _pick(rows, request.args.get("droite"), rows[0] if rows else None)
    diff = compare(left, right) if left is not None and right is not None else []
    kind = "post" if post.kind == "post" else "page"
    return render_template("site_admin/revisions.html", post=post, rows=rows, numbers=numbers, left=left,
                           right=right, diff=diff, edit_url=url_for(f".{kind}_edit", post_id=post.id))


@bp.post("/revisions/<int:post_id>/<int:revision_id>/restaurer")
def revision_restore(post_id: int, revision_id: int):
    """« Restaurer cette révision »: its title, content and excerpt become the post's again."""
    post = _post(post_id)
    revision = next((r for r in revisions_of(g.db, post) if r.id == revision_id), None)
    if revision is None:
        abort(404)
    try:
        restore_revision(g.db, g.site_user, post, revision)
        g.db.commit()
    except ServiceError as exc:
        g.db.rollback()
        flash(exc.message, "error")
        return redirect(url_for(".revisions", post_id=post.id))
    flash(f"Révision du {format_datetime(revision.saved_at)} restaurée.", "success")
    return redirect(url_for(f".{post.kind}_edit", post_id=post.id))
