"""Views of the site_front blueprint."""

from flask import render_template

from sandbox.web.site_front import bp


@bp.get("/")
def index():
    """Placeholder home, replaced by the real views."""
    return render_template("site_front/index.html")
