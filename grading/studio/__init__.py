"""The subject studio under /console/sujets/studio/: teachers and administrators write a subject pack
in the browser (drafts, live checks, versions, export/import, « Essayer comme candidat »)."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, g

from grading.library import data, library_required  # same people, same data folder as the library
from sandbox.formatting import format_datetime

bp = Blueprint("studio", __name__, url_prefix="/console/sujets/studio", template_folder="../templates")

__all__ = ["bp", "data", "library_required", "author"]


def author() -> str:
    """The name the draft's history shows for the signed-in person."""
    user = g.console_user or {}
    return str(user.get("name") or user.get("username") or "")



@bp.app_template_filter("studio_when")
def studio_when(iso: str) -> str:
    """A stored UTC moment in the server's local time, French format (20/05/2027 14:30)."""
    try:
        return format_datetime(datetime.fromisoformat(iso).astimezone().replace(tzinfo=None))
    except (TypeError, ValueError):
        return ""


from grading.studio import views, views_delete, views_files, views_record, views_versions  # noqa: E402, F401
