"""Practice sessions of a class: the teacher's pages under /console/entrainement/ and the students'
join page under /entrainement (class code → name → seat). Teachers only; never an exam slot."""

from __future__ import annotations

from functools import wraps
from pathlib import Path

from flask import Blueprint, abort, current_app, g, render_template

from grading.console.auth import console_login_required

bp = Blueprint("practice", __name__, url_prefix="/console/entrainement", template_folder="../templates")
join_bp = Blueprint("practice_join", __name__, url_prefix="/entrainement", template_folder="../templates")


def data() -> Path:
    """The data folder of the running server."""
    return Path(current_app.config["E5_DATA"])


def teacher_required(view):
    """Console login required, with the teacher's role (403 for examiners and the administrator)."""

    @wraps(view)
    @console_login_required
    def wrapper(*args, **kwargs):
        if g.console_user.get("role") != "teacher":
            abort(403, description="Les séances d'entraînement sont réservées aux comptes enseignants.")
        return view(*args, **kwargs)

    return wrapper


@bp.errorhandler(403)
def _forbidden(error):
    return render_template("admin/forbidden.html", message=getattr(error, "description", "")), 403


from grading.practice import join, views, views_class  # noqa: E402, F401
