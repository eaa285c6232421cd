"""Home, results (HTML, JSON, CSV, Atom), suggestions and the OpenSearch description."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
)

from indexer.api import Hit, SearchPage
from kb.citation import citation
from webui import export, facet_groups, feeds
from webui.formatting import collation_key
from webui.services import entity_url, index_location, search_service
from webui.state import (
    FACET_LABELS,
    FACET_TO_PARAM,
    PARAM_TO_FACET,
    SearchState,
    clean_text,
    parse_state,
)
from webui.urls import absolute_url

bp = Blueprint("search", __name__)

HOME_COMMUNES = 12
SUGGEST_MAX_CHARS = 100
OFFER_FILTER_CHARS = 100  # a value-filter box typed longer than this is cut
OFFER_KINDS = {"commune": "la commune", "theme": "le thème", "organisation": "l'organisation",
               "person": "la personne", "quartier": "le quartier"}


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
    issues = sorted(service.issues(), key=lambda i: i.date or "", reverse=True)
    communes = sorted(service.facet_values("commune"),
                      key=lambda v: (-v.count, collation_key(v.label)))
    themes = sorted(service.facet_values("theme"),
                    key=lambda v: (-v.count, collation_key(v.label)))
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


def offers(state: SearchState) -> list[dict[str, str]]:
    """Values named in the query and not yet chosen: "Filtrer sur Sarcelles ?"."""
    if not state.text:
        return []
    named = search_service().named_filters(state.text)
    return [
        {"label": label, "kind": OFFER_KINDS.get(facet, ""),
         "url": state.toggle_url(facet, value)}
        for facet, value, label in named
        if value not in state.filters.get(facet, ())
    ]


@bp.get("/recherche")
def results():
    state = current_state()
    result = run_search(state)
    notices = [n for n in (state.notice, result.notice) if n]
    year_from, year_to = facet_groups.year_bounds(state)
    return render_template(
        "results.html",
        state=state,
        result=result,
        notices=notices,
        chips=facet_groups.chips(state, result),
        groups=facet_groups.groups(state, result),
        offers=offers(state),
        bars=facet_groups.timeline(result),
        year_from=year_from,
        year_to=year_to,
        hidden_fields=facet_groups.hidden_fields(state),
        hidden_fields_but_years=facet_groups.hidden_fields(state, skip="year"),
        pages=page_links(state, result),
        suggestion_url=state.with_text(result.suggestion).url() if result.suggestion else None,
        feed_url=state.url("search.results_atom", page=1),
        json_url=state.url("search.results_api"),
        csv_url=state.url("search.results_csv", page=1),
        relevance_url=state.sorted_by("relevance").url(),
        date_url=state.sorted_by("date").url(),
        clear_filters_url=state.without_filters().url(),
    )


@bp.get("/recherche/valeurs/<groupe>")
def facet_all_values(groupe: str):
    """Every value of one long group for this search, narrowed by a filter box: the
    no-script way to find one commune, organisation or person among hundreds."""
    facet = PARAM_TO_FACET.get(groupe)
    if facet not in facet_groups.LONG_GROUPS:
        abort(404, description="Ce groupe de filtres n'a pas de liste complète.")
    state = current_state()
    wanted = clean_text(request.args.get("filtre", ""))[:OFFER_FILTER_CHARS]
    result = run_search(replace(state, page=1), per_page=1)
    return render_template(
        "facet_values.html",
        state=state,
        facet=facet,
        param=groupe,
        label=FACET_LABELS[facet],
        wanted=wanted,
        items=facet_groups.all_values(state, result, facet, wanted),
        hidden_fields=facet_groups.hidden_fields(state),
        back_url=state.url(),
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
            # articles holding only some of the words, when those with every word are few;
            # not counted in `total`
            "approximate": [hit_json(hit) for hit in result.approximate],
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
