"""Typo tolerance: the query with its unknown (or, with few results, rare) words replaced
by the nearest words of the index."""

from __future__ import annotations

import re

from indexer.analysis import analyze
from indexer.querying import ParsedQuery
from indexer.schema import MATCH_FIELD
from indexer.search.generation import Generation
from indexer.spelling import Budget

FEW_RESULTS = 3  # below this many hits, typo tolerance kicks in


def corrected_text(generation: Generation, parsed: ParsedQuery,
                   every_word: bool) -> str | None:
    """The query with unknown words (or, with few results, rare ones) corrected."""
    with generation.reading() as searcher:
        return _corrected(generation, searcher.reader(), parsed, every_word)


def _corrected(generation: Generation, reader, parsed: ParsedQuery,
               every_word: bool) -> str | None:
    text = parsed.text
    changed = False
    budget = Budget()
    for clause in parsed.positive:
        if not clause.is_word:
            continue
        (term,) = clause.alternatives[0]
        frequency = reader.doc_frequency(MATCH_FIELD, term)
        if frequency and not (every_word and frequency < FEW_RESULTS):
            continue
        plain = analyze(clause.raw, stem=False)
        if len(plain) != 1 or len(plain[0]) < 4:
            continue
        best = generation.speller.closest(reader, plain[0], budget)
        if best:
            text = re.sub(re.escape(clause.raw), best, text, count=1)
            changed = True
    return text if changed else None
