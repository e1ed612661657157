"""Administration: home, exam sessions (accounts: views_accounts)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for

from grading.admin import bp, data
from grading.admin.forms import SessionForm, attach_error
from grading.console.auth import admin_required
from grading.services.marks import mark_rows
from grading.services.sessions import (
    create_session,
    get_session,
    list_examiners,
    list_sessions,
    session_candidates,
)
from grading.services.store import reading
from sandbox.services import ServiceError


@bp.get("/")
@admin_required
def index():
    """The administrator's home: sessions and where to start."""
    with reading(data()) as db:
        return render_template("admin/index.html", sessions=list_sessions(db), examiners=list_examiners(db))


@bp.route("/sessions", methods=["GET", "POST"])
@admin_required
def sessions():
    """List the sessions and create one."""
    form = SessionForm()
    error = None
    if form.validate_on_submit():
        try:
            session = create_session(
                data(),
                form.date.data,
                form.centre_name.data,
                form.academie.data,
                form.commissions.data or "",
                g.console_user["username"],
            )
        except ServiceError as exc:
            error = attach_error(form, exc)
        else:
            flash("Session créée : importez maintenant ses candidats.", "success")
            return redirect(url_for("admin.session", session_id=session.id))
    with reading(data()) as db:
        return render_template("admin/sessions.html", form=form, error=error, sessions=list_sessions(db))


@bp.get("/sessions/<int:session_id>/")
@admin_required
def session(session_id: int):
    """A session: its candidates, its slots, its exports."""
    with reading(data()) as db:
        try:
            exam = get_session(db, session_id)
        except ServiceError as exc:
            abort(404, description=exc.message)
        rows = {row.place_id: row for row in mark_rows(db, session_id)}
        return render_template(
            "admin/session.html", exam=exam, candidates=session_candidates(db, session_id), rows=rows
        )
