"""Where the contact and newsletter blocks of the public site post their form."""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for

from sandbox.services import ServiceError
from sandbox.services.relations import send_contact_message, subscribe
from sandbox.web.site_front import bp


def _back() -> str:
    prefix = f"/s/{g.seat}/"
    target = request.referrer or ""
    path = target.split(request.host, 1)[-1] if request.host in target else ""
    return path if path.startswith(prefix) and "//" not in path else url_for(".index")


@bp.post("/formulaire/<kind>")
def block_form(kind: str):
    """Save a contact message or a newsletter sign-up, then go back to the page with a message."""
    form = request.form
    try:
        if kind == "contact":
            send_contact_message(g.db, form.get("name", ""), form.get("email", ""), form.get("message", ""),
                                 _back())
            done = "Merci, votre message a bien été envoyé."
        elif kind == "newsletter":
            subscribe(g.db, form.get("email", ""), form.get("name", ""))
            done = "Merci, votre inscription à la lettre d'information est enregistrée."
        else:
            abort(404)
        g.db.commit()
        flash(done, "success")
    except ServiceError as exc:
        g.db.rollback()
        flash(exc.message, "error")
    return redirect(_back())
