"""Absolute links for documents read outside the site (Atom, OpenSearch, JSON, CSV, RIS,
BibTeX, meta tags), which a forged `Host` header cannot steer.

Every absolute URL goes through `absolute_url`; its base is, in order:

1. the configured public address, `BASE_URL` (`kb serve --base-url`, `KB_BASE_URL`),
   e.g. `https://archives.intranet.example/resonances`;
2. else the request's own host, when it is trusted: one of `ALLOWED_HOSTS`
   (`--trusted-host`, `KB_TRUSTED_HOSTS`; other hosts are then refused with a 400),
   else a loopback name (`localhost`, `127.0.0.1`, `[::1]`), or the host a trusted
   reverse proxy forwarded (`kb serve --behind-proxy`, see `TRUST_PROXY_HOST`);
3. else none: the link is relative to the site (`/article/…`), which a reader resolves
   against the address it used, and which names no host of the attacker's choosing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, request, url_for
from werkzeug.sansio.utils import host_is_trusted

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")


def check_base_url(value: str) -> str:
    """The base URL without its trailing slash, or ValueError (in French) when it is not
    an absolute http(s) URL without query or fragment."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query \
            or parts.fragment or "@" in parts.netloc:
        raise ValueError(f"adresse publique invalide : {value!r} "
                         "(attendu : https://hote[:port][/chemin])")
    return value.strip().rstrip("/")


def trusted_hosts_from(value: str | None) -> list[str]:
    """`KB_TRUSTED_HOSTS`-style list: host names separated by commas or spaces."""
    return [host for host in (value or "").replace(",", " ").split() if host]


def absolute_url(endpoint: str, **values: Any) -> str:
    """`url_for(endpoint, **values)` made absolute from a trusted base (module doc)."""
    path = url_for(endpoint, **values)
    base = current_app.config.get("BASE_URL")
    if base:
        root = request.script_root
        if root and path.startswith(root):
            path = path[len(root):]
        return base + path
    if _request_host_trusted():
        return url_for(endpoint, _external=True, **values)
    return path


def refuse_untrusted_host() -> None:
    """With `ALLOWED_HOSTS` configured, a request for another host is a 400."""
    if current_app.config.get("ALLOWED_HOSTS") and not _request_host_trusted():
        abort(400, description="Nom d'hôte non reconnu par ce serveur.")


def _request_host_trusted() -> bool:
    environ = request.environ
    if current_app.config.get("TRUST_PROXY_HOST") and "werkzeug.proxy_fix.orig" in environ \
            and environ.get("HTTP_X_FORWARDED_HOST"):
        return True  # the host the proxy in front forwarded (its server_name chose us)
    trusted = current_app.config.get("ALLOWED_HOSTS") or LOOPBACK_HOSTS
    try:
        return host_is_trusted(request.host, list(trusted))
    except Exception:  # a malformed Host header is simply not trusted
        return False
