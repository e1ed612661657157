"""« Tableau de bord »: at a glance (counts), the user's drafts and recently published content."""

from __future__ import annotations

from flask import g, render_template
from sqlalchemy import func, select

from sandbox.models import Comment, Media, Post
from sandbox.web.site_admin import bp

FEATURES = ["S-NAV-1"]  # feature ids of this screen (coverage report)


@bp.get("/")
def index():
    """The dashboard."""
    counts = dict(g.db.execute(
        select(Post.kind, func.count()).where(Post.status == "publish").group_by(Post.kind)).all())
    pending = g.db.scalar(select(func.count()).select_from(Comment).where(Comment.status == "pending"))
    media = g.db.scalar(select(func.count()).select_from(Media))
    drafts = g.db.scalars(select(Post).where(Post.author_id == g.site_user.id, Post.status.in_(
        ("draft", "pending"))).order_by(Post.updated_at.desc()).limit(5)).all()
    # As WordPress's « Activité »: scheduled posts apart (soonest first), never among the published ones.
    soon = g.db.scalars(select(Post).where(Post.kind == "post", Post.status == "future")
                        .order_by(Post.published_at.asc()).limit(5)).all()
    recent = g.db.scalars(select(Post).where(Post.kind == "post", Post.status == "publish")
                          .order_by(Post.published_at.desc()).limit(5)).all()
    return render_template("site_admin/dashboard.html", posts=counts.get("post", 0),
                           pages=counts.get("page", 0), pending=pending, media=media, drafts=drafts,
                           recent=recent, soon=soon)
