"""« /sante »: a cheap health check for Docker, nginx or a load balancer (no login, no cookie, no page)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from grading.services.store import reading

bp = Blueprint("health", __name__)


@bp.get("/sante")
def health():
    """200 when the grading database answers, else 503 with the French reason."""
    try:
        with reading(Path(current_app.config["E5_DATA"])) as db:
            db.execute(text("SELECT 1"))
    except SQLAlchemyError:
        response = jsonify(etat="indisponible", raison="La base de notation ne répond pas.")
        response.status_code = 503
    else:
        response = jsonify(etat="ok")
    response.headers["Cache-Control"] = "no-store"
    return response
