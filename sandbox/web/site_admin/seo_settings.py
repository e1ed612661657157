"""« SEO › Réglages » of the SEO extension (menu shown while it is active): the « Fil d'Ariane » tab."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from sandbox.services import ServiceError
from sandbox.services.seo_settings import breadcrumb_options, save_breadcrumb, seo_active
from sandbox.services.site_roles import MESSAGES, can
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.nav import NavEntry, add_entry
from sandbox.web.site_admin.settings_forms import BreadcrumbForm

FEATURES = ["S-NAV-4", "S-SEO-4"]  # feature ids of this screen (coverage report)

add_entry(NavEntry("SEO", "seo_settings", ("seo_",), "manage_settings", [
    NavEntry("Réglages", "seo_settings", ("seo_settings",), "manage_settings"),
], setting="plugins.seo"), after="Réglages")


@bp.route("/seo/reglages", methods=["GET", "POST"])
def seo_settings():
    """« Réglages » of the SEO extension, tab « Fil d'Ariane »."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    if not seo_active(g.db):
        flash("Activez d'abord l'extension « SEO Facile » (menu Extensions).", "error")
        return redirect(url_for(".plugins"))
    if request.method == "POST":
        form = BreadcrumbForm()
    else:
        options = breadcrumb_options(g.db)
        form = BreadcrumbForm(formdata=None, data={
            "enabled": options.enabled, "separator": options.separator, "home_label": options.home_label,
            "prefix": options.prefix})
    if form.validate_on_submit():
        try:
            save_breadcrumb(g.db, form.enabled.data, form.separator.data, form.home_label.data,
                            form.prefix.data)
            g.db.commit()
            flash("Réglages du fil d'Ariane enregistrés.", "success")
            return redirect(url_for(".seo_settings"))
        except ServiceError as exc:
            g.db.rollback()
            attach_error(exc, form)
    return render_template("site_admin/seo_settings.html", form=form)
