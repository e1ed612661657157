"""The exit page: links that would leave the exam site land here, and the attempt is recorded."""

from __future__ import annotations

from flask import g, render_template, request, url_for

from sandbox.activity.recorder import record_visit
from sandbox.content.links import is_external
from sandbox.web.site_front import bp

MAX_URL = 2000


@bp.get("/sortie")
def external():
    """« Ce lien mène hors du site d'examen »: the target shown as text, never followed."""
    url = request.args.get("url", "").strip()[:MAX_URL]
    if url and not g.get("seat_read_only"):  # a closed seat keeps its record as it was at the end
        record_visit(g.db, f"Tentative de sortie du site d'examen vers {url}")
        g.db.commit()
    back = request.referrer
    if not back or is_external(back, request.host):
        back = url_for(".index")
    return render_template("site_front/external.html", url=url, back=back)
