"""Public site vitrine: home, posts, pages, categories, comments."""

from flask import Blueprint

bp = Blueprint("site_front", __name__, url_prefix="/site")

from sandbox.web.site_front import views  # noqa: E402, F401
