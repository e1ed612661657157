"""Security headers on every response, and a session cookie marked Secure when the centre serves https."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response
from flask.sessions import SecureCookieSessionInterface

from sandbox.base_url import configured_base_url

# No inline script anywhere: templates load static files, and data for scripts travels in
# <script type="application/json"> blocks, which are never executed. Inline style attributes stay
# allowed (colour swatches, tree depths, focal marks are computed per row). No page frames another
# (no preview in an iframe), hence frame-ancestors 'none' everywhere.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    # Seat addresses carry the seat name: links to social networks must not send it out.
    "Referrer-Policy": "same-origin",
}


def add_security_headers(response: Response) -> Response:
    """Set the security headers, keeping any a view chose itself."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


class CentreSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, Secure when the centre's configured address is https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure when configured so, or when the saved base URL starts with https://."""
        if app.config.get("SESSION_COOKIE_SECURE"):
            return True
        address = configured_base_url(Path(app.config["E5_DATA"])) or ""
        return address.startswith("https://")


def install_security(app: Flask) -> None:
    """Hook the headers and the session cookie policy into the application."""
    app.session_interface = CentreSessionInterface()
    app.after_request(add_security_headers)
