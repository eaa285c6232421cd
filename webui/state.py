"""The search state held by the URL: parsed once, validated, and turned back into links.

Every results page is a pure function of its query string, so links (facet toggles,
chip removal, sort, paging) are built here from the state rather than by templates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import quote_plus, unquote_to_bytes, urlencode

from flask import abort, current_app, g, url_for
from werkzeug.datastructures import MultiDict

from indexer.api import FACET_REGISTRY, FACETS, Query
from indexer.filters import range_value, year_range

# URL parameter (French, what people see in the address bar) -> facet name of the service;
# both, and the labels, from the one facet registry (indexer.api.FACET_REGISTRY).
PARAM_TO_FACET: dict[str, str] = {facet.param: facet.name for facet in FACET_REGISTRY}
FACET_TO_PARAM = {facet.name: facet.param for facet in FACET_REGISTRY}
FACET_LABELS: dict[str, str] = {facet.name: facet.label for facet in FACET_REGISTRY}

SORT_PARAM = {"pertinence": "relevance", "date": "date"}
KNOWN_PARAMS = {"q", "tri", "page", "annee_de", "annee_a", *PARAM_TO_FACET}
MAX_VALUES_PER_FACET = 20
MAX_VALUE_CHARS = 200

_VALUE_FORMATS = {facet.name: re.compile(facet.value_format) for facet in FACET_REGISTRY
                  if facet.value_format}
# The year-range form's two fields, folded into one `annee=2019-2021` value.
YEAR_FROM, YEAR_TO = "annee_de", "annee_a"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL_SAFE = ":/()"


@dataclass(frozen=True)
class SearchState:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    notice: str | None = None

    def query(self, per_page: int, page: int | None = None) -> Query:
        return Query(
            text=self.text,
            filters=dict(self.filters),
            sort=self.sort,  # type: ignore[arg-type]
            page=page or self.page,
            per_page=per_page,
        )

    @property
    def is_empty(self) -> bool:
        return not self.text and not self.filters

    def args(self, *, page: int | None = None) -> dict[str, object]:
        """URL parameters for this state; page 1 and relevance are left out (shorter links)."""
        params: dict[str, object] = {}
        if self.text:
            params["q"] = self.text
        for facet in FACETS:
            if self.filters.get(facet):
                params[FACET_TO_PARAM[facet]] = list(self.filters[facet])
        if self.sort == "date":
            params["tri"] = "date"
        wanted_page = self.page if page is None else page
        if wanted_page > 1:
            params["page"] = wanted_page
        return params

    def url(self, endpoint: str = "search.results", *, page: int | None = None) -> str:
        # A results page links hundreds of facet toggles: one url_for per endpoint, then
        # plain encoding, keeps that cheap.
        query = urlencode(self.args(page=page), doseq=True, safe=_URL_SAFE)
        path = _endpoint_path(endpoint)
        return f"{path}?{query}" if query else path

    def toggled(self, facet: str, value: str) -> SearchState:
        values = self.filters.get(facet, ())
        new_values = tuple(v for v in values if v != value) if value in values else (*values, value)
        filters = {f: v for f, v in self.filters.items() if f != facet}
        if new_values:
            filters[facet] = new_values
        return replace(self, filters=filters, page=1, notice=None)

    def toggle_url(self, facet: str, value: str) -> str:
        return self.toggled(facet, value).url()

    def toggle_links(self, facet: str) -> Callable[[str], str]:
        """`value -> toggle_url(facet, value)`, the same links, for the many values of one
        facet: what does not change (text, other facets, sort) is encoded once."""
        def pair(param: str, value: str) -> str:
            return f"{quote_plus(param, safe=_URL_SAFE)}={quote_plus(value, safe=_URL_SAFE)}"

        before: list[str] = [pair("q", self.text)] if self.text else []
        after: list[str] = []
        position = FACETS.index(facet)
        for index, other in enumerate(FACETS):
            if index != position:
                side = before if index < position else after
                side += [pair(FACET_TO_PARAM[other], v) for v in self.filters.get(other, ())]
        if self.sort == "date":
            after.append(pair("tri", "date"))
        param = FACET_TO_PARAM[facet]
        chosen = {v: pair(param, v) for v in self.filters.get(facet, ())}
        path = _endpoint_path("search.results")

        def link(value: str) -> str:
            own = ([encoded for v, encoded in chosen.items() if v != value] if value in chosen
                   else [*chosen.values(), pair(param, value)])
            query = "&".join([*before, *own, *after])
            return f"{path}?{query}" if query else path
        return link

    def sorted_by(self, sort: str) -> SearchState:
        return replace(self, sort=sort, page=1)

    def without_filters(self) -> SearchState:
        return replace(self, filters={}, page=1)

    def with_text(self, text: str) -> SearchState:
        return replace(self, text=text, page=1)


def _endpoint_path(endpoint: str) -> str:
    paths = g.setdefault("endpoint_paths", {})
    if endpoint not in paths:
        paths[endpoint] = url_for(endpoint)
    return paths[endpoint]


def bad_request(message: str):
    abort(400, description=message)


def check_query_encoding(raw_query_string: bytes) -> None:
    """Werkzeug silently replaces invalid UTF-8; a mangled query deserves a clear 400 instead."""
    try:
        unquote_to_bytes(raw_query_string.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        bad_request("L'adresse contient des caractères mal encodés (UTF-8 attendu).")


def clean_text(value: str) -> str:
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", value)).split())


def parse_state(args: MultiDict[str, str], raw_query_string: bytes = b"") -> SearchState:
    check_query_encoding(raw_query_string)
    # Parameters we do not know (utm_source=newsletter, fbclid…) are ignored, not refused:
    # shared links pick them up on the way and must keep working.

    notice = None
    text = clean_text(args.get("q", ""))
    limit = current_app.config["MAX_QUERY_CHARS"]
    if len(text) > limit:
        text = text[:limit].rstrip()
        notice = (
            f"Votre recherche était trop longue : seuls les {limit} premiers caractères "
            "ont été utilisés."
        )

    filters: dict[str, tuple[str, ...]] = {}
    for param, facet in PARAM_TO_FACET.items():
        values: list[str] = []
        for raw in args.getlist(param):
            value = clean_text(raw)
            if not value or value in values:
                continue
            if len(value) > MAX_VALUE_CHARS:
                bad_request(f"Valeur trop longue pour le filtre « {param} ».")
            pattern = _VALUE_FORMATS.get(facet)
            if pattern and not pattern.fullmatch(value):
                bad_request(f"Valeur invalide pour le filtre « {param} » : « {value[:50]} ».")
            values.append(value)
        if facet == "year":
            values = _with_year_range(values, args)
        if len(values) > MAX_VALUES_PER_FACET:
            bad_request(f"Trop de valeurs pour le filtre « {param} ».")
        if values:
            filters[facet] = tuple(values)

    sort_param = args.get("tri", "pertinence") or "pertinence"
    if sort_param not in SORT_PARAM:
        bad_request("Tri inconnu : choisissez « pertinence » ou « date ».")

    page = parse_page(args.get("page", "1"))
    return SearchState(
        text=text, filters=filters, sort=SORT_PARAM[sort_param], page=page, notice=notice
    )


def _with_year_range(values: list[str], args: MultiDict[str, str]) -> list[str]:
    """The range form's `annee_de` / `annee_a` become one range value, replacing any year
    chosen before (the form states the whole range). A bound that is not a year is
    ignored rather than refused: the query must survive a mistyped year."""
    bounds = []
    for param in (YEAR_FROM, YEAR_TO):
        raw = clean_text(args.get(param, ""))
        bounds.append(int(raw) if raw.isascii() and raw.isdigit() and len(raw) == 4 else None)
    start, end = bounds
    if start is None and end is None:
        return [year_value(v) for v in values]
    if start is not None and end is not None and start > end:
        start, end = end, start
    return [range_value(start, end)]


def year_value(value: str) -> str:
    """A range value written one way: `2021 - 2019` → `2019-2021`."""
    bounds = year_range(value)
    return value if bounds is None else range_value(*bounds)


def parse_page(raw: str) -> int:
    raw = raw.strip() or "1"
    max_page = current_app.config["MAX_PAGE"]
    if not raw.isascii() or not raw.isdigit() or len(raw) > 7:
        bad_request("Numéro de page invalide.")
    page = int(raw)
    if not 1 <= page <= max_page:
        bad_request(f"Numéro de page invalide : choisissez entre 1 et {max_page}.")
    return page
