"""The seat's home: the doors to the site vitrine, the boutique and their back offices."""

from __future__ import annotations

from flask import Blueprint, g, render_template

from sandbox.models import get_setting

bp = Blueprint("home", __name__, url_prefix="/")


@bp.get("/")
def index():
    """Links to the parts of the seat: subject, both public sides and both back offices."""
    return render_template("seat_home/index.html", company=get_setting(g.db, "company.name"))
