"""EnrichedArticle → index fields: the one mapping from the model to the index."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from indexer.analysis import VALUE_SEPARATOR
from indexer.api import FACETS
from indexer.schema import LEAD_REPEAT, TITLE_REPEAT
from kb.citation import issue_label
from kb.gazetteer import load_gazetteer
from kb.models import EnrichedArticle, quartier_parts
from kb.serialize import article_record


@dataclass(frozen=True, slots=True)
class IndexDocument:
    fields: dict[str, Any]
    labels: dict[str, dict[str, str]]  # facet -> value -> label, for facet display


def facet_values(enriched: EnrichedArticle) -> dict[str, dict[str, str]]:
    """facet -> {value: label} for one article; values are what filters use."""
    article = enriched.article
    issue = article.issue
    values: dict[str, dict[str, str]] = {facet: {} for facet in FACETS}
    for theme in enriched.themes:
        values["theme"][theme.id] = theme.label
    departement_names = load_gazetteer().departements
    names_by_insee = {}
    for commune in enriched.communes:
        names_by_insee[commune.insee] = commune.name
        values["commune"][commune.insee] = f"{commune.name} ({commune.departement})"
        values["departement"][commune.departement] = departement_names.get(
            commune.departement, commune.departement)
    for code in enriched.departements:
        values["departement"][code] = departement_names.get(code, code)
    for quartier in enriched.quartiers:  # "78361|Val Fourré"
        insee, name = quartier_parts(quartier)
        commune = names_by_insee.get(insee)
        values["quartier"][quartier] = f"{name} ({commune})" if commune else name
    if issue.year:
        values["year"][str(issue.year)] = str(issue.year)
    if article.section:
        values["section"][article.section] = article.section
    if article.kind:
        values["kind"][article.kind] = article.kind
    values["issue"][issue.id] = issue_label(issue.number, issue.date, issue.title)
    for organisation in enriched.organisations:
        values["organisation"][organisation.name] = organisation.name
    for person in enriched.people:
        values["person"][person.name] = person.name
    return values


FOCUSED_PLACES = 2  # an article linked to this many communes or fewer is about them
FOCUS_REPEAT = 2  # …and their names weigh as much as a word of its lead


@cache
def _gentiles_by_insee() -> dict[str, tuple[str, ...]]:
    by_insee: dict[str, list[str]] = {}
    for gentile in load_gazetteer().gentiles:
        by_insee.setdefault(gentile.insee, []).append(gentile.stem)
    return {insee: tuple(stems) for insee, stems in by_insee.items()}


def place_names(enriched: EnrichedArticle) -> list[str]:
    """Names of the article's communes, with their inhabitants' names (`Sarcelles` for a
    text that only says `sarcellois`, and the other way round). An article about one or
    two places repeats them: a list naming ten communes in passing (Mouvements, Dans la
    presse) should not outrank the article set in the town."""
    gentiles = _gentiles_by_insee()
    names = [name for commune in enriched.communes
             for name in (commune.name, *gentiles.get(commune.insee, ()))]
    if 0 < len(enriched.communes) <= FOCUSED_PLACES:
        return names * FOCUS_REPEAT
    return names


def entity_text(enriched: EnrichedArticle) -> str:
    names: list[str] = place_names(enriched)
    names += [quartier_parts(q)[1] for q in enriched.quartiers]
    for organisation in enriched.organisations:
        names.append(organisation.name)
        if organisation.acronym:
            names.append(organisation.acronym)
    names += [p.name for p in enriched.people]
    names += [t.label for t in enriched.themes]
    return "\n".join(names)


def to_document(enriched: EnrichedArticle, sources: Sequence[str] = ()) -> IndexDocument:
    """The fields of one article. `sources` lists every file the article was read from."""
    article = enriched.article
    record = article_record(enriched)
    record["sources"] = sorted(set(sources) or {article.source})
    entities = entity_text(enriched)
    body = "\n\n".join(part for part in (
        article.heading, *[article.title] * TITLE_REPEAT, *[article.lead] * LEAD_REPEAT,
        *article.subheadings, article.text, *article.contacts, entities,
    ) if part)
    plain = "\n\n".join(part for part in (article.title, article.lead, article.text) if part)
    labels = facet_values(enriched)
    fields: dict[str, Any] = {
        "id": article.id,
        "body": body,
        "entities": entities,
        "plain": plain,
        "date": article.issue.date or "",
        "position": article.position,
        "record": json.dumps(record, ensure_ascii=False, separators=(",", ":")),
    }
    for facet, values in labels.items():
        if values:
            fields[facet] = VALUE_SEPARATOR.join(values)
    return IndexDocument(fields, labels)
