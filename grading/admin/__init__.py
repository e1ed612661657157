"""Centre administration under /console/admin/: examiners, sessions, candidates, slots, seat cards,
harmonisation and exports. Administrator only, except the pages of a slot that its examiner may print."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, g, render_template

from grading.services.access import can_open_slot
from grading.services.accommodations import describe
from grading.services.sheets import format_mark

bp = Blueprint("admin", __name__, url_prefix="/console/admin", template_folder="../templates")


def data() -> Path:
    """The data folder of the running server."""
    return Path(current_app.config["E5_DATA"])


def check_slot_access(slot) -> None:
    """403 unless the console user is the administrator or the slot's examiner."""
    if not can_open_slot(g.console_user, slot):
        abort(403, description="Ce créneau est celui d'un autre examinateur.")


@bp.app_template_filter("mark")
def _mark_filter(value) -> str:
    """A mark out of 20 the French way (14,5)."""
    return format_mark(value)


@bp.app_template_global("accommodation_label")
def _accommodation_label(accommodation, duration_minutes: int) -> str:
    """« tiers-temps (+13 min 20 s) » for a slot of that duration ("" without accommodation)."""
    return describe(accommodation, duration_minutes)


@bp.errorhandler(403)
def _forbidden(error):
    return render_template("admin/forbidden.html", message=getattr(error, "description", "")), 403


from grading.admin import (  # noqa: E402, F401
    views_accounts,
    views_candidates,
    views_exports,
    views_people,
    views_settings,
    views_slots,
)
