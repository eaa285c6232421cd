"""What the results page shows of facets: groups with their toggle links (the theme
hierarchy nested), active filters as chips, the year range form, the per-year chart, and
the "toutes les valeurs" list of one long group. Views only render these."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import url_for
from markupsafe import Markup

from indexer.api import FACETS, FacetValue, SearchPage
from indexer.filters import year_range
from kb.models import quartier_parts
from kb.textclean import plural
from webui.formatting import collation_key
from webui.state import FACET_LABELS, FACET_TO_PARAM, SearchState

FACET_VISIBLE = 8  # more values hide behind a <details>, no script needed
FACET_LISTED = 50  # beyond that, the long tail is reached through "toutes les valeurs"
# Long groups get a filter box (the "toutes les valeurs" page, which works without script).
LONG_GROUPS = ("commune", "quartier", "organisation", "person")


@cache
def theme_parents() -> dict[str, str]:
    """theme id -> parent id, from the controlled vocabulary (kb/data/themes.tsv)."""
    from kb.themes import load_themes

    return {t.id: t.parent for t in load_themes().themes.values() if t.parent}


def value_label(facet: str, value: str, result: SearchPage | None = None) -> str:
    """What people read for a filter value, never a raw key ("95063|Val Notre-Dame")."""
    for facet_value in result.facets.get(facet, ()) if result else ():
        if facet_value.value == value:
            return facet_value.label
    if facet == "year":
        bounds = year_range(value)
        if bounds:
            start, end = bounds
            if start and end:
                return f"de {start} à {end}"
            return f"depuis {start}" if start else f"jusqu'à {end}"
    if facet == "quartier" and "|" in value:
        return quartier_parts(value)[1]
    return value


def chips(state: SearchState, result: SearchPage) -> list[dict[str, str]]:
    return [
        {
            "facet": FACET_LABELS[facet],
            "label": value_label(facet, value, result),
            "remove_url": state.toggle_url(facet, value),
        }
        for facet in FACETS
        for value in state.filters.get(facet, ())
    ]


def sort_values(values: tuple[FacetValue, ...], facet: str) -> list[FacetValue]:
    """Most articles first, then alphabetical by a collation key (É with E, not after Z);
    years newest first."""
    if facet == "year":
        return sorted(values, key=lambda v: v.value, reverse=True)
    return sorted(values, key=lambda v: (-v.count, collation_key(v.label), v.value))


def _items(state: SearchState, facet: str, values: list[FacetValue]) -> list[dict[str, Any]]:
    toggle_url = state.toggle_links(facet)
    chosen = state.filters.get(facet, ())
    return [
        {
            "value": v.value,
            "label": v.label,
            "count": v.count,
            "selected": v.selected or v.value in chosen,
            "url": toggle_url(v.value),
            "children": [],
        }
        for v in values
    ]


def _nest_themes(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Children under their parent when the parent is listed; the others stay at the top."""
    parents = theme_parents()
    by_value = {item["value"]: item for item in items}
    top = []
    for item in items:
        parent = by_value.get(parents.get(item["value"], ""))
        if parent is not None:
            parent["children"].append(item)
        else:
            top.append(item)
    return top


def groups(state: SearchState, result: SearchPage) -> list[dict[str, Any]]:
    found = []
    for facet in FACETS:
        values = sort_values(result.facets.get(facet, ()), facet)
        if not values:
            continue
        chosen = state.filters.get(facet, ())
        # Links only for what is listed: a long group has thousands of values.
        items = _items(state, facet, [v for n, v in enumerate(values)
                                      if n < FACET_LISTED or v.selected or v.value in chosen])
        if facet == "theme":
            items = _nest_themes(items)
        # Selected values always stay visible, whatever their count.
        visible = [i for n, i in enumerate(items) if n < FACET_VISIBLE or i["selected"]]
        hidden = [i for n, i in enumerate(items) if n >= FACET_VISIBLE and not i["selected"]]
        found.append({
            "facet": facet,
            "param": FACET_TO_PARAM[facet],
            "label": FACET_LABELS[facet],
            "visible": visible,
            "hidden": hidden,
            "hidden_label": plural(len(hidden), "autre valeur", "autres valeurs"),
            "all_url": (url_for("search.facet_all_values", groupe=FACET_TO_PARAM[facet],
                                **state.args(page=1))
                        if facet in LONG_GROUPS and len(values) > FACET_VISIBLE else None),
            "years": sorted(int(v.value) for v in values if v.value.isdigit())
            if facet == "year" else [],
        })
    return found


def hidden_fields(state: SearchState, skip: str | None = None) -> Markup:
    """The search state as hidden inputs, for a form that changes one part of it (the year
    range form leaves the years out: it states the whole range). Built here rather than
    by a macro: the page holds several such forms."""
    pairs = [("q", state.text)] if state.text else []
    pairs += [(FACET_TO_PARAM[facet], value) for facet in FACETS if facet != skip
              for value in state.filters.get(facet, ())]
    if state.sort == "date":
        pairs.append(("tri", "date"))
    return Markup("").join(
        Markup('<input type="hidden" name="{}" value="{}">\n').format(name, value)
        for name, value in pairs)


def year_bounds(state: SearchState) -> tuple[int | None, int | None]:
    """The chosen range, to preselect the form's two fields."""
    for value in state.filters.get("year", ()):
        bounds = year_range(value)
        if bounds:
            return bounds
    return None, None


def timeline(result: SearchPage) -> list[dict[str, Any]]:
    """One bar per year, first to last, empty years included, heights in percent."""
    counts = {int(v.value): v.count for v in result.facets.get("year", ())
              if v.value.isdigit() and v.count}
    if not counts:
        return []
    peak = max(counts.values())
    return [{"year": year, "count": counts.get(year, 0),
             "height": round(100 * counts.get(year, 0) / peak, 1)}
            for year in range(min(counts), max(counts) + 1)]


def all_values(state: SearchState, result: SearchPage, facet: str, wanted: str
               ) -> list[dict[str, Any]]:
    """Every value of one facet for this search, those whose label holds `wanted`
    (accents and case ignored), alphabetical."""
    key = collation_key(wanted)[0]
    values = [v for v in result.facets.get(facet, ()) if key in collation_key(v.label)[0]]
    values.sort(key=lambda v: (collation_key(v.label), v.value))
    return _items(state, facet, values)
