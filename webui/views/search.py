"""Home, results (HTML, JSON, CSV, Atom), suggestions and the OpenSearch description."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
)

from indexer.api import FACETS, FacetValue, Hit, SearchPage
from kb.citation import citation
from webui import export, feeds
from webui.services import entity_url, index_location, search_service
from webui.state import FACET_LABELS, FACET_TO_PARAM, SearchState, clean_text, parse_state
from webui.urls import absolute_url

bp = Blueprint("search", __name__)

HOME_COMMUNES = 12
FACET_VISIBLE = 8  # more values hide behind a <details>, no script needed
FACET_LISTED = 50  # beyond that, a facet's long tail is reached by search, not by scrolling
SUGGEST_MAX_CHARS = 100


def current_state() -> SearchState:
    return parse_state(request.args, request.query_string)


def run_search(state: SearchState, per_page: int | None = None) -> SearchPage:
    per_page = per_page or current_app.config["PER_PAGE"]
    result = search_service().search(state.query(per_page))
    if result.total and state.page > result.pages:
        abort(
            404, description=f"Il n'y a que {result.pages} pages de résultats pour cette recherche."
        )
    return result


def hit_json(hit: Hit) -> dict[str, Any]:
    data = asdict(hit)
    data["pages"] = list(hit.pages)
    data["communes"] = [{"insee": insee, "name": name} for insee, name in hit.communes]
    data["themes"] = [{"id": theme_id, "label": label} for theme_id, label in hit.themes]
    data["citation"] = citation(hit.issue_number, hit.date, hit.pages)
    data["url"] = absolute_url("articles.article", article_id=hit.id)
    return data


def facet_label(result: SearchPage, facet: str, value: str) -> str:
    for facet_value in result.facets.get(facet, ()):
        if facet_value.value == value:
            return facet_value.label
    return value


def active_filters(state: SearchState, result: SearchPage) -> list[dict[str, str]]:
    return [
        {
            "facet": FACET_LABELS[facet],
            "label": facet_label(result, facet, value),
            "remove_url": state.toggle_url(facet, value),
        }
        for facet in FACETS
        for value in state.filters.get(facet, ())
    ]


def facet_groups(state: SearchState, result: SearchPage) -> list[dict[str, Any]]:
    groups = []
    for facet in FACETS:
        values: tuple[FacetValue, ...] = result.facets.get(facet, ())
        if not values:
            continue
        toggle_url = state.toggle_links(facet)
        items = [
            {
                "label": v.label,
                "count": v.count,
                "selected": v.selected or v.value in state.filters.get(facet, ()),
                "url": toggle_url(v.value),
            }
            for n, v in enumerate(values)
            if n < FACET_LISTED or v.selected or v.value in state.filters.get(facet, ())
        ]
        # Selected values always stay visible, whatever their count.
        visible = [i for n, i in enumerate(items) if n < FACET_VISIBLE or i["selected"]]
        hidden = [i for n, i in enumerate(items) if n >= FACET_VISIBLE and not i["selected"]]
        groups.append(
            {
                "facet": facet,
                "param": FACET_TO_PARAM[facet],
                "label": FACET_LABELS[facet],
                "visible": visible,
                "hidden": hidden,
            }
        )
    return groups


def page_links(state: SearchState, result: SearchPage) -> list[dict[str, Any]]:
    """Numbers around the current page, with gaps marked by None."""
    current, last = state.page, result.pages
    wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    links: list[dict[str, Any]] = []
    previous = 0
    for number in wanted:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {
                "gap": False,
                "number": number,
                "url": state.url(page=number),
                "current": number == current,
            }
        )
        previous = number
    return links


@bp.get("/")
def home():
    service = search_service()
    issues = sorted(service.issues(), key=lambda i: i.get("date") or "", reverse=True)
    communes = sorted(service.facet_values("commune"), key=lambda v: (-v.count, v.label))
    themes = sorted(service.facet_values("theme"), key=lambda v: (-v.count, v.label))
    total = service.total_articles()
    return render_template(
        "home.html",
        issues=issues[:6],
        communes=communes[:HOME_COMMUNES],
        themes=themes,
        total=total,
        # An empty archive is almost always an index not built or looked for in the wrong place.
        empty_index=None if total else index_location(current_app.config),
    )


@bp.get("/recherche")
def results():
    state = current_state()
    result = run_search(state)
    notices = [n for n in (state.notice, result.notice) if n]
    return render_template(
        "results.html",
        state=state,
        result=result,
        notices=notices,
        chips=active_filters(state, result),
        groups=facet_groups(state, result),
        pages=page_links(state, result),
        suggestion_url=state.with_text(result.suggestion).url() if result.suggestion else None,
        feed_url=state.url("search.results_atom", page=1),
        json_url=state.url("search.results_api"),
        csv_url=state.url("search.results_csv", page=1),
        relevance_url=state.sorted_by("relevance").url(),
        date_url=state.sorted_by("date").url(),
        clear_filters_url=state.without_filters().url(),
    )


@bp.get("/api/recherche")
def results_api():
    state = current_state()
    result = run_search(state)
    return jsonify(
        {
            "query": {
                "q": state.text,
                "filters": {FACET_TO_PARAM[f]: list(v) for f, v in state.filters.items()},
                "tri": "date" if state.sort == "date" else "pertinence",
                "page": state.page,
                "per_page": result.query.per_page,
            },
            "total": result.total,
            "pages": result.pages,
            "suggestion": result.suggestion,
            "corrected": result.corrected,
            "notices": [n for n in (state.notice, result.notice) if n],
            "hits": [hit_json(hit) for hit in result.hits],
            "facets": {
                FACET_TO_PARAM[facet]: [
                    {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                    for v in values
                ]
                for facet, values in result.facets.items()
                if facet in FACET_TO_PARAM
            },
            "links": {
                "html": absolute_url("search.results", **state.args()),
                "csv": absolute_url("search.results_csv", **state.args(page=1)),
                "atom": absolute_url("search.results_atom", **state.args(page=1)),
                "next": (
                    absolute_url("search.results_api", **state.args(page=state.page + 1))
                    if state.page < result.pages
                    else None
                ),
            },
        }
    )


@bp.get("/recherche.csv")
def results_csv():
    return export.csv_response(current_state())


@bp.get("/recherche.atom")
def results_atom():
    state = current_state()
    newest = SearchState(text=state.text, filters=state.filters, sort="date")
    result = search_service().search(newest.query(current_app.config["FEED_ENTRIES"], page=1))
    described = state.text or "toutes les archives"
    return feeds.atom_feed(
        title=f"Résonances — recherche : {described}",
        feed_id=absolute_url("search.results_atom", **newest.args()),
        self_url=absolute_url("search.results_atom", **newest.args()),
        html_url=absolute_url("search.results", **newest.args()),
        hits=result.hits,
    )


@bp.get("/api/suggest")
def suggest_api():
    prefix = clean_text(request.args.get("q", ""))[:SUGGEST_MAX_CHARS]
    if request.args.get("format") not in (None, "", "opensearch"):
        abort(400, description="Format inconnu.")
    suggestions = search_service().suggest(prefix, limit=8) if len(prefix) >= 2 else []
    if request.args.get("format") == "opensearch":
        return jsonify([prefix, [label for _, _, label in suggestions]])
    return jsonify(
        {
            "query": prefix,
            "suggestions": [
                {
                    "facet": facet,
                    "value": value,
                    "label": label,
                    "kind": FACET_LABELS.get(facet, facet),
                    "url": entity_url(facet, value),
                }
                for facet, value, label in suggestions
            ],
        }
    )


@bp.get("/opensearch.xml")
def opensearch():
    return feeds.opensearch_description()
