"""Absolute links for documents read outside the site (Atom, CSV, RIS, BibTeX, meta tags).

Every absolute URL goes through `absolute_url`, so where the site is said to live (proxy
headers today, a configured base URL tomorrow) is decided in one place.
"""

from __future__ import annotations

from typing import Any

from flask import url_for


def absolute_url(endpoint: str, **values: Any) -> str:
    return url_for(endpoint, _external=True, **values)
