"""CSV export of a result set: every row, streamed, `;`-separated UTF-8 with a BOM so
French spreadsheet software opens it as columns, and safe to open (no formula runs)."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Iterator

from flask import Response, current_app, stream_with_context

from indexer.api import ArticleRecord, Hit
from kb.citation import pages_label
from webui.services import search_service
from webui.state import SearchState
from webui.urls import absolute_url

COLUMNS = (
    "identifiant",
    "titre",
    "numero",
    "date",
    "pages",
    "section",
    "rubrique",
    "surtitre",
    "extrait",
    "communes",
    "organisations",
    "personnes",
    "themes",
    "adresse",
    "source",
)
DELIMITER = ";"
BOM = "\ufeff"  # makes spreadsheet software read the accents as UTF-8
# A cell starting with one of these is run as a formula by spreadsheet software.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXTRACT_CHARS = 400


def neutralise(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain_snippet(snippet_html: str) -> str:
    """The search snippet as text: marks removed, entities decoded."""
    return html.unescape(re.sub(r"</?mark>", "", snippet_html or ""))


def extract(hit: Hit, record: ArticleRecord | None) -> str:
    """The passage the search found, or else the article's lead."""
    text = plain_snippet(hit.snippet_html) or (record.lead if record else "")
    text = " ".join(text.split())
    return text if len(text) <= EXTRACT_CHARS else text[: EXTRACT_CHARS - 1].rstrip() + "…"


def hit_row(hit: Hit, record: ArticleRecord | None = None) -> list[str]:
    organisations = [
        o.name + (f" ({o.acronym})" if o.acronym and o.acronym != o.name else "")
        for o in (record.organisations if record else ())
    ]
    people = [p.name for p in (record.people if record else ())]
    return [
        neutralise(value)
        for value in (
            hit.id,
            hit.title,
            hit.issue_number if hit.issue_number is not None else "",
            hit.date or "",
            pages_label(hit.pages),
            hit.section or "",
            hit.kind or "",
            hit.heading or "",
            extract(hit, record),
            "; ".join(f"{name} ({insee})" for insee, name in hit.communes),
            "; ".join(organisations),
            "; ".join(people),
            "; ".join(label for _, label in hit.themes),
            absolute_url("articles.article", article_id=hit.id),
            hit.source,
        )
    ]


def csv_lines(rows: Iterable[tuple[Hit, ArticleRecord | None]]) -> Iterator[str]:
    """The CSV one line at a time (BOM and header first), for a streamed response."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(COLUMNS)
    yield BOM + flush()
    for hit, record in rows:
        writer.writerow(hit_row(hit, record))
        yield flush()


def csv_response(state: SearchState) -> Response:
    cap = int(current_app.config["CSV_MAX_ROWS"])
    total = search_service().search(state.query(per_page=1, page=1)).total
    lines = csv_lines(search_service().export(state.query(per_page=1, page=1), cap))
    response = Response(stream_with_context(lines), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8; header=present"
    response.headers["Content-Disposition"] = 'attachment; filename="resonances-recherche.csv"'
    response.headers["X-Total-Results"] = str(total)
    return response
