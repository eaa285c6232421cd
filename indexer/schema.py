"""The index schema and its version: changing either means a full rebuild."""

from __future__ import annotations

from whoosh import fields, formats

from indexer.analysis import ANALYZER_VERSION, FrenchAnalyzer, ValuesAnalyzer
from indexer.api import FACETS

# Bump when fields change; ANALYZER_VERSION is bumped when the analyzer's rules change.
SCHEMA_VERSION = f"3.{ANALYZER_VERSION}"  # 3: place names weighted, gentilés

# One scored field, `body`: every searchable word of the article (title, lead, text,
# entity names). The title is written into it three times and the lead twice, which is how
# they weigh more. Whoosh's block-max top-N collector can only skip work on plain term
# matchers; an OR over several boosted fields per word makes it score every hit in Python.
MATCH_FIELD = "body"
TITLE_REPEAT = 3
LEAD_REPEAT = 2
PLAIN_FIELD = "plain"  # unstemmed words: typo tolerance and "did you mean"
# BM25F: less length normalisation than Whoosh's 0.75. Short pieces (a Mouvements list, a
# press line, a one-paragraph brief) otherwise outrank the article about the subject; on
# the judged queries (bench/bench_ranking.py) B 0.3-0.5 beat 0.75 and 0.9, K1 mattered little.
BM25_B = 0.5
BM25_K1 = 1.2


def _facet_field() -> fields.FieldType:
    return fields.FieldType(formats.Existence(), ValuesAnalyzer(), scorable=False, stored=False)


def build_schema() -> fields.Schema:
    stemmed = FrenchAnalyzer(stem=True)
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
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
