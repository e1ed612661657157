"""Site vitrine back office (WordPress-like, in French): posts, pages, media, users, extensions."""

from __future__ import annotations

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for

from sandbox.activity.actor import Actor
from sandbox.models import SiteUser, get_setting
from sandbox.services.site_roles import can, role_label
from sandbox.web.context import log_out, login_id, sign_changes
from sandbox.web.site_admin.nav import NAV, NavEntry

bp = Blueprint("site_admin", __name__, url_prefix="/site/admin")

PUBLIC_ENDPOINTS = {"seat.site_admin.login"}


@bp.before_request
def _require_site_user():
    """Every page needs a site user of this seat; their changes are signed with their name."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    user_id = login_id("site_user")
    user = g.db.get(SiteUser, user_id) if user_id is not None else None
    if user is None:
        if user_id is not None:
            log_out("site_user")
        return redirect(url_for("seat.site_admin.login", next=request.full_path.rstrip("?")))
    g.site_user = user
    sign_changes(Actor("site_user", user.id, user.display_name))
    return None


@bp.app_context_processor
def _admin_bar_values():
    """For the public site's admin bar: the logged-in site user of this seat, if any."""
    def site_admin_user() -> SiteUser | None:
        if "db" not in g or "seat" not in g:
            return None
        user_id = login_id("site_user")
        return g.db.get(SiteUser, user_id) if user_id else None

    def can_edit_content(user: SiteUser, post) -> bool:
        return can(user, "edit_post", post) if post is not None else can(user, "create_post")

    return {"site_admin_user": site_admin_user, "can_edit_content": can_edit_content}


def forbidden(message: str):
    """The page shown when a role may not do something (status 403)."""
    return render_template("site_admin/forbidden.html", message=message), 403


def _visible(entries: list[NavEntry], user: SiteUser) -> list[tuple[NavEntry, list[NavEntry]]]:
    known = current_app.view_functions
    shown = []
    for entry in entries:
        if entry.setting and get_setting(g.db, entry.setting, "0") != "1":
            continue
        if f"seat.site_admin.{entry.endpoint}" in known and can(user, entry.right):
            children = [c for c in entry.children if f"seat.site_admin.{c.endpoint}" in known
                        and can(user, c.right)]
            shown.append((entry, children))
    return shown


@bp.context_processor
def _layout_values():
    """What the layout shows: site title, left menu for this user's role, the user, the SEO switch."""
    user = g.get("site_user")
    return {
        "site_title": get_setting(g.db, "site.title") or get_setting(g.db, "company.name") or "Mon site",
        "admin_nav": _visible(NAV, user) if user else [], "user": user, "can": can,
        "role_label": role_label, "seo_active": get_setting(g.db, "plugins.seo", "0") == "1",
    }


from sandbox.web.site_admin import (  # noqa: E402, F401, I001
    auth,
    dashboard,
    posts,
    pages,
    taxonomies,
    media,
    users,
    plugins,
)

# Appearance, comments, settings and relations (issue 5, part 2).
from sandbox.web.site_admin import (  # noqa: E402, F401, I001
    appearance, comments, menus, widgets, popups, settings, inbox, newsletter, social,
)

# Site settings, SEO extension settings (issue 9: site-settings).
from sandbox.web.site_admin import settings_general, seo_settings  # noqa: E402, F401, I001

# Autosaves and revisions of the post and page editor (issue 14: autosave).
from sandbox.web.site_admin import post_drafts, revisions  # noqa: E402, F401, I001
