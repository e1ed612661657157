"""Flask application factory for the seats (the console adds itself in grading.app)."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from flask import Blueprint, Flask, g
from flask_wtf.csrf import CSRFProtect

from sandbox.formatting import register_filters
from sandbox.paths import data_dir, write_private
from sandbox.web import page_cache
from sandbox.web.compile_once import CompiledRule, CompiledTemplates
from sandbox.web.context import close_seat, open_seat, refuse_changes_when_read_only
from sandbox.web.errors import register_error_pages
from sandbox.web.headers import install_security
from sandbox.web.static_files import install_static_versions

csrf = CSRFProtect()
TEMPLATES = CompiledTemplates()  # every application of the process: one environment's options


def _secret_key(data: Path) -> str:
    """A secret key kept in the data folder, so that several server processes share sessions."""
    path = data / "secret_key"
    if not path.exists():
        # Processes starting together (e5 serve --workers 2, two containers on one volume) must all end
        # up with one key: the first to link its candidate wins (link never replaces), the others read it.
        candidate = path.with_name(f"secret_key.{os.getpid()}.tmp")
        write_private(candidate, secrets.token_hex(32))
        with contextlib.suppress(FileExistsError):
            os.link(candidate, path)
        candidate.unlink()
    return path.read_text(encoding="utf-8").strip()


def seat_blueprint() -> Blueprint:
    """The /s/<seat>/ blueprint with every audience nested under it."""
    from sandbox.web.admin_doors import bp as doors_bp
    from sandbox.web.media import bp as media_bp
    from sandbox.web.practice import bp as practice_bp
    from sandbox.web.seat_home import bp as home_bp
    from sandbox.web.shop_admin import bp as shop_admin_bp
    from sandbox.web.shop_front import bp as shop_front_bp
    from sandbox.web.site_admin import bp as site_admin_bp
    from sandbox.web.site_front import bp as site_front_bp
    from sandbox.web.subject import bp as subject_bp

    seat = Blueprint("seat", __name__, url_prefix="/s/<seat>")

    @seat.url_value_preprocessor
    def _pull_seat(_endpoint, values):
        open_seat(values.pop("seat"))

    @seat.url_defaults
    def _push_seat(endpoint, values):
        if "seat" not in values and "seat" in g:
            values["seat"] = g.seat

    seat.before_request(refuse_changes_when_read_only)
    seat.before_request(page_cache.serve_cached)
    seat.after_request(page_cache.keep_page)
    seat.teardown_request(close_seat)
    seat.register_blueprint(home_bp)
    seat.register_blueprint(media_bp)
    seat.register_blueprint(site_front_bp)
    seat.register_blueprint(site_admin_bp)
    seat.register_blueprint(shop_front_bp)
    seat.register_blueprint(shop_admin_bp)
    seat.register_blueprint(subject_bp)
    seat.register_blueprint(practice_bp)
    seat.register_blueprint(doors_bp)
    return seat


def create_app(data: str | Path | None = None, **config) -> Flask:
    """The seats application on a data folder; config overrides (TESTING…) are applied last."""
    folder = data_dir(data)
    app = Flask("sandbox", template_folder=str(Path(__file__).parent.parent / "templates"),
                static_folder=str(Path(__file__).parent.parent / "static"))
    # Rules and templates compiled once per process, not once per application (sandbox.web.compile_once).
    app.url_rule_class = CompiledRule
    app.jinja_options = {**app.jinja_options, "bytecode_cache": TEMPLATES}
    app.config.update(
        E5_DATA=str(folder),
        SECRET_KEY=_secret_key(folder),
        SESSION_COOKIE_NAME="e5_session",
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,  # Flask's default, stated: the session is never read by scripts
        MAX_CONTENT_LENGTH=32 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
    )
    app.config.update(config)
    csrf.init_app(app)
    install_security(app)
    install_static_versions(app)
    register_filters(app)
    app.register_blueprint(seat_blueprint())
    register_error_pages(app)
    return app
