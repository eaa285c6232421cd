"""One article: its full text with structure, its entities, its source, related articles."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, render_template, request, url_for

from indexer.api import ArticleRecord
from kb.citation import citation
from kb.models import quartier_parts
from webui import reading, sources
from webui.citing import highwire_tags, house_citation
from webui.highlight import query_terms
from webui.services import search_service
from webui.titles import display_title
from webui.urls import absolute_url
from webui.views.search import hit_json

bp = Blueprint("articles", __name__)

MAX_ID_CHARS = 200


def load_record(article_id: str) -> ArticleRecord:
    record = search_service().article(article_id) if len(article_id) <= MAX_ID_CHARS else None
    if record is None:
        abort(404, description="Cet article n'existe pas dans les archives.")
    return record


def body_blocks(record: ArticleRecord) -> list[tuple[str, Any]]:
    """Paragraphs of the body, intertitles told apart so they render as headings, and
    runs of list lines as lists (one Mouvements line, one press item per <li>)."""
    subheadings = {s.strip() for s in record.subheadings}
    items = {s.strip() for s in record.items}
    blocks: list[tuple[str, Any]] = []
    lead = record.lead.strip()
    # A list rubric's first line is read as its lead: shown with the rest of the list.
    first = [lead] if items and lead and all(
        line.strip() in items for line in lead.split("\n") if line.strip()) else []
    for paragraph in [*first, *record.text.split("\n\n")]:
        paragraph = paragraph.strip()
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if not paragraph:
            continue
        if paragraph in subheadings:
            blocks.append(("subheading", paragraph))
        elif items and all(line in items for line in lines):
            if blocks and blocks[-1][0] == "list":
                blocks[-1][1].extend(lines)
            else:
                blocks.append(("list", lines))
        else:
            blocks.append(("paragraph", paragraph))
    return blocks


def quartier_links(record: ArticleRecord) -> list[tuple[str, str]]:
    """(label, search URL) per quartier: 'Val Notre-Dame (Bezons)', never the raw key
    '95063|Val Notre-Dame'."""
    names = {c.insee: c.name for c in record.communes}
    links = []
    for quartier in record.quartiers:
        insee, name = quartier_parts(quartier)  # "95063|Val Notre-Dame"
        commune = names.get(insee)
        links.append((f"{name} ({commune})" if commune else name,
                      url_for("search.results", quartier=quartier) if insee
                      else url_for("search.results", q=name)))
    return links


def record_citation(record: ArticleRecord) -> str:
    return citation(record.issue.number, record.issue.date, record.pages)


def source_url(record: ArticleRecord, *, external: bool = False) -> str | None:
    """The article's own source file, at its first page for a PDF."""
    source_path = sources.source_link(record.source)
    if not source_path:
        return None
    make = absolute_url if external else url_for
    url = make("articles.source", path=source_path)
    if source_path.lower().endswith(".pdf") and record.pages:
        url += f"#page={min(record.pages)}"
    return url


def record_pdf_url(record: ArticleRecord, found: tuple[Any, str] | None = None) -> str | None:
    """The absolute URL of the issue's PDF (listed in the index, under the corpus root)."""
    found = found or reading.article_pdf(record)
    return absolute_url("articles.source", path=found[1]) if found else None


@bp.get("/article/<article_id>")
def article(article_id: str):
    record = load_record(article_id)
    blocks = body_blocks(record)
    page_url = absolute_url("articles.article", article_id=record.id)
    text = request.args.get("q", "")[:500]
    pdf = reading.article_pdf(record)
    return render_template(
        "article.html",
        record=record,
        title=display_title(record),
        blocks=blocks,
        lead_in_list=bool(blocks) and blocks[0][0] == "list" and bool(record.lead)
        and record.lead.split("\n")[0].strip() in blocks[0][1],
        cite=record_citation(record),
        house_cite=house_citation(record, page_url),
        meta_tags=highwire_tags(record, record_pdf_url(record, pdf), page_url),
        source_url=source_url(record),
        reader=reading.article_reader(record, pdf, text, request.args.get("page", "")),
        terms=query_terms(text),
        quartiers=quartier_links(record),
        related=search_service().related(record.id, limit=5),
    )


@bp.get("/api/article/<article_id>")
def article_api(article_id: str):
    record = load_record(article_id)
    return jsonify(
        {
            "article": record.to_json(),
            "display_title": display_title(record),
            "citation": record_citation(record),
            "url": absolute_url("articles.article", article_id=record.id),
            "related": [hit_json(hit) for hit in search_service().related(record.id, limit=5)],
        }
    )


@bp.get("/source/<path:path>")
def source(path: str):
    return sources.send_source(path)
