"""« Réglages › Général »: site title, tagline and the contact details used by the footer and contact page."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from sandbox.models import get_setting
from sandbox.services import ServiceError
from sandbox.services.site_general import CONTACT_KEYS, save_general
from sandbox.services.site_roles import MESSAGES, can
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.nav import NAV, NavEntry
from sandbox.web.site_admin.settings_forms import GeneralForm

FEATURES = ["S-APP-1"]  # feature ids of this screen (coverage report)

# WordPress opens « Réglages » on « Général », the first of its sub-entries.
_settings = next(e for e in NAV if e.label == "Réglages")
_settings.endpoint = "settings_general"
_settings.children.insert(0, NavEntry("Général", "settings_general", ("settings_general",),
                                      "manage_settings"))


@bp.route("/reglages/general", methods=["GET", "POST"])
def settings_general():
    """« Réglages généraux »: errors stay next to their field with what was typed."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    if request.method == "POST":
        form = GeneralForm()
    else:
        form = GeneralForm(formdata=None, data={
            "title": get_setting(g.db, "site.title"), "tagline": get_setting(g.db, "site.tagline"),
            **{field: get_setting(g.db, key) for field, key in CONTACT_KEYS.items()}})
    if form.validate_on_submit():
        try:
            save_general(g.db, form.title.data, form.tagline.data,
                         {field: form[field].data for field in CONTACT_KEYS})
            g.db.commit()
            flash("Réglages enregistrés.", "success")
            return redirect(url_for(".settings_general"))
        except ServiceError as exc:
            g.db.rollback()
            attach_error(exc, form)
    return render_template("site_admin/settings_general.html", form=form)
