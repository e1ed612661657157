"""Views of the shop_front blueprint."""

from flask import render_template

from sandbox.web.shop_front import bp


@bp.get("/")
def index():
    """Placeholder home, replaced by the real views."""
    return render_template("shop_front/index.html")
