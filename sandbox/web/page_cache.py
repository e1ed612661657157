"""Whole-page cache for anonymous visitors of a seat's public site and shop.

A public page is the same for every visitor who is logged into nothing on that seat, holds no cart and
has no message waiting: the page is kept per process, keyed on the seat's data version (any commit by
any process changes it: ``data_version`` of the SQLite or PostgreSQL storage), the full URL (host and
query included), the centre's configured address (feeds print it), the seat's read-only state and the
minute (the seat clock: a post scheduled for 14:00 shows at 14:00).
The one per-visitor bit of such a page, its CSRF token, is stored as a placeholder and replaced by the
visitor's own token when the page is served, so no token leaks from one visitor to another.
Switched off with ``E5_PAGE_CACHE=0`` in the configuration or the environment (benchmarks compare).
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict

from flask import Response, current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from sandbox.base_url import configured_base_url

# Pages that only read, and whose content depends on the seat's data and the URL alone.
CACHEABLE = {f"seat.site_front.{e}" for e in ("index", "page", "blog", "post", "category", "tag", "feed",
                                               "comments_feed")} | {
    f"seat.shop_front.{e}" for e in ("index", "category", "product", "brand", "shop_page", "terms")}
PLACEHOLDER = b"\x00e5-csrf-token\x00"
MAX_BYTES = 16 * 1024 * 1024  # per process: ~1 000 public pages of 12-20 KB; the oldest go first
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Last-Modified")

_pages: OrderedDict[tuple, tuple[int, list[tuple[str, str]], bytes, bool]] = OrderedDict()
_lock = threading.Lock()
_size = [0]  # bytes kept


def enabled() -> bool:
    """Whether the cache is on (E5_PAGE_CACHE=0 in the app's configuration or environment turns it off)."""
    value = current_app.config.get("E5_PAGE_CACHE", os.environ.get("E5_PAGE_CACHE", "1"))
    return str(value) not in ("0", "False", "false", "")


def _key() -> tuple | None:
    """This request's cache key, or None when the page must be rendered for this visitor."""
    if request.method != "GET" or request.endpoint not in CACHEABLE or not enabled():
        return None
    if session.get("seats", {}).get(g.seat) or session.get("_flashes"):
        return None  # logged in, a cart, a message to show: this visitor's own page
    from sandbox.web.seat_memo import seat_version  # seat_memo imports this module

    data = current_app.config["E5_DATA"]
    return (data, g.seat, seat_version(), request.url, configured_base_url(data),
            bool(g.get("seat_read_only")), int(time.time() // 60))


def serve_cached():
    """Before a seat request: the kept page for an anonymous visitor, with their own CSRF token."""
    key = _key()
    g.page_cache_key = key
    if key is None:
        return None
    with _lock:
        entry = _pages.get(key)
        if entry is not None:
            _pages.move_to_end(key)
    if entry is None:
        return None
    status, headers, body, has_token = entry
    if has_token:
        body = body.replace(PLACEHOLDER, generate_csrf().encode())
    response = Response(body, status=status, headers=headers)
    response.headers["X-E5-Cache"] = "hit"
    return response


def keep_page(response: Response) -> Response:
    """After a seat request: keep an anonymous visitor's page, its CSRF token replaced by a placeholder."""
    key = g.pop("page_cache_key", None)
    if key is None or response.status_code != 200 or response.direct_passthrough:
        return response
    if "X-E5-Cache" in response.headers or "Set-Cookie" in response.headers:
        return response  # served from the cache, or a view set a cookie (the session cookie comes later)
    body = response.get_data()
    token = g.get("csrf_token")  # Flask-WTF keeps the token it rendered in g
    has_token = bool(token) and token.encode() in body
    if has_token:
        body = body.replace(token.encode(), PLACEHOLDER)
    headers = [(name, value) for name, value in response.headers.items() if name in KEPT_HEADERS]
    with _lock:
        old = _pages.pop(key, None)
        _size[0] += len(body) - (len(old[2]) if old else 0)
        _pages[key] = (response.status_code, headers, body, has_token)
        while _size[0] > MAX_BYTES and _pages:
            _size[0] -= len(_pages.popitem(last=False)[1][2])
    response.headers["X-E5-Cache"] = "miss"
    return response
