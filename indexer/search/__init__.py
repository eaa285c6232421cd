"""SearchService: Query → SearchPage, for the CLI and the web UI alike.

Why it is fast although Whoosh is not:
- the set of matching articles is computed as bitmaps (Python ints): one per term of the
  `body` field, per phrase and per facet value, cached per index generation, then combined
  with `&`, `|` and counted with `int.bit_count()`. Facet counts are one AND and one
  popcount per value, instead of Whoosh walking every hit in Python;
- ranking does not walk Whoosh matchers either: each query term's BM25F contribution to
  every article that has it (Whoosh's own formula and statistics) is read once per
  generation from its postings into an array, so scoring the hits of a query is a few
  array additions and a partial sort (numpy), whatever the number of hits;
- snippets are made for the shown page only, from the stored record;
- one set of readers per generation, shared by all threads: a small pool of Whoosh
  searchers (they are not thread-safe; one per thread cost ~50 MB each), replaced when
  CURRENT names a newer generation, the old one closed once the last request using it
  ends. A server warms a new generation in the background (`warming`) and serves the
  previous one until then, so the first queries are as fast as the next.
No Whoosh object leaves this package.

Its modules, each one job: `service` (SearchService: generations served, a query answered),
`generation` (readers and per-generation caches), `warming` (what is loaded before a
generation serves), `bitmaps` (sets of articles as ints),
`cache` (the size-bounded array cache), `ordering` (relevance, partial matches, date),
`facets` (filters and counts), `corrections` (typo tolerance), `hits` and `snippets` (what a
results page shows of an article). Every name importable from `indexer.search` before the
split still is, from here.
"""

from __future__ import annotations

from indexer.search.bitmaps import (
    MaskSet,
    iter_bits,
    mask_from_array,
    mask_from_ids,
    mask_to_bools,
)
from indexer.search.cache import ArrayCache
from indexer.search.corrections import FEW_RESULTS
from indexer.search.facets import label_key
from indexer.search.generation import (
    IMPACT_CACHE_BYTES,
    OCCURRENCE_CACHE_BYTES,
    TERM_CACHE_SIZE,
)
from indexer.search.hits import hit_from_record
from indexer.search.ordering import top_scored
from indexer.search.service import SearchService
from indexer.search.snippets import SNIPPET_WORDS, make_snippet, snippet_text

__all__ = [
    "FEW_RESULTS",
    "IMPACT_CACHE_BYTES",
    "OCCURRENCE_CACHE_BYTES",
    "SNIPPET_WORDS",
    "TERM_CACHE_SIZE",
    "ArrayCache",
    "MaskSet",
    "SearchService",
    "hit_from_record",
    "iter_bits",
    "label_key",
    "make_snippet",
    "mask_from_array",
    "mask_from_ids",
    "mask_to_bools",
    "snippet_text",
    "top_scored",
]
