"""Headers and method policy: the archive is read-only and loads nothing from elsewhere."""

from __future__ import annotations

from flask import Flask, Response, abort, request

from webui.urls import refuse_untrusted_host

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Files of the corpus (HTML e-mailings included) are shown, never run: no script, no
# same-origin access, whatever the file contains.
SOURCE_CSP = (
    "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
    "frame-ancestors 'self'"
)

READ_METHODS = frozenset({"GET", "HEAD"})


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_writes():
        if request.method not in READ_METHODS:
            abort(405)
        refuse_untrusted_host()

    @app.after_request
    def add_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if response.status_code == 405:
            response.headers["Allow"] = "GET, HEAD"
        return response
