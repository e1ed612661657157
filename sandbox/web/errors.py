"""Error pages, in French, for every HTTP error and every unexpected exception (500).

One handler for the whole application: addresses under ``/s/<seat>/`` get the seats' look, the others
the look registered by the application that adds them (the console, see ``grading.errors``). Pages
are rendered with the application's context processors only: those of a seat blueprint read the
seat's database, which is missing when the seat is unknown or broken when the error came from it.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, g, jsonify, request, session
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

OTHER_LOOK = "e5.error_page"  # app.extensions key: the renderer of pages outside the seats
TITLES = {
    400: ("Requête refusée",
          "La requête n'a pas pu être traitée. Si vous veniez d'un formulaire, rechargez la page "
          "et recommencez."),
    401: ("Connexion nécessaire", "Connectez-vous pour ouvrir cette page."),
    403: ("Accès refusé", "Vous n'avez pas accès à cette page."),
    404: ("Page introuvable", "Cette adresse ne correspond à aucune page."),
    405: ("Méthode non autorisée",
          "Cette adresse ne s'ouvre pas de cette façon : passez par les liens et les boutons des pages."),
    413: ("Fichier trop volumineux",
          "L'envoi dépasse la taille autorisée ({limit}) : choisissez un fichier plus petit. "
          "Rien n'a été enregistré."),
    429: ("Trop de requêtes", "Trop de demandes en peu de temps : patientez une minute puis recommencez."),
    500: ("Erreur du serveur",
          "Une erreur inattendue s'est produite : votre dernière action n'a peut-être pas été enregistrée. "
          "Rechargez la page ; si l'erreur persiste, prévenez le surveillant."),
}
OUT_OF_RANGE = ("Une valeur envoyée dépasse les limites acceptées (nombre trop grand, par exemple) : rien "
                "n'a été enregistré. Revenez à la page, corrigez la saisie et recommencez.")
CSRF_MESSAGE = ("Le formulaire a expiré ou n'est pas valide (jeton de sécurité absent ou périmé) : "
                "rien n'a été enregistré. Revenez à la page, rechargez-la et recommencez.")


def _limit() -> str:
    size = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return f"{size // (1024 * 1024)} Mo" if size >= 1024 * 1024 else f"{size // 1024 or 1} Ko"


def french_error(error: HTTPException) -> tuple[int, str, str]:
    """Code, French title and French message of an HTTP error (its own description when ours, in French)."""
    code = error.code or 500
    title, message = TITLES.get(code, (f"Erreur {code}", TITLES[400][1]))
    if isinstance(error, CSRFError):
        return code, TITLES[400][0], CSRF_MESSAGE
    # Werkzeug's default descriptions are English class attributes; ours are set on the instance.
    own = error.description if error.description != type(error).description else None
    return code, title, own or message.format(limit=_limit())


def render_plain(template: str, **context) -> str:
    """Render with the application's context processors only (no seat blueprint's)."""
    app = current_app._get_current_object()
    values = {"g": g, "request": request, "session": session}
    for processor in app.template_context_processors[None]:
        values.update(processor())
    values.update(context)
    return app.jinja_env.get_template(template).render(values)


def seat_error_page(code: int, title: str, message: str) -> str:
    """An error page in the seats' look."""
    return render_plain("errors/error.html", code=code, title=title, message=message)


def _handle(error: Exception):
    if not isinstance(error, HTTPException):
        error = InternalServerError(original_exception=error)
    code, title, message = french_error(error)
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return jsonify(ok=False, message=message), code  # what the pages' scripts (autosave) read
    render: Callable[[int, str, str], str] = seat_error_page
    if not request.path.startswith("/s/"):
        render = current_app.extensions.get(OTHER_LOOK, seat_error_page)
    headers = error.get_headers() if code == 405 else None  # « Allow: POST »
    response = current_app.make_response((render(code, title, message), code))
    if headers:
        response.headers.update({k: v for k, v in headers if k == "Allow"})
    return response


def _out_of_range(error: DataError):
    # PostgreSQL refuses a value its column cannot hold (an id beyond 32 bits typed into a form); SQLite
    # stores any integer. The request's transaction is rolled back: a refusal, not a server error.
    return _handle(BadRequest(OUT_OF_RANGE))


def register_error_pages(app: Flask) -> None:
    """Every HTTP error and every unexpected exception gets a French page."""
    app.register_error_handler(HTTPException, _handle)  # unexpected exceptions reach it as a 500
    app.register_error_handler(DataError, _out_of_range)
