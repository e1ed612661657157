"""« Messages » (X-REL-2): what visitors sent through the contact forms — read, answer, mark handled."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import ContactMessage
from sandbox.services import ServiceError
from sandbox.services.inbox import mark_read, reply, set_handled
from sandbox.services.site_roles import can
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.look_forms import ReplyForm
from sandbox.web.site_admin.nav import NavEntry, add_entry

FEATURES = ["X-REL-2"]  # feature ids of this screen (coverage report)

FORBIDDEN = "Seuls les éditeurs et les administrateurs traitent les messages du site."
FILTERS = [("todo", "À traiter"), ("handled", "Traités"), ("all", "Tous")]

add_entry(NavEntry("Messages", "inbox", ("inbox", "message"), "moderate_comments"), after="Commentaires")


@bp.get("/messages")
def inbox():
    """The inbox, unread first."""
    if not can(g.site_user, "moderate_comments"):
        return forbidden(FORBIDDEN)
    status = request.args.get("statut", "todo")
    stmt = select(ContactMessage)
    if status == "todo":
        stmt = stmt.where(ContactMessage.handled.is_(False))
    elif status == "handled":
        stmt = stmt.where(ContactMessage.handled.is_(True))
    rows = g.db.scalars(stmt.order_by(ContactMessage.read, ContactMessage.created_at.desc())).all()
    unread = g.db.scalar(select(func.count()).where(ContactMessage.read.is_(False))) or 0
    return render_template("site_admin/inbox.html", rows=rows, status=status, filters=FILTERS, unread=unread)


@bp.route("/messages/<int:message_id>", methods=["GET", "POST"])
def message(message_id: int):
    """One message: opening it marks it read; « Répondre » (simulated e-mail) marks it handled."""
    if not can(g.site_user, "moderate_comments"):
        return forbidden(FORBIDDEN)
    found = g.db.get(ContactMessage, message_id)
    if found is None:
        abort(404)
    if request.method == "GET" and not found.read:
        mark_read(g.db, found)
        g.db.commit()
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            reply(g.db, found, form.body.data)
            g.db.commit()
            flash(f"Réponse envoyée à {found.email} (simulation : aucun e-mail ne quitte le poste).",
                  "success")
            return redirect(url_for(".inbox"))
        except ServiceError as exc:
            g.db.rollback()
            form.body.errors = [*form.body.errors, exc.message]
    return render_template("site_admin/message.html", message=found, form=form)


@bp.post("/messages/<int:message_id>/traite")
def message_handled(message_id: int):
    """Mark a message handled, or back to be handled."""
    if not can(g.site_user, "moderate_comments"):
        return forbidden(FORBIDDEN)
    found = g.db.get(ContactMessage, message_id)
    if found is None:
        abort(404)
    set_handled(g.db, found, request.form.get("handled") == "1")
    g.db.commit()
    flash("Message marqué comme traité." if found.handled else "Message remis à traiter.", "success")
    return redirect(url_for(".inbox"))
