"""« Articles »: the list (status filters, search, bulk actions) and the edit screen of posts."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from sandbox.activity.actor import current_actor
from sandbox.models import Post
from sandbox.services import ServiceError
from sandbox.services.autosave import find_autosave
from sandbox.services.posts import STATUS_LABELS, bulk_action
from sandbox.services.site_roles import can
from sandbox.web.site_admin import bp
from sandbox.web.site_admin.editor import edit_screen, public_url
from sandbox.web.site_admin.forms import ConfirmForm

FEATURES = ["S-CON-1", "S-CON-8"]  # feature ids of this screen (coverage report)

FILTERS = [("all", "Tous"), ("publish", "Publiés"), ("draft", "Brouillons"), ("future", "Planifiés"),
           ("pending", "En attente"), ("trash", "Corbeille")]
BULK = {"trash": "Mettre à la corbeille", "restore": "Restaurer", "delete": "Supprimer définitivement"}


def listing(kind: str):
    """The list of posts or pages, with its filters and bulk actions."""
    status = request.args.get("statut", "all")
    query = request.args.get("s", "").strip()
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        action = request.form.get("bulk", "")
        ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
        if action not in BULK or not ids:
            flash("Choisissez une action groupée et au moins un élément.", "error")
        else:
            try:
                done = bulk_action(g.db, g.site_user, ids, action)
                g.db.commit()
                flash(f"{BULK[action]} : {done} élément(s).", "success")
            except ServiceError as exc:
                g.db.rollback()
                flash(exc.message, "error")
        return redirect(request.full_path.rstrip("?"))
    stmt = select(Post).where(Post.kind == kind).options(
        selectinload(Post.author), selectinload(Post.categories))
    counts = dict(g.db.execute(select(Post.status, func.count()).where(Post.kind == kind)
                               .group_by(Post.status)).all())
    counts["all"] = sum(n for s, n in counts.items() if s != "trash")
    stmt = stmt.where(Post.status != "trash") if status == "all" else stmt.where(Post.status == status)
    if query:
        stmt = stmt.where(Post.title.ilike(f"%{query}%"))
    order = (Post.parent_id, Post.menu_order, Post.title) if kind == "page" else (Post.updated_at.desc(),)
    rows = g.db.scalars(stmt.order_by(*order, Post.id.desc()).limit(200)).all()
    draft = find_autosave(g.db, current_actor(g.db), kind, "nouveau")  # a new one, begun and never saved
    return render_template("site_admin/posts.html", rows=rows, kind=kind, status=status, query=query,
                           draft=draft,
                           filters=FILTERS, counts=counts, bulk=BULK, form=form, status_labels=STATUS_LABELS,
                           public_url=public_url, can=can)


@bp.route("/articles", methods=["GET", "POST"])
def posts():
    """« Tous les articles »."""
    return listing("post")


@bp.route("/articles/nouveau", methods=["GET", "POST"])
def post_new():
    """« Ajouter un article »."""
    return edit_screen("post", None)


@bp.route("/articles/<int:post_id>", methods=["GET", "POST"])
def post_edit(post_id: int):
    """« Modifier l'article »."""
    post = g.db.get(Post, post_id)
    if post is None or post.kind != "post":
        abort(404)
    return edit_screen("post", post)


@bp.get("/articles/<int:post_id>/voir")
def post_view(post_id: int):
    """Jump to the public page of a post."""
    post = g.db.get(Post, post_id)
    if post is None:
        abort(404)
    return redirect(public_url(post) if post.status == "publish" else url_for(".post_edit", post_id=post_id))
