"""« Réseaux sociaux » (X-REL-4): the company's simulated page — publish, answer followers' comments."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sandbox.models import Media, SocialComment, SocialPost, get_setting
from sandbox.services import ServiceError
from sandbox.services.site_roles import can
from sandbox.services.social import NETWORKS, answer, publish_post
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.appearance import media_choices
from sandbox.web.site_admin.look_forms import ReplyForm, SocialPostForm
from sandbox.web.site_admin.nav import NavEntry, add_entry

FEATURES = ["X-REL-4"]  # feature ids of this screen (coverage report)

FORBIDDEN = "Seuls les éditeurs et les administrateurs publient sur les réseaux sociaux de l'entreprise."

add_entry(NavEntry("Réseaux sociaux", "social", ("social",), "moderate_comments"), after="Newsletter")


def _company() -> str:
    return get_setting(g.db, "company.name") or get_setting(g.db, "site.title") or "L'entreprise"


@bp.route("/reseaux-sociaux", methods=["GET", "POST"])
def social():
    """The timeline, newest first, with « Publier » on top."""
    if not can(g.site_user, "moderate_comments"):
        return forbidden(FORBIDDEN)
    form = SocialPostForm()
    form.media_id.choices = media_choices(("image/",), "(sans image)")
    if form.validate_on_submit():
        try:
            raw = form.media_id.data or ""
            publish_post(g.db, form.network.data, form.body.data, int(raw) if raw.isdigit() else None)
            g.db.commit()
            flash("Publication en ligne (simulation : rien ne quitte le poste).", "success")
            return redirect(url_for(".social"))
        except ServiceError as exc:
            g.db.rollback()
            target = getattr(form, exc.field or "", None) or form.body
            target.errors = [*target.errors, exc.message]
    posts = g.db.scalars(select(SocialPost).options(selectinload(SocialPost.comments))
                         .order_by(SocialPost.created_at.desc(), SocialPost.id.desc())).all()
    ids = {p.media_id for p in posts if p.media_id}
    images = {m.id: m for m in g.db.scalars(select(Media).where(Media.id.in_(ids)))} if ids else {}
    return render_template("site_admin/social.html", form=form, posts=posts, company=_company(),
                           networks=NETWORKS, images=images)


@bp.route("/reseaux-sociaux/commentaire/<int:comment_id>", methods=["GET", "POST"])
def social_answer(comment_id: int):
    """Answer one follower's comment as the company."""
    if not can(g.site_user, "moderate_comments"):
        return forbidden(FORBIDDEN)
    comment = g.db.get(SocialComment, comment_id)
    if comment is None:
        abort(404)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            answer(g.db, comment, form.body.data, _company())
            g.db.commit()
            flash("Réponse publiée.", "success")
            return redirect(url_for(".social", _anchor=f"publication-{comment.post_id}"))
        except ServiceError as exc:
            g.db.rollback()
            form.body.errors = [*form.body.errors, exc.message]
    return render_template("site_admin/social_answer.html", form=form, comment=comment,
                           post=g.db.get(SocialPost, comment.post_id))
