"""One article: its full text with structure, its entities, its source, related articles."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, render_template, url_for

from kb.citation import citation
from webui import sources
from webui.services import search_service
from webui.urls import external_url
from webui.views.search import hit_json

bp = Blueprint("articles", __name__)

MAX_ID_CHARS = 200


def load_record(article_id: str) -> dict[str, Any]:
    record = search_service().article(article_id) if len(article_id) <= MAX_ID_CHARS else None
    if record is None:
        abort(404, description="Cet article n'existe pas dans les archives.")
    return record


def body_blocks(record: dict[str, Any]) -> list[tuple[str, Any]]:
    """Paragraphs of the body, intertitles told apart so they render as headings, and
    runs of list lines as lists (one Mouvements line, one press item per <li>)."""
    subheadings = {s.strip() for s in record.get("subheadings") or ()}
    items = {s.strip() for s in record.get("items") or ()}
    blocks: list[tuple[str, Any]] = []
    lead = (record.get("lead") or "").strip()
    # A list rubric's first line is read as its lead: shown with the rest of the list.
    first = [lead] if items and lead and all(
        line.strip() in items for line in lead.split("\n") if line.strip()) else []
    for paragraph in [*first, *(record.get("text") or "").split("\n\n")]:
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


def record_citation(record: dict[str, Any]) -> str:
    issue = record.get("issue") or {}
    return citation(issue.get("number"), issue.get("date"), record.get("pages") or ())


@bp.get("/article/<article_id>")
def article(article_id: str):
    record = load_record(article_id)
    blocks = body_blocks(record)
    source_path = sources.source_link(record.get("source") or "")
    pages = record.get("pages") or []
    source_url = None
    if source_path:
        source_url = url_for("articles.source", path=source_path)
        if source_path.lower().endswith(".pdf") and pages:
            source_url += f"#page={min(pages)}"
    return render_template(
        "article.html",
        record=record,
        blocks=blocks,
        lead_in_list=bool(blocks) and blocks[0][0] == "list" and bool(record.get("lead"))
        and record["lead"].split("\n")[0].strip() in blocks[0][1],
        cite=record_citation(record),
        source_url=source_url,
        related=search_service().related(record["id"], limit=5),
    )


@bp.get("/api/article/<article_id>")
def article_api(article_id: str):
    record = load_record(article_id)
    return jsonify(
        {
            "article": record,
            "citation": record_citation(record),
            "url": external_url("articles.article", article_id=record["id"]),
            "related": [hit_json(hit) for hit in search_service().related(record["id"], limit=5)],
        }
    )


@bp.get("/source/<path:path>")
def source(path: str):
    return sources.send_source(path)
