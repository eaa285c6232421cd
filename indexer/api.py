"""What the search service takes and returns: plain values shared by the CLI and the web UI.

No Whoosh object appears here, so the web UI and the CLI never depend on the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Facet:
    """One facet, declared once: the index field, the French URL parameter, the label
    people read, the shape a value must have in a URL (a regular expression, or None for
    free text), and whether entity pages list it among "related" values."""

    name: str
    param: str
    label: str
    value_format: str | None = None
    related: bool = False


# The facet registry, in the order the UI shows them. Schema, documents, search, web UI and
# CLI read it; adding a facet is one line here plus its values in indexer/documents.py.
FACET_REGISTRY: tuple[Facet, ...] = (
    Facet("theme", "theme", "Thème", related=True),
    Facet("commune", "commune", "Commune", r"\d[\dAB]\d{3}", related=True),
    Facet("departement", "departement", "Département", r"\d[\dAB]|97\d"),
    Facet("quartier", "quartier", "Quartier", related=True),
    # one year, or a range: `2019-2021`, `2019-`, `-2021` (either order)
    Facet("year", "annee", "Année", r"\d{4}|\d{4}\s*[-–]\s*(?:\d{4})?|[-–]\s*\d{4}"),
    Facet("section", "section", "Section"),
    Facet("kind", "rubrique", "Rubrique"),
    Facet("issue", "numero", "Numéro"),
    Facet("organisation", "organisation", "Organisation", related=True),
    Facet("person", "personne", "Personne", related=True),
)
FACETS: tuple[str, ...] = tuple(facet.name for facet in FACET_REGISTRY)

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
