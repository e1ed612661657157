"""The seat's home: the doors to the site vitrine, the boutique and their back offices."""

from __future__ import annotations

from flask import Blueprint, g, render_template

from sandbox.models import get_setting

bp = Blueprint("home", __name__, url_prefix="/")


@bp.get("/")
def index():
    """Links to the parts of the seat: subject, both public sides and both back offices."""
    # Which context the seat was made from (title, version, checksum stamped at install): what an
    # examiner compares with the centre's list when a seat looks wrong.
    context = {k: get_setting(g.db, f"context.{k}") for k in ("title", "version", "checksum")}
    return render_template("seat_home/index.html", company=get_setting(g.db, "company.name"), context=context)
