"""Absolute addresses shown on seat pages (feeds, sharing links): the centre's configured address first."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, request

from sandbox.base_url import configured_base_url


def absolute_url(path: str) -> str:
    """`path` made absolute: the centre's address (e5 --base-url / console settings), else the one the
    server listens on, else this request's host (the candidate's own browser reached it that way)."""
    base = (
        configured_base_url(Path(current_app.config["E5_DATA"]))
        or current_app.config.get("E5_BASE_URL")
        or request.host_url
    )
    return base.rstrip("/") + path
