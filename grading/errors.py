"""Error pages of the console: the console's look for every address outside the seats."""

from __future__ import annotations

from flask import Flask

from sandbox.web.errors import OTHER_LOOK, render_plain


def console_error_page(code: int, title: str, message: str) -> str:
    """An error page in the console's look."""
    return render_plain("console/error.html", code=code, title=title, message=message)


def register_console_error_pages(app: Flask) -> None:
    """Errors outside /s/<seat>/ (console, administration, practice) get the console's look."""
    app.extensions[OTHER_LOOK] = console_error_page
