"""Single post with its comments (and the comment form), and pages with their breadcrumb."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from sandbox.clock import seat_now
from sandbox.content import queries
from sandbox.content.blocks import render_blocks
from sandbox.content.links import web_render_context
from sandbox.models import Comment, Post
from sandbox.services import ServiceError
from sandbox.services.comments import post_comment
from sandbox.web.site_front import bp
from sandbox.web.site_front.chrome import content_url, current_site_user
from sandbox.web.site_front.forms import CommentForm

FEATURES = ["S-NAV-4"]  # feature ids of this screen (coverage report)


def _comment_form() -> CommentForm:
    form = CommentForm()
    if current_site_user() is not None:  # the account gives the name and e-mail
        del form.author_name
        del form.author_email
    return form


def _reply_target(post: Post, raw: str | None) -> Comment | None:
    """The approved comment of this post a visitor is answering (?replytocom=, as in WordPress)."""
    if not raw or not raw.isdigit():
        return None
    comment = g.db.get(Comment, int(raw))
    if comment is None or comment.post_id != post.id or comment.status != "approved":
        return None
    return comment


def _submit_comment(post: Post, form: CommentForm) -> tuple[str | None, object]:
    """Validate and save a comment; (error for the whole form, redirect response or None)."""
    if not form.validate_on_submit():
        return None, None
    parent = _reply_target(post, form.parent_id.data)
    try:
        comment = post_comment(
            g.db, post, body=form.body.data, user=current_site_user(),
            parent_id=parent.id if parent else None,
            author_name=form.author_name.data if "author_name" in form else "",
            author_email=form.author_email.data if "author_email" in form else "",
        )
        g.db.commit()
    except ServiceError as exc:
        g.db.rollback()
        if exc.field and exc.field in form:
            form[exc.field].errors = [*form[exc.field].errors, exc.message]
            return None, None
        return exc.message, None
    if comment.status == "approved":
        flash("Merci, votre commentaire est publié.", "success")
        return None, redirect(url_for(".post", slug=post.slug, _anchor=f"commentaire-{comment.id}"))
    flash("Merci, votre commentaire est en attente de modération : il sera visible une fois approuvé.",
          "info")
    return None, redirect(url_for(".post", slug=post.slug, _anchor="commentaires"))


@bp.route("/blog/<slug>", methods=["GET", "POST"])
def post(slug: str):
    """A published post, its approved comments (threaded) and the form « Laisser un commentaire »."""
    found = queries.post_by_slug(g.db, slug, seat_now(g.db))
    if found is None:
        abort(404)
    g.shown_post = found  # pop-up display rules are per page
    form = _comment_form()
    form_error = None
    if request.method == "POST":
        form_error, response = _submit_comment(found, form)
        if response is not None:
            return response
    reply_to = _reply_target(found, form.parent_id.data or request.args.get("replytocom"))
    if reply_to is not None:
        form.parent_id.data = str(reply_to.id)
    comments, count = queries.approved_comments(g.db, found)
    return render_template(
        "site_front/post.html", post=found, content=render_blocks(found.blocks, web_render_context(g.db)),
        comments=comments, comment_count=count, form=form, form_error=form_error, reply_to=reply_to,
        user=current_site_user(),
    )


def render_page(page: Post, is_front: bool = False):
    """A page with its breadcrumb and its child pages."""
    g.shown_post = page  # pop-up display rules are per page
    trail = [] if is_front else queries.ancestors(g.db, page)
    return render_template(
        "site_front/page.html", page=page, is_front=is_front, trail=trail,
        children=queries.child_pages(g.db, page.id, seat_now(g.db)),
        content=render_blocks(page.blocks, web_render_context(g.db)),
    )


@bp.get("/<path:path>")
def page(path: str):
    """A published page at its path of slugs (« a-propos/notre-equipe »)."""
    found = queries.page_by_path(g.db, path, seat_now(g.db))
    if found is None:
        abort(404)
    if content_url(found) == url_for(".index"):
        return redirect(url_for(".index"))
    return render_page(found)
