"""Static files (CSS, scripts, icons) cached by browsers for a year: their addresses carry a version
(``?v=`` from the file's size and modification time), so a changed file gets a new address and no
browser keeps an old copy. Flask already answers with an ETag and honours If-None-Match."""

from __future__ import annotations

import os
import zlib

from flask import Flask, request

ONE_YEAR = 365 * 24 * 3600
STATIC_ENDPOINTS = ("static", "console.static")
_versions: dict[str, str] = {}


def _version(folder: str, filename: str) -> str:
    path = os.path.join(folder, filename)
    if path not in _versions:  # the package's files do not change while the server runs
        try:
            stat = os.stat(path)
        except OSError:
            return "0"
        _versions[path] = format(zlib.crc32(f"{stat.st_size}-{stat.st_mtime_ns}".encode()), "x")
    return _versions[path]


def install_static_versions(app: Flask) -> None:
    """Version the static URLs the templates build, and let browsers keep versioned files a year."""

    @app.url_defaults
    def _add_version(endpoint, values):
        if endpoint in STATIC_ENDPOINTS and "v" not in values and "filename" in values:
            blueprint = app.blueprints.get(endpoint.rsplit(".", 1)[0]) if "." in endpoint else None
            folder = (blueprint or app).static_folder
            if folder and not app.debug:
                values["v"] = _version(folder, values["filename"])

    @app.after_request
    def _long_cache(response):
        versioned = request.endpoint in STATIC_ENDPOINTS and request.args.get("v")
        if versioned and response.status_code in (200, 304):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
        return response
