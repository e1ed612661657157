"""« Utilisateurs »: list, « Ajouter », edit and delete site accounts (administrators only)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import Post, SiteUser
from sandbox.services import ServiceError
from sandbox.services.site_roles import MESSAGES, ROLES, can
from sandbox.services.site_users import delete_user, save_user
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.forms import ConfirmForm, UserForm

FEATURES = ["S-USR-1", "S-USR-2"]  # feature ids of this screen (coverage report)


@bp.get("/utilisateurs")
def users():
    """All accounts with their role and number of posts."""
    if not can(g.site_user, "manage_users"):
        return forbidden(MESSAGES["manage_users"])
    counts = dict(g.db.execute(select(Post.author_id, func.count()).where(Post.kind == "post")
                               .group_by(Post.author_id)).all())
    rows = g.db.scalars(select(SiteUser).order_by(SiteUser.login)).all()
    return render_template("site_admin/users.html", rows=rows, counts=counts, roles=ROLES)


@bp.route("/utilisateurs/nouveau", methods=["GET", "POST"], defaults={"user_id": None})
@bp.route("/utilisateurs/<int:user_id>", methods=["GET", "POST"])
def user_edit(user_id: int | None):
    """« Ajouter un utilisateur » or edit one."""
    if not can(g.site_user, "manage_users"):
        return forbidden(MESSAGES["manage_users"])
    user = g.db.get(SiteUser, user_id) if user_id else None
    if user_id and user is None:
        abort(404)
    form = UserForm(obj=user if request.method == "GET" else None)
    form.role.choices = list(ROLES.items())
    if form.validate_on_submit():
        try:
            saved = save_user(g.db, g.site_user, user, login=form.login.data, email=form.email.data,
                              display_name=form.display_name.data or "", role=form.role.data,
                              password=form.password.data or "", bio=form.bio.data or "")
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            target = form._fields.get(exc.field or "", form.login)
            target.errors = [*target.errors, exc.message]
        else:
            flash(f"Utilisateur « {saved.login} » enregistré.", "success")
            return redirect(url_for(".users"))
    heirs = [u for u in g.db.scalars(select(SiteUser).order_by(SiteUser.login)) if user and u.id != user.id]
    return render_template("site_admin/user_edit.html", form=form, edited=user, heirs=heirs,
                           confirm=ConfirmForm())


@bp.post("/utilisateurs/<int:user_id>/supprimer")
def user_delete(user_id: int):
    """Delete an account, giving its content to another user."""
    user = g.db.get(SiteUser, user_id)
    heir = g.db.get(SiteUser, request.form.get("heir", type=int) or 0)
    if user is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            if heir is None:
                raise ServiceError("Choisissez l'utilisateur qui reprend ses contenus.")
            delete_user(g.db, g.site_user, user, heir)
            g.db.commit()
            flash(f"Utilisateur « {user.login} » supprimé.", "success")
        except ServiceError as exc:
            g.db.rollback()
            flash(exc.message, "error")
            return redirect(url_for(".user_edit", user_id=user_id))
    return redirect(url_for(".users"))
