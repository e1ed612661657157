"""« Réglages »: Lecture (home page, posts per page), Discussion (manual approval), Confidentialité."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from sandbox.models import Post, get_setting
from sandbox.services import ServiceError
from sandbox.services.site_roles import MESSAGES, can
from sandbox.services.site_settings import generate_privacy_page, save_discussion, save_reading
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.appearance import page_choices
from sandbox.web.site_admin.look_forms import DiscussionForm, HomeForm
from sandbox.web.site_admin.nav import NavEntry, add_entry

FEATURES = ["S-NAV-2", "S-NAV-3", "S-CON-10"]  # feature ids of this screen (coverage report)

for _label, _endpoint in [("Lecture", "settings"), ("Discussion", "settings_discussion"),
                          ("Confidentialité", "settings_privacy")]:
    add_entry(NavEntry(_label, _endpoint, (_endpoint,), "manage_settings"), parent="Réglages")


@bp.route("/reglages/lecture", methods=["GET", "POST"])
def settings():
    """« Réglages de lecture »: the home page shows the latest posts or a static page; posts per page."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    if request.method == "POST":
        form = HomeForm()
    else:
        form = HomeForm(formdata=None, data={
            "show_on_front": get_setting(g.db, "reading.show_on_front", "posts"),
            "page_on_front": get_setting(g.db, "reading.page_on_front"),
            "posts_per_page": get_setting(g.db, "reading.posts_per_page", "10")})
    form.page_on_front.choices = page_choices()
    if form.validate_on_submit():
        try:
            save_reading(g.db, form.show_on_front.data, form.page_on_front.data, form.posts_per_page.data)
            g.db.commit()
            flash("Réglages enregistrés.", "success")
            return redirect(url_for(".settings"))
        except ServiceError as exc:
            g.db.rollback()
            target = getattr(form, exc.field or "", None) or form.show_on_front
            target.errors = [*target.errors, exc.message]
    return render_template("site_admin/settings_reading.html", form=form)


@bp.route("/reglages/discussion", methods=["GET", "POST"])
def settings_discussion():
    """« Réglages des discussions »: manual approval of comments, comments on new posts."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    if request.method == "POST":
        form = DiscussionForm()
    else:
        form = DiscussionForm(formdata=None, data={
            "moderation": get_setting(g.db, "discussion.moderation", "1") != "0",
            "comments_open": get_setting(g.db, "discussion.comments_open", "1") != "0"})
    if form.validate_on_submit():
        save_discussion(g.db, form.moderation.data, form.comments_open.data)
        g.db.commit()
        flash("Réglages enregistrés.", "success")
        return redirect(url_for(".settings_discussion"))
    return render_template("site_admin/settings_discussion.html", form=form)


@bp.route("/reglages/confidentialite", methods=["GET", "POST"])
def settings_privacy():
    """« Confidentialité »: generate the privacy-policy page from the template with the company's data."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    form = DiscussionForm()  # only for its CSRF token: the button has no field
    if request.method == "POST" and form.validate_on_submit():
        try:
            page = generate_privacy_page(g.db, g.site_user.id)
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            flash(exc.message, "error")
        else:
            flash("Page « Politique de confidentialité » générée : complétez-la puis publiez-la.", "success")
            return redirect(url_for(".page_edit", post_id=page.id))
    raw = get_setting(g.db, "privacy.page_id")
    page = g.db.get(Post, int(raw)) if raw.isdigit() else None
    return render_template("site_admin/settings_privacy.html", form=form, page=page)
