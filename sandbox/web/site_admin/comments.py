"""« Commentaires »: queue and filters; approve, unapprove, spam, trash, edit, reply as the site."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import Comment, Post
from sandbox.services import ServiceError
from sandbox.services.comments import edit_comment, moderate, reply_as_site, set_comments_open
from sandbox.services.site_roles import can
from sandbox.subjects.labels import COMMENT_STATUSES
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.look_forms import CommentEditForm, ReplyForm

FEATURES = ["S-CON-9", "S-NAV-3"]  # feature ids of this screen (coverage report)

FILTERS = [("all", "Tous"), ("pending", "En attente"), ("approved", "Approuvés"), ("spam", "Indésirables"),
           ("trash", "Corbeille")]
ACTIONS = {"approve": "Commentaire approuvé.", "unapprove": "Commentaire désapprouvé (en attente).",
           "spam": "Commentaire marqué comme indésirable.", "trash": "Commentaire mis à la corbeille.",
           "restore": "Commentaire restauré (en attente)."}
FORBIDDEN = "Seuls les éditeurs et les administrateurs modèrent les commentaires."



def _allowed() -> bool:
    return can(g.site_user, "moderate_comments")


def _comment(comment_id: int) -> Comment:
    comment = g.db.get(Comment, comment_id)
    if comment is None:
        abort(404)
    return comment


@bp.get("/commentaires")
def comments():
    """The moderation queue, filtered by state (« Tous » hides spam and trash, as in WordPress)."""
    if not _allowed():
        return forbidden(FORBIDDEN)
    status = request.args.get("statut", "all")
    if status not in dict(FILTERS):
        status = "all"
    counts = dict(g.db.execute(select(Comment.status, func.count()).group_by(Comment.status)).all())
    counts["all"] = counts.get("pending", 0) + counts.get("approved", 0)
    stmt = select(Comment, Post).join(Post, Post.id == Comment.post_id)
    shown = ("pending", "approved") if status == "all" else (status,)
    stmt = stmt.where(Comment.status.in_(shown))
    rows = g.db.execute(stmt.order_by(Comment.created_at.desc(), Comment.id.desc())).all()
    return render_template("site_admin/comments.html", rows=rows, status=status, filters=FILTERS,
                           counts=counts, labels=COMMENT_STATUSES)


@bp.post("/commentaires/<int:comment_id>/<any(approve, unapprove, spam, trash, restore):action>")
def comment_action(comment_id: int, action: str):
    """One moderation action from the queue (a small form per button, CSRF-protected)."""
    if not _allowed():
        return forbidden(FORBIDDEN)
    comment = _comment(comment_id)
    try:
        moderate(g.db, comment, action)
        g.db.commit()
        flash(ACTIONS[action], "success")
    except ServiceError as exc:
        g.db.rollback()
        flash(exc.message, "error")
    return redirect(url_for(".comments", statut=request.form.get("statut", "all")))


@bp.route("/commentaires/<int:comment_id>", methods=["GET", "POST"])
def comment_edit(comment_id: int):
    """« Modifier le commentaire », with « Répondre » as the site and the post's comments switch."""
    if not _allowed():
        return forbidden(FORBIDDEN)
    comment = _comment(comment_id)
    post = g.db.get(Post, comment.post_id)
    form = CommentEditForm(obj=comment if request.method == "GET" else None, prefix="edit")
    reply = ReplyForm(prefix="reply")
    if request.method == "POST" and "edit-body" in request.form and form.validate_on_submit():
        try:
            edit_comment(g.db, comment, body=form.body.data, author_name=form.author_name.data,
                         author_email=form.author_email.data)
            g.db.commit()
            flash("Commentaire mis à jour.", "success")
            return redirect(url_for(".comment_edit", comment_id=comment.id))
        except ServiceError as exc:
            g.db.rollback()
            target = getattr(form, exc.field or "body", None) or form.body
            target.errors = [*target.errors, exc.message]
    if request.method == "POST" and "reply-body" in request.form and reply.validate_on_submit():
        try:
            reply_as_site(g.db, comment, g.site_user, reply.body.data)
            g.db.commit()
            flash("Votre réponse est publiée.", "success")
            return redirect(url_for(".comments"))
        except ServiceError as exc:
            g.db.rollback()
            reply.body.errors = [*reply.body.errors, exc.message]
    replies = g.db.scalars(select(Comment).where(Comment.parent_id == comment.id).order_by(Comment.id)).all()
    return render_template("site_admin/comment_edit.html", comment=comment, post=post, form=form, reply=reply,
                           replies=replies, labels=COMMENT_STATUSES)


@bp.post("/commentaires/article/<int:post_id>/ouverture")
def comment_post_toggle(post_id: int):
    """Open or close the comments of one post."""
    if not _allowed():
        return forbidden(FORBIDDEN)
    post = g.db.get(Post, post_id)
    if post is None:
        abort(404)
    set_comments_open(g.db, post, request.form.get("open") == "1")
    g.db.commit()
    state = "ouverts" if post.comments_open else "fermés"
    flash(f"Commentaires {state} sur « {post.title} ».", "success")
    back = request.form.get("comment", "")
    if back.isdigit():
        return redirect(url_for(".comment_edit", comment_id=int(back)))
    return redirect(url_for(".comments"))
