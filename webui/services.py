"""Access to the app's one search service, and links to the pages of facet values."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import current_app, url_for

from webui.state import FACET_TO_PARAM


def search_service():
    return current_app.extensions["kb_search"]


def index_location(config: Mapping[str, Any]) -> str:
    """The index directory as an absolute path, so the command told to the operator
    works from wherever they run it."""
    return str(Path(config["INDEX_DIR"]).resolve())


_ENTITY_PAGES = {
    "commune": ("browse.commune", "insee"),
    "theme": ("browse.theme", "theme_id"),
    "organisation": ("browse.organisation", "name"),
    "person": ("browse.person", "name"),
    "issue": ("browse.issue", "issue_id"),
}


def entity_url(facet: str, value: str) -> str:
    """The page of a facet value when it has one, else the search filtered by it."""
    if facet in _ENTITY_PAGES:
        endpoint, arg = _ENTITY_PAGES[facet]
        return url_for(endpoint, **{arg: value})
    return url_for("search.results", **{FACET_TO_PARAM[facet]: value})
