"""Jinja filters and globals; templates stay free of formatting logic."""

from __future__ import annotations

from flask import Flask

from kb import citation
from kb.textclean import plural
from webui import formatting, highlight, titles
from webui.state import FACET_LABELS, FACET_TO_PARAM


def init_app(app: Flask) -> None:
    app.jinja_env.filters["month_year"] = citation.month_year
    app.jinja_env.filters["long_date"] = formatting.long_date
    app.jinja_env.filters["pages_label"] = citation.pages_label
    app.jinja_env.globals["citation"] = citation.citation
    app.jinja_env.globals["plural"] = plural
    app.jinja_env.globals["issue_name"] = formatting.issue_name
    app.jinja_env.globals["hit_title"] = titles.hit_title
    app.jinja_env.filters["marked"] = highlight.mark_terms
    app.jinja_env.globals["FACET_LABELS"] = FACET_LABELS
    app.jinja_env.globals["FACET_TO_PARAM"] = FACET_TO_PARAM
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
