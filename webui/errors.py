"""French error pages (HTML, or JSON under /api/) for every error a request can meet."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

TITLES = {
    400: "Requête invalide",
    404: "Page introuvable",
    405: "Méthode non autorisée",
    500: "Erreur interne",
}
DEFAULT_MESSAGES = {
    400: "L'adresse demandée contient un paramètre que nous ne comprenons pas.",
    404: "Cette page n'existe pas ou plus dans les archives.",
    405: "Les archives se consultent seulement (lecture : GET).",
    500: "Une erreur inattendue s'est produite ; elle a été consignée.",
}


def _message(error: HTTPException) -> str:
    # Werkzeug's English default descriptions are replaced by ours; our own aborts
    # carry a French description, which is kept.
    default = type(error).description
    if error.description and error.description != default:
        return error.description
    return DEFAULT_MESSAGES.get(error.code or 500, DEFAULT_MESSAGES[500])


def render_error(error: HTTPException):
    code = error.code or 500
    message = _message(error)
    title = TITLES.get(code, "Erreur")
    if request.path.startswith("/api/"):
        return jsonify({"error": {"status": code, "title": title, "message": message}}), code
    return render_template("error.html", code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    # An unexpected exception reaches this handler as an InternalServerError after
    # Flask has logged it; in tests (PROPAGATE_EXCEPTIONS) it is raised instead, so
    # no test can pass by hiding a crash behind the 500 page.
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_error(error)
