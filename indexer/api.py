"""What the search service takes and returns: plain values shared by the CLI and the web UI.

No Whoosh object appears here, so the web UI and the CLI never depend on the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Facet fields a query can be narrowed by, in the order the UI shows them.
FACETS: tuple[str, ...] = (
    "theme", "commune", "departement", "quartier", "year", "section", "kind",
    "issue", "organisation", "person",
)

SortOrder = Literal["relevance", "date"]


@dataclass(frozen=True, slots=True)
class Query:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values (OR-ed)
    sort: SortOrder = "relevance"
    page: int = 1
    per_page: int = 10


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str  # what filters use: theme id, INSEE code, "95", "2021"…
    label: str  # what people read: "Santé", "Sarcelles (95)"…
    count: int
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    issue_id: str
    issue_number: int | None
    date: str | None
    section: str | None
    kind: str | None
    heading: str | None
    pages: tuple[int, ...]
    source: str
    score: float
    snippet_html: str  # escaped text with <mark> around matched terms; safe to render
    communes: tuple[tuple[str, str], ...]  # (INSEE, name)
    themes: tuple[tuple[str, str], ...]  # (id, label)


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: Query
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetValue, ...]]
    suggestion: str | None = None  # "did you mean", only when it has results
    corrected: bool = False  # results came from typo tolerance
    notice: str | None = None  # e.g. the query was cut because too long
    # Articles holding only some of the words, offered apart when those holding every word
    # are few ("Résultats approchants"); never counted in `total`.
    approximate: tuple[Hit, ...] = ()

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))
