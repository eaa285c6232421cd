"""The index schema and its version: changing either means a full rebuild."""

from __future__ import annotations

from whoosh import fields, formats

from indexer.analysis import ANALYZER_VERSION, FrenchAnalyzer, ValuesAnalyzer
from indexer.api import FACETS

# Bump when fields change; ANALYZER_VERSION is bumped when the analyzer's rules change.
SCHEMA_VERSION = f"1.{ANALYZER_VERSION}"

# Boosts applied at query time to the fields a word is looked up in.
# `entities` is left out: entity names are in `body` already, and every scored field is one
# more posting list Whoosh walks in Python per query.
FIELD_BOOSTS: dict[str, float] = {"title": 3.0, "lead": 1.5, "body": 1.0}
# `body` holds every searchable word of the article (title, lead, text, entity names), so
# the set of matching articles is read from it alone; the other fields only add score.
MATCH_FIELD = "body"
PLAIN_FIELD = "plain"  # unstemmed words: typo tolerance and "did you mean"


def _facet_field() -> fields.FieldType:
    return fields.FieldType(formats.Existence(), ValuesAnalyzer(), scorable=False, stored=False)


def build_schema() -> fields.Schema:
    stemmed = FrenchAnalyzer(stem=True)
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=stemmed, phrase=True),
        lead=fields.TEXT(analyzer=stemmed, phrase=True),
        body=fields.TEXT(analyzer=stemmed, phrase=True),
        entities=fields.TEXT(analyzer=stemmed, phrase=False),
        plain=fields.FieldType(formats.Existence(), FrenchAnalyzer(stem=False), scorable=False),
        date=fields.ID(sortable=True),
        position=fields.NUMERIC(sortable=True),
        record=fields.STORED(),
    )
    for facet in FACETS:
        schema.add(facet, _facet_field())
    return schema
