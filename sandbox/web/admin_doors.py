"""The usual back-office addresses of WordPress and PrestaShop, redirected to the seat's own back offices.

A candidate who types what they learnt on a real site (``/wp-admin/``, ``/wp-login.php``, ``/admin-dev/``,
``index.php?controller=AdminLogin``) lands on the right login page of their seat, never on a 404.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, redirect, request, url_for

bp = Blueprint("doors", __name__)
FEATURES = ["S-NAV-1", "B-NAV-1"]  # feature ids of this screen (coverage report)

# PrestaShop renames its admin folder at install (admin-dev, admin123abc, admin_x4…): any such name.
ADMIN_FOLDER = re.compile(r"admin[-_a-z0-9]*", re.IGNORECASE)
# index.php?controller=… of the PrestaShop back office: the login page, or the dashboard for any other.
SHOP_LOGIN_CONTROLLERS = {"adminlogin"}


# No ``defaults`` on these rules: Werkzeug would redirect one address to another rule of the same endpoint.
@bp.get("/wp-admin", strict_slashes=False)
@bp.get("/wp-admin/<path:rest>")
@bp.get("/site/wp-admin", strict_slashes=False)
@bp.get("/site/wp-admin/<path:rest>")
def wp_admin(rest: str = ""):
    """WordPress's /wp-admin/: the site back office (its login page first when nobody is logged in)."""
    return redirect(url_for("seat.site_admin.index"))


@bp.get("/wp-login.php")
@bp.get("/site/wp-login.php")
def wp_login():
    """WordPress's /wp-login.php: the site back office's login page."""
    return redirect(url_for("seat.site_admin.login"))


@bp.get("/<folder>/")
@bp.get("/<folder>/<path:rest>")
@bp.get("/boutique/<folder>/")
@bp.get("/boutique/<folder>/<path:rest>")
def shop_admin_folder(folder: str, rest: str = ""):
    """PrestaShop's renamed admin folder (``/admin-dev/``…): the shop back office, or its login page."""
    if not ADMIN_FOLDER.fullmatch(folder):
        abort(404)
    return _shop_index_php() if rest == "index.php" else redirect(url_for("seat.shop_admin.index"))


@bp.get("/index.php")
@bp.get("/boutique/index.php")
def shop_index_php():
    """PrestaShop's ``index.php?controller=…``: Admin… controllers open the back office, others the shop."""
    return _shop_index_php()


def _shop_index_php():
    controller = (request.args.get("controller") or "").lower()
    if controller in SHOP_LOGIN_CONTROLLERS:
        return redirect(url_for("seat.shop_admin.login"))
    if controller.startswith("admin"):
        return redirect(url_for("seat.shop_admin.index"))
    return redirect(url_for("seat.shop_front.index"))
