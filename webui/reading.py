"""Finding and showing the pages of an issue's PDF: which file, how many pages, the page
view (image, size, highlighted boxes) and the links to leaf through.

Only PDFs listed in the index's manifest for an issue are ever opened, and only when they
are under the corpus root (`webui.sources`); URLs name an issue and a page number, never
a path. Images and word boxes are made on first request and cached beside the index
(`PAGE_CACHE_DIR`, default `INDEX_DIR/pages`, bounded by `PAGE_CACHE_MAX_BYTES`).
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app, url_for

from indexer.api import ArticleRecord, IssueSummary
from webui import sources
from webui.highlight import boxes, query_terms
from webui.pageimages import PageCache
from webui.services import search_service


def page_cache() -> PageCache:
    cache = current_app.extensions.get("kb_pages")
    if cache is None:
        folder = current_app.config.get("PAGE_CACHE_DIR") or str(
            Path(current_app.config["INDEX_DIR"]) / "pages")
        cache = PageCache(folder, int(current_app.config["PAGE_CACHE_MAX_BYTES"]))
        current_app.extensions["kb_pages"] = cache
    return cache


def find_issue(issue_id: str) -> IssueSummary | None:
    return next((i for i in search_service().issues() if i.id == issue_id), None)


def _first_served_pdf(listed: list[str]) -> tuple[Path, str] | None:
    for source in listed:
        if not source.lower().endswith(".pdf"):
            continue
        relative = sources.source_link(source)
        real = sources.resolve_link(relative) if relative else None
        if real is not None:
            return real, relative
    return None


def issue_pdf(issue: IssueSummary, own: tuple[str, ...] = ()) -> tuple[Path, str] | None:
    """(real path, path under the corpus root) of the issue's PDF, if one is served.

    Only files the index lists are candidates: an article's own sources (`own`, stored
    with it), the issue's files in the manifest, else the sources its articles store.
    """
    found = _first_served_pdf([*own, *sorted(issue.sources)])
    if found is None and not own:
        found = _first_served_pdf(
            [hit.source for hit in search_service().articles_of_issue(issue.id)])
    return found


def page_total(pdf: Path) -> int:
    try:
        return page_cache().page_count(pdf)
    except Exception as error:  # a damaged PDF has no pages to show, the page still answers
        current_app.logger.warning("PDF illisible pour les vignettes : %s (%s)", pdf, error)
        return 0


def page_view(issue_id: str, pdf: Path, page: int, text: str = "") -> dict | None:
    """What the page-view macro draws: the image, its size in points, the boxes."""
    try:
        words = page_cache().words(pdf, page)
    except Exception as error:
        current_app.logger.warning("Page %s illisible : %s (%s)", page, pdf, error)
        return None
    found = boxes(words, query_terms(text))
    return {
        "page": page,
        "width": round(words.width, 1),
        "height": round(words.height, 1),
        "boxes": found,
        "image_url": url_for("reader.page_image", issue_id=issue_id, page=page,
                             taille="page"),
    }


def leaf_links(issue_id: str, page: int, total: int, text: str) -> dict[str, str | None]:
    def link(number: int) -> str | None:
        if not 1 <= number <= total:
            return None
        return url_for("reader.issue_page", issue_id=issue_id, page=number, q=text or None)

    return {"previous": link(page - 1), "next": link(page + 1)}




def article_pdf(record: ArticleRecord) -> tuple[Path, str] | None:
    issue = find_issue(record.issue.id)
    if issue is None:
        return None
    own = record.sources + ((record.source,) if record.source else ())
    return issue_pdf(issue, own)


def article_reader(record: ArticleRecord, found: tuple[Path, str] | None, text: str,
                   wanted: str) -> dict | None:
    """The printed page shown with an article (`found`: its issue's PDF): its first page,
    or `wanted` when that is a page of the issue; with the links to leaf through."""
    pages = sorted(set(record.pages))
    if found is None or not pages:
        return None
    total = page_total(found[0])
    asked = int(wanted) if wanted.isascii() and wanted.isdigit() and len(wanted) < 6 else 0
    page = asked if 1 <= asked <= total else pages[0]
    if not 1 <= page <= total:
        return None
    issue_id = record.issue.id
    view = page_view(issue_id, found[0], page, text)
    if view is None:
        return None

    def link(number: int) -> str | None:
        if not 1 <= number <= total:
            return None
        return url_for("articles.article", article_id=record.id, page=number,
                       q=text or None, _anchor="page-imprimee")

    return {
        "view": view, "page": page, "total": total,
        "previous": link(page - 1), "next": link(page + 1),
        "pdf_url": url_for("articles.source", path=found[1]) + f"#page={page}",
    }
