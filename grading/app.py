"""The whole server: the seats (sandbox) plus the examiner console."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, redirect, url_for

from grading.admin import bp as admin_bp
from grading.console import bp as console_bp
from grading.errors import register_console_error_pages
from grading.health import bp as health_bp
from grading.library import bp as subjects_bp
from grading.practice import bp as practice_bp
from grading.practice import join_bp as practice_join_bp
from grading.studio import bp as studio_bp
from sandbox.web.app import create_app as create_seat_app


def create_app(data: str | Path | None = None, **config) -> Flask:
    """Seats under /s/<seat>/ and the console under /console/, on one data folder."""
    app = create_seat_app(data, **config)
    # A console login ends after a day without a request (E5_CONSOLE_IDLE_HOURS to change it); seat
    # logins never expire during a slot.
    app.config.setdefault("CONSOLE_IDLE_SECONDS", float(os.environ.get("E5_CONSOLE_IDLE_HOURS") or 24) * 3600)
    app.register_blueprint(console_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(subjects_bp)
    app.register_blueprint(studio_bp)
    app.register_blueprint(practice_bp)
    app.register_blueprint(practice_join_bp)
    app.register_blueprint(health_bp)
    register_console_error_pages(app)

    @app.get("/")
    def root():
        return redirect(url_for("console.index"))

    return app
