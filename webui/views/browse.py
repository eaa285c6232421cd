"""Browse pages: communes (index + map), and one page per commune, theme, organisation,
person and issue, each with its articles and the facets restricted to it."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from flask import Blueprint, abort, current_app, render_template, url_for

from indexer.api import FACET_REGISTRY, FacetValue, Hit
from webui import feeds, reading, sources, territory
from webui.formatting import collation_key
from webui.services import search_service
from webui.state import FACET_LABELS, SearchState
from webui.urls import absolute_url

bp = Blueprint("browse", __name__)

ENTITY_PAGE_MAX = 200  # articles listed on one entity page; the search lists the rest
RELATED_FACETS = tuple(facet.name for facet in FACET_REGISTRY if facet.related)
RELATED_VISIBLE = 15
INSEE = re.compile(r"\d[\dAB]\d{3}")
MAX_NAME_CHARS = 200
THUMBNAILS_MAX = 60


def timeline(year_values: tuple[FacetValue, ...]) -> list[dict[str, Any]]:
    """One bar per year from the first to the last, empty years included."""
    counts = {int(v.value): v.count for v in year_values if v.value.isdigit()}
    if not counts:
        return []
    peak = max(counts.values())
    return [
        {
            "year": year,
            "count": counts.get(year, 0),
            "width": round(100 * counts.get(year, 0) / peak, 1) if peak else 0,
        }
        for year in range(min(counts), max(counts) + 1)
    ]


def by_year(hits: tuple[Hit, ...]) -> list[tuple[str, list[Hit]]]:
    groups: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        groups[(hit.date or "")[:4] or "Date inconnue"].append(hit)
    return sorted(groups.items(), key=lambda item: item[0], reverse=True)


def entity_page(
    facet: str,
    value: str,
    *,
    title: str,
    kind: str,
    feed_url: str | None = None,
    intro: str | None = None,
    not_found_if_empty: bool = True,
    **extra: Any,
):
    state = SearchState(filters={facet: (value,)}, sort="date")
    result = search_service().search(state.query(ENTITY_PAGE_MAX, page=1))
    if not result.total and not_found_if_empty:
        abort(404, description=f"Aucun article ne correspond à cette page ({kind.lower()}).")
    related = []
    for other in RELATED_FACETS:
        if other == facet:
            continue
        values = [v for v in result.facets.get(other, ()) if v.count]
        if values:
            related.append(
                {
                    "label": FACET_LABELS[other],
                    "entries": [
                        {
                            "label": v.label,
                            "count": v.count,
                            "url": state.toggle_url(other, v.value),
                        }
                        for v in values[:RELATED_VISIBLE]
                    ],
                    "more": max(0, len(values) - RELATED_VISIBLE),
                }
            )
    return render_template(
        "entity.html",
        title=title,
        kind=kind,
        intro=intro,
        result=result,
        years=by_year(result.hits),
        timeline=timeline(result.facets.get("year", ())),
        related=related,
        search_url=state.url(),
        feed_url=feed_url,
        shown=len(result.hits),
        **extra,
    )


def feed_of(facet: str, value: str, title: str, html_url: str, self_url: str):
    state = SearchState(filters={facet: (value,)}, sort="date")
    result = search_service().search(state.query(current_app.config["FEED_ENTRIES"], page=1))
    return feeds.atom_feed(
        title=f"Résonances — {title}",
        feed_id=self_url,
        self_url=self_url,
        html_url=html_url,
        hits=result.hits,
    )


def check_name(value: str) -> str:
    if len(value) > MAX_NAME_CHARS:
        abort(404)
    return value


# --- communes -------------------------------------------------------------------------


@bp.get("/communes")
def communes():
    values = search_service().facet_values("commune")
    counts = {v.value: v.count for v in values}
    labels = {v.value: v.label for v in values}
    groups = []
    for code in territory.DEPARTEMENTS:
        rows = [
            (insee, name, counts[insee])
            for insee, name in territory.communes_of(code)
            if counts.get(insee)
        ]
        groups.append(
            {
                "code": code,
                "name": territory.departement_name(code),
                "communes": sorted(rows, key=lambda r: collation_key(r[1])),
                "articles": sum(r[2] for r in rows),
            }
        )
    elsewhere = sorted(
        (
            (insee, labels[insee], n)
            for insee, n in counts.items()
            if insee[:2] not in territory.DEPARTEMENTS and n
        ),
        key=lambda r: collation_key(r[1]),
    )
    view_box, shapes = territory.map_shapes(counts)
    return render_template(
        "communes.html",
        groups=groups,
        elsewhere=elsewhere,
        view_box=view_box,
        shapes=shapes,
        legend=territory.shade_legend(),
    )


def commune_title(insee: str) -> str:
    if not INSEE.fullmatch(insee):
        abort(404, description="Code INSEE invalide.")
    name = territory.commune_name(insee)
    if name is None:
        labels = {v.value: v.label for v in search_service().facet_values("commune")}
        if insee not in labels:
            abort(404, description="Cette commune n'est pas dans le référentiel des archives.")
        return labels[insee]
    return name


@bp.get("/commune/<insee>")
def commune(insee: str):
    name = commune_title(insee)
    departement = territory.departement_of(insee)
    return entity_page(
        "commune",
        insee,
        title=name,
        kind="Commune",
        intro=f"{name} ({territory.departement_name(departement)}, code INSEE {insee})",
        feed_url=url_for("browse.commune_atom", insee=insee),
        not_found_if_empty=False,
    )


@bp.get("/commune/<insee>.atom")
def commune_atom(insee: str):
    name = commune_title(insee)
    return feed_of(
        "commune",
        insee,
        name,
        absolute_url("browse.commune", insee=insee),
        absolute_url("browse.commune_atom", insee=insee),
    )


# --- themes, organisations, people ------------------------------------------------------


def facet_index(facet: str, title: str, intro: str):
    values = sorted(search_service().facet_values(facet), key=lambda v: collation_key(v.label))
    endpoint = {
        "theme": ("browse.theme", "theme_id"),
        "organisation": ("browse.organisation", "name"),
        "person": ("browse.person", "name"),
    }[facet]
    items = [
        {"label": v.label, "count": v.count, "url": url_for(endpoint[0], **{endpoint[1]: v.value})}
        for v in values
        if v.count
    ]
    return render_template("facet_index.html", title=title, intro=intro, items=items)


@bp.get("/themes")
def themes():
    return facet_index(
        "theme", "Thèmes", "Les thèmes de la politique de la ville traités par Résonances."
    )


@bp.get("/organisations")
def organisations():
    return facet_index(
        "organisation", "Organisations", "Les organisations citées dans les articles."
    )


@bp.get("/personnes")
def people():
    return facet_index("person", "Personnes", "Les personnes citées dans les articles.")


def theme_label(theme_id: str) -> str:
    for value in search_service().facet_values("theme"):
        if value.value == theme_id:
            return value.label
    abort(404, description="Ce thème n'existe pas dans les archives.")


@bp.get("/theme/<theme_id>")
def theme(theme_id: str):
    label = theme_label(check_name(theme_id))
    return entity_page(
        "theme",
        theme_id,
        title=label,
        kind="Thème",
        feed_url=url_for("browse.theme_atom", theme_id=theme_id),
        not_found_if_empty=False,
    )


@bp.get("/theme/<theme_id>.atom")
def theme_atom(theme_id: str):
    label = theme_label(check_name(theme_id))
    return feed_of(
        "theme",
        theme_id,
        label,
        absolute_url("browse.theme", theme_id=theme_id),
        absolute_url("browse.theme_atom", theme_id=theme_id),
    )


@bp.get("/organisation/<path:name>")
def organisation(name: str):
    return entity_page("organisation", check_name(name), title=name, kind="Organisation")


@bp.get("/personne/<path:name>")
def person(name: str):
    return entity_page("person", check_name(name), title=name, kind="Personne")


# --- issues ---------------------------------------------------------------------------


@bp.get("/numeros")
def issues():
    listed = sorted(search_service().issues(), key=lambda i: i.date or "", reverse=True)
    return render_template("issues.html", issues=listed)


@bp.get("/numero/<issue_id>")
def issue(issue_id: str):
    found = next((i for i in search_service().issues() if i.id == issue_id), None)
    if found is None:
        abort(404, description="Ce numéro n'existe pas dans les archives.")
    hits = search_service().articles_of_issue(issue_id)
    sections: list[tuple[str | None, list[Hit]]] = []
    for hit in hits:
        if not sections or sections[-1][0] != hit.section:
            sections.append((hit.section, []))
        sections[-1][1].append(hit)
    pdf = reading.issue_pdf(found)
    total = reading.page_total(pdf[0]) if pdf else 0
    return render_template(
        "issue.html",
        issue=found,
        sections=sections,
        count=len(hits),
        pdf_url=url_for("articles.source", path=pdf[1]) if pdf else None,
        thumbnails=[
            {
                "page": page,
                "image": url_for("reader.page_image", issue_id=issue_id, page=page),
                "url": url_for("reader.issue_page", issue_id=issue_id, page=page),
            }
            for page in range(1, min(total, THUMBNAILS_MAX) + 1)
        ],
        other_sources=[
            (s.rsplit("/", 1)[-1], url_for("articles.source", path=link))
            for s in found.sources
            if (link := sources.source_link(s)) and (not pdf or link != pdf[1])
        ],
    )
