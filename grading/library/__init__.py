"""The subject library under /console/sujets/: upload a pack, see its checks, prepare it for a date.

For the centre administrator and teachers (a teacher prepares any subject for a practice session)."""

from __future__ import annotations

from functools import wraps
from pathlib import Path

from flask import Blueprint, abort, current_app, g, render_template

from grading.console.auth import console_login_required

bp = Blueprint("subjects", __name__, url_prefix="/console/sujets", template_folder="../templates")
ROLES = ("admin", "teacher")


def data() -> Path:
    """The data folder of the running server."""
    return Path(current_app.config["E5_DATA"])


def library_required(view):
    """Console login required, as the administrator or a teacher (403 for examiners)."""

    @wraps(view)
    @console_login_required
    def wrapper(*args, **kwargs):
        if g.console_user.get("role") not in ROLES:
            abort(
                403,
                description="La bibliothèque des sujets est réservée à l'administrateur et aux enseignants.",
            )
        return view(*args, **kwargs)

    return wrapper


@bp.errorhandler(403)
def _forbidden(error):
    return render_template("admin/forbidden.html", message=getattr(error, "description", "")), 403


from grading.library import views  # noqa: E402, F401
