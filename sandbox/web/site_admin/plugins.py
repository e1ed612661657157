"""« Extensions »: the SEO extension (off by default) can be activated or deactivated."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for

from sandbox.models import get_setting, set_setting
from sandbox.services.site_roles import MESSAGES, can
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.forms import ConfirmForm

FEATURES = ["S-SEO-4"]  # feature ids of this screen (coverage report)

PLUGINS = [
    ("seo", "SEO Facile",
     "Requête cible, titre SEO et méta description pour chaque article et page, avec une analyse lisible "
     "(requête dans le titre, l'introduction et le permalien, longueur de la description, intertitres, "
     "textes alternatifs, liens) et un aperçu du résultat dans un moteur de recherche."),
]


@bp.get("/extensions")
def plugins():
    """Installed extensions and their state."""
    if not can(g.site_user, "manage_plugins"):
        return forbidden(MESSAGES["manage_plugins"])
    rows = [(code, name, text, get_setting(g.db, f"plugins.{code}", "0") == "1")
            for code, name, text in PLUGINS]
    return render_template("site_admin/plugins.html", rows=rows, confirm=ConfirmForm())


@bp.post("/extensions/<code>/<any(activer, desactiver):verb>")
def plugin_switch(code: str, verb: str):
    """« Activer » / « Désactiver » an extension."""
    if not can(g.site_user, "manage_plugins"):
        return forbidden(MESSAGES["manage_plugins"])
    names = {c: n for c, n, _t in PLUGINS}
    if code in names and ConfirmForm().validate_on_submit():
        set_setting(g.db, f"plugins.{code}", "1" if verb == "activer" else "0")
        g.db.commit()
        flash(f"Extension « {names[code]} » {'activée' if verb == 'activer' else 'désactivée'}.", "success")
    return redirect(url_for(".plugins"))
