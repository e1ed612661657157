"""Views of the shop_admin blueprint."""

from flask import render_template

from sandbox.web.shop_admin import bp


@bp.get("/")
def index():
    """Placeholder home, replaced by the real views."""
    return render_template("shop_admin/index.html")
