"""The examiner console: seats, live activity (Server-Sent Events read from the seat databases)."""

from flask import Blueprint

bp = Blueprint(
    "console",
    __name__,
    url_prefix="/console",
    static_folder="../static",
    template_folder="../templates",
    static_url_path="/static",
)

from grading.console import auth, coverage, live, menu, seats, slot, slot_grid  # noqa: E402, F401
