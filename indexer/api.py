"""What the search service takes and returns: plain values shared by the CLI and the web UI.

No Whoosh object appears here, so the web UI and the CLI never depend on the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal


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


# --- The stored article record ----------------------------------------------------------
#
# What the index stores of each article (the JSON `kb.serialize.article_record` builds,
# plus `sources`), as the search service hands it to the web UI and the CLI. These types
# are the index's own, not kb.models': the record is a stored format that outlives the
# code which wrote it (older generations lack keys added since), it holds less than the
# model (no mentions, an issue without its provenance) and, for a few values, in another
# order (a commune's name before its INSEE code). Its readers — pages, feeds, exports —
# need only this module, never the pipeline's models. The `Record` prefix keeps them apart
# from kb.models' CommuneRef, PersonRef… in code that sees both.


@dataclass(frozen=True, slots=True)
class RecordIssue:
    id: str  # "resonances-n57"
    number: int | None = None
    date: str | None = None  # ISO: YYYY-MM-DD or YYYY-MM
    title: str = ""


@dataclass(frozen=True, slots=True)
class RecordCommune:
    name: str
    insee: str
    departement: str = ""  # "95"
    epci: str | None = None


@dataclass(frozen=True, slots=True)
class RecordOrganisation:
    name: str
    acronym: str | None = None


@dataclass(frozen=True, slots=True)
class RecordPerson:
    name: str
    role: str | None = None
    communes: tuple[str, ...] = ()  # INSEE codes
    organisation: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class RecordTheme:
    id: str
    label: str
    reason: str = ""


def _known(kind: type, data: Mapping[str, Any]) -> dict[str, Any]:
    """The keys of `data` that are fields of `kind` (a newer writer's extra keys dropped)."""
    names = {f.name for f in fields(kind)}
    return {key: value for key, value in data.items() if key in names}


def _as_json(value: Any) -> Any:
    """Tuples back to lists, as the stored JSON has them."""
    if isinstance(value, tuple | list):
        return [_as_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One stored article. Fields are in the stored JSON's order, so `to_json()` gives
    back that JSON key for key; a field's default is what a record lacking its key (from
    an older index generation) reads as."""

    id: str
    issue: RecordIssue = RecordIssue("")
    source: str = ""  # the file it was first read from, path as given
    format: str = ""  # "pdf", "html", "text", "docx", "odt"
    pages: tuple[int, ...] = ()
    position: int = 0  # order within the issue, from 0
    section: str | None = None
    kind: str | None = None  # rubric
    kind_detail: str | None = None
    heading: str | None = None
    title: str = ""
    lead: str = ""
    text: str = ""
    subheadings: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    communes: tuple[RecordCommune, ...] = ()
    departements: tuple[str, ...] = ()
    quartiers: tuple[str, ...] = ()  # quartier keys: "78361|Val Fourré"
    organisations: tuple[RecordOrganisation, ...] = ()
    people: tuple[RecordPerson, ...] = ()
    themes: tuple[RecordTheme, ...] = ()
    sources: tuple[str, ...] = ()  # every file the article was read from (indexer)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ArticleRecord:
        """The record from its stored JSON (decoded): the one place it is read."""
        values = _known(cls, data)
        for name in ("pages", "subheadings", "items", "links", "emails", "contacts",
                     "departements", "quartiers", "sources"):
            if name in values:
                values[name] = tuple(values[name] or ())
        if "issue" in values:
            values["issue"] = RecordIssue(**_known(RecordIssue, values["issue"] or {"id": ""}))
        for name, kind in (("communes", RecordCommune), ("organisations", RecordOrganisation),
                           ("themes", RecordTheme)):
            if name in values:
                values[name] = tuple(kind(**_known(kind, item)) for item in values[name] or ())
        if "people" in values:
            values["people"] = tuple(
                RecordPerson(**{**_known(RecordPerson, person),
                                "communes": tuple(person.get("communes") or ())})
                for person in values["people"] or ())
        for name in ("source", "format", "title", "lead", "text"):
            if values.get(name, "") is None:
                values[name] = ""
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready values: the stored keys, in their order."""
        return _as_json(asdict(self))


@dataclass(frozen=True, slots=True)
class IssueSummary:
    """One issue of the index, as the issue lists show it."""

    id: str
    number: int | None
    date: str | None
    title: str
    label: str  # "Résonances n°57, mai 2021"
    articles: int
    sources: tuple[str, ...]  # its files, as the manifest lists them, sorted
