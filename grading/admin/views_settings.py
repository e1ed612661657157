"""Administration: the centre's settings (the address printed on seat cards and class code pages)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from grading.admin import bp, data
from grading.admin.forms import SettingsForm, attach_error
from grading.console.address import address_context
from grading.console.auth import admin_required
from sandbox.base_url import EXAMPLE, configured_base_url, save_base_url
from sandbox.services import ServiceError


@bp.route("/reglages", methods=["GET", "POST"])
@admin_required
def settings():
    """Set the address candidates' PCs use (same setting as `e5 --base-url`)."""
    form = SettingsForm(data={"base_url": configured_base_url(data()) or ""})
    if form.validate_on_submit():
        try:
            saved = save_base_url(data(), form.base_url.data)
        except ServiceError as exc:
            attach_error(form, exc)
        else:
            flash(f"Adresse du serveur enregistrée : {saved}. Les fiches imprimées désormais l'utilisent.",
                  "success")
            return redirect(url_for("admin.settings"))
    return render_template("admin/settings.html", form=form, example=EXAMPLE,
                           configured=configured_base_url(data()), **address_context())
