"""The one enforcement point of back-office permissions: every request, and the sidebar links."""

from __future__ import annotations

from flask import current_app, g, render_template, request

from sandbox.services.permissions import action_of, allowed, refusal, rights_of, tab_of


def _tab_of_endpoint(endpoint: str | None) -> str | None:
    view = current_app.view_functions.get(endpoint or "")
    return tab_of(view.__module__) if view is not None else None


def enforce_permissions():
    """Before a request: refuse, with a French 403 page, what the employee's profile forbids."""
    employee = g.get("employee")
    if employee is None or request.endpoint is None:
        return None
    tab = _tab_of_endpoint(request.endpoint)
    if tab is None:
        return None
    action = action_of(request.endpoint, request.method)
    if allowed(g.db, employee.profile_id, tab, action):
        return None
    return render_template("shop_admin/forbidden.html", message=refusal(tab, action)), 403


def employee_rights() -> dict[str, set[str]] | None:
    """The logged-in employee's rights by tab (read once per request), None when nobody is logged in."""
    employee = g.get("employee")
    if employee is None:
        return None
    if "rights" not in g:
        g.rights = rights_of(g.db, employee.profile_id)
    return g.rights


def can_open(endpoint: str, action: str = "view") -> bool:
    """Whether the logged-in employee may open a page (the sidebar hides the others)."""
    rights = employee_rights()
    if rights is None:
        return False
    tab = _tab_of_endpoint(endpoint)
    return tab is None or action in rights.get(tab, set())


def permission_values():
    """Template helper: can_open(endpoint[, action])."""
    return {"can_open": can_open}
