"""The centre's address for the pages that print it (never the Host header of whoever prints)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from sandbox.base_url import DEFAULT, base_url, is_loopback


def centre_base_url() -> str:
    """The configured address (data folder), else the one `e5 serve` listens on, else the default."""
    fallback = current_app.config.get("E5_BASE_URL") or DEFAULT
    return base_url(Path(current_app.config["E5_DATA"]), fallback)


def address_context() -> dict:
    """Template values of a printed page: ``base_url`` and ``base_url_loopback`` (shows the warning)."""
    url = centre_base_url()
    return {"base_url": url, "base_url_loopback": is_loopback(url)}
