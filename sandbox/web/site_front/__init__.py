"""Public site vitrine: home, blog, posts and comments, pages, archives, search, exit page."""

from flask import Blueprint

bp = Blueprint("site_front", __name__, url_prefix="/site")

from sandbox.web.site_front import appearance, block_forms, exits, feeds, posts, views  # noqa: E402, F401
