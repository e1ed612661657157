"""The back-office menu, rendered once per seat, page and employee rights instead of on every page.

It is some fifty links whose addresses (``url_for``) and visibility (the profile's rights) cost more than
the rest of a page's layout; only the seat's address, the current page and the rights change it, so
the HTML is kept under those (a few thousand entries at most, least recently used dropped).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import g, render_template, request
from markupsafe import Markup

from sandbox.web.shop_admin.guard import employee_rights

MAX_KEPT = 4096
_kept: OrderedDict[tuple, Markup] = OrderedDict()
_lock = threading.Lock()


def admin_side() -> Markup:
    """The menu's HTML for this request (template helper)."""
    rights = employee_rights()
    allowed = None if rights is None else tuple(sorted((tab, tuple(sorted(a))) for tab, a in rights.items()))
    key = (request.script_root, g.seat, request.endpoint, allowed)
    with _lock:
        html = _kept.get(key)
        if html is not None:
            _kept.move_to_end(key)
            return html
    html = Markup(render_template("shop_admin/_side.html"))  # noqa: S704 (an autoescaped template's output)
    with _lock:
        _kept[key] = html
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return html


def side_values() -> dict:
    """Template helper: admin_side()."""
    return {"admin_side": admin_side}
