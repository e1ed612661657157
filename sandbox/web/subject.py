"""The candidate's « Sujet » page: the subject of the seat as the official paper shows it, printable.

The page reads only what the candidate may see (setting ``subject.json``): never the grid or the
observables. Every page may link to it through ``subject/_link.html``, which renders nothing on a seat
without a subject.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, g, render_template

from sandbox.formatting import format_number
from sandbox.subjects.store import has_subject, read_sheet
from sandbox.web.practice import my_observables

bp = Blueprint("subject", __name__, url_prefix="/sujet")

FRAUD = (
    "L'accès à Internet est limité au site d'examen : toute consultation d'un autre site est considérée "
    "comme une tentative de fraude."
)
KINDS = {"image": "image", "audio": "son", "video": "vidéo", "application/pdf": "PDF"}


def _kind(mime: str) -> str:
    return KINDS.get(mime) or KINDS.get(mime.split("/")[0], "fichier")


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)))}\xa0Ko"
    return f"{format_number(size / 1024 / 1024, 1)}\xa0Mo"


@bp.app_template_global("seat_has_subject")
def seat_has_subject() -> bool:
    """Whether the current seat has a subject (read once per request)."""
    if "db" not in g:
        return False
    if "seat_has_subject" not in g:
        g.seat_has_subject = has_subject(g.db)
    return g.seat_has_subject


@bp.get("/")
def index():
    """The subject: header, contexte commercial, mise en situation, travail demandé, annexes, files."""
    sheet = read_sheet(g.db)
    if sheet is None:
        abort(404, description="Aucun sujet n'est associé à ce poste.")
    files = [{**f, "kind": _kind(f["mime"]), "size_text": _size(f["size"])} for f in sheet["files"]]
    return render_template(
        "subject/index.html",
        sheet=sheet,
        files=files,
        fraud=FRAUD,
        exam_date=date.fromisoformat(sheet["exam_date"]),
        observables=my_observables(),  # None on exam seats and when the teacher's switch is off
    )
