"""Reading an issue as printed: page images, thumbnails, leafing, searched words on the page.

Only PDFs listed in the index's manifest for an issue are ever opened, and only when they
are under the corpus root (`webui.sources`); a URL names an issue and a page number,
never a path. Images are rendered on first request and cached beside the index
(`PAGE_CACHE_DIR`, bounded by `PAGE_CACHE_MAX_BYTES`).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from webui.pageimages import SIZES
from webui.reading import find_issue, issue_pdf, leaf_links, page_cache, page_total, page_view
from webui.services import search_service
from webui.titles import hit_title

bp = Blueprint("reader", __name__)

MAX_PAGE_NUMBER = 2000


@bp.get("/numero/<issue_id>/page-<int:page>.png")
def page_image(issue_id: str, page: int):
    size = request.args.get("taille", "vignette")
    if size not in SIZES:
        abort(400, description="Taille d'image inconnue (vignette ou page).")
    issue = find_issue(issue_id)
    found = issue_pdf(issue) if issue else None
    if found is None or not 1 <= page <= min(page_total(found[0]), MAX_PAGE_NUMBER):
        abort(404, description="Cette page n'existe pas dans les archives.")
    try:
        data = page_cache().image(found[0], page, size)
    except Exception:
        current_app.logger.warning("Page %s non rendue : %s", page, found[0], exc_info=True)
        abort(404, description="Cette page n'a pas pu être affichée.")
    response = Response(data, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.get("/numero/<issue_id>/page/<int:page>")
def issue_page(issue_id: str, page: int):
    issue = find_issue(issue_id)
    if issue is None:
        abort(404, description="Ce numéro n'existe pas dans les archives.")
    found = issue_pdf(issue)
    total = page_total(found[0]) if found else 0
    if not found or not 1 <= page <= total:
        abort(404, description="Cette page n'existe pas pour ce numéro.")
    text = request.args.get("q", "")[:500]
    view = page_view(issue_id, found[0], page, text)
    if view is None:
        abort(404, description="Cette page n'a pas pu être affichée.")
    on_page = [hit for hit in search_service().articles_of_issue(issue_id) if page in hit.pages]
    return render_template(
        "page.html",
        issue=issue,
        page=page,
        total=total,
        view=view,
        text=text,
        articles=[(hit, hit_title(hit)) for hit in on_page],
        leaf=leaf_links(issue_id, page, total, text),
        pdf_url=url_for("articles.source", path=found[1]) + f"#page={page}",
    )
