"""Downloads: RIS and BibTeX of an article or of a page of results (the CSV of a whole
search is `webui.export`'s)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from indexer.api import ArticleRecord
from webui.citing import bibtex_entry, ris, ris_entry
from webui.services import search_service
from webui.state import parse_state
from webui.urls import absolute_url
from webui.views.articles import load_record, record_pdf_url

bp = Blueprint("exports", __name__)

def download(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _ris_of(record: ArticleRecord) -> str:
    return ris_entry(record, absolute_url("articles.article", article_id=record.id),
                     record_pdf_url(record))


def _bibtex_of(record: ArticleRecord) -> str:
    return bibtex_entry(record, absolute_url("articles.article", article_id=record.id))


@bp.get("/article/<article_id>.ris")
def article_ris(article_id: str):
    record = load_record(article_id)
    return download(_ris_of(record), "application/x-research-info-systems",
                    f"{record.id}.ris")


@bp.get("/article/<article_id>.bib")
def article_bibtex(article_id: str):
    record = load_record(article_id)
    return download(_bibtex_of(record), "application/x-bibtex", f"{record.id}.bib")


def _page_records() -> list[ArticleRecord]:
    state = parse_state(request.args, request.query_string)
    result = search_service().search(state.query(current_app.config["PER_PAGE"]))
    records = (search_service().article(hit.id) for hit in result.hits)
    return [record for record in records if record]


@bp.get("/recherche.ris")
def results_ris():
    return download(ris(_ris_of(r) for r in _page_records()),
                    "application/x-research-info-systems", "resonances-recherche.ris")


@bp.get("/recherche.bib")
def results_bibtex():
    return download("\n".join(_bibtex_of(r) for r in _page_records()),
                    "application/x-bibtex", "resonances-recherche.bib")
