"""Warming a generation before it serves, so that its first queries are as fast as the next.

A generation's per-term arrays, facet bitmaps and sort orders are read from Whoosh on first
use, in Python: at 10,000 articles a frequent word costs a few milliseconds to load and its
positions ~15 ms, every facet ~50 ms, and a cold results page was p95 144 ms against ~10 ms
warm. Loading costs grow with a term's document frequency, so warming reads, within a share
of each cache's byte budget:
- the per-generation arrays every page needs (lengths, reading positions, date order) and
  every facet's bitmaps;
- the terms the previous generation was asked for (what this archive's readers search),
  then the most frequent terms of the new one (the costly ones to load);
- the positions (for phrases and proximity) of the previous generation's phrase words, then
  of the most frequent terms.
The service warms a new generation in a background thread and keeps serving the previous
one until it is done (indexer/search/service.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from indexer.api import FACETS
from indexer.schema import MATCH_FIELD
from indexer.search.generation import Generation

WARM_TERMS = 256  # most frequent terms whose scores and bitmaps are loaded
WARM_POSITIONS = 64  # most frequent terms whose positions are loaded
CACHE_SHARE = 0.5  # warming fills at most this share of a cache, leaving room for queries


@dataclass(frozen=True, slots=True)
class HotTerms:
    """What a generation has been asked for: its cached terms and phrases' words, the
    least recently used first."""

    terms: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()


def hot_terms(generation: Generation) -> HotTerms:
    return HotTerms(generation.impact_cache.keys(), generation.occurrence_cache.keys())


def warm(generation: Generation, hot: HotTerms = HotTerms()) -> None:
    generation.lengths()
    generation.date_array()
    for facet in FACETS:
        generation.facet_masks(facet)
    frequent = frequent_terms(generation, max(WARM_TERMS, WARM_POSITIONS))
    # the most recently used first: they go in before the share of the cache runs out
    _load(generation, [*reversed(hot.terms), *frequent[:WARM_TERMS]], positions=False)
    _load(generation, [*reversed(hot.positions), *frequent[:WARM_POSITIONS]], positions=True)


def frequent_terms(generation: Generation, count: int) -> list[str]:
    """The `count` terms of the scored field with the most occurrences (Whoosh's
    `most_frequent_terms`: close to those in the most articles, the costliest to load)."""
    with generation.reading() as searcher:
        reader = searcher.reader()
        return [term.decode("utf-8") if isinstance(term, bytes) else term
                for _, term in reader.most_frequent_terms(MATCH_FIELD, count)]


def _load(generation: Generation, terms: Iterable[str], positions: bool) -> None:
    cache = generation.occurrence_cache if positions else generation.impact_cache
    seen: set[str] = set()
    for term in terms:
        if term in seen:
            continue
        seen.add(term)
        if cache.bytes >= cache.max_bytes * CACHE_SHARE:
            return
        if positions:
            generation.occurrences(term)
        else:
            generation.alternative_mask((term,))  # loads its scores too
