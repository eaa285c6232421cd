"""Precision of a query with several words: which articles count, and in what order.

Every word is required (AND). Among the articles holding every word, those where the words
stand side by side in the order typed (the phrase) come first, then those where they stand
near each other, then the rest; BM25F orders each tier. When the words together find
nothing or very little (less than a page), the articles holding only some of them fill the
page apart ("Résultats approchants"), most words first: they never count in the total.
Measured on the judged queries (bench/bench_ranking.py, text only): nDCG@10 0.912, against
0.917 when partial matches were mixed into the ranking and counted.

Proximity is judged on the best `PROXIMITY_POOL` articles by BM25F (or as many as the page
asked needs), from the positions of the query's terms in those articles (per-term arrays
decoded once per index generation, the ones phrase matching uses): judging every article
holding the words cost ~40 ms a query at 10,000 articles. A phrase match ranked below that
pool by BM25F keeps its BM25F place.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

import numpy as np

from indexer.querying import ParsedQuery

NEAR_WINDOW = 8  # words apart, at most, for "near each other"
PROXIMITY_POOL = 100  # articles re-ranked by proximity, best BM25F first
COVERAGE_WEIGHT = 1000.0  # one more query word found outranks any BM25F difference
PHRASE, NEAR, APART = 0, 1, 2


def typed_terms(parsed: ParsedQuery) -> tuple[str, ...]:
    """The positive terms as typed, in order (a quoted phrase gives all its words)."""
    return tuple(term for clause in parsed.positive for term in clause.alternatives[0])


def has_proximity(parsed: ParsedQuery) -> bool:
    """Proximity ranks a query of several clauses; one word or one phrase has none."""
    return len(parsed.positive) > 1 and len(set(typed_terms(parsed))) > 1


def tier(positions: Sequence[Sequence[int]], window: int = NEAR_WINDOW) -> int:
    """PHRASE, NEAR or APART, from the sorted positions of each query term (in typed order)
    in one article."""
    first, *others = positions
    later = [set(p) for p in others]
    if any(all(start + offset in found for offset, found in enumerate(later, start=1))
           for start in first):
        return PHRASE
    for start in first:
        if all(_within(found, start, window) for found in others):
            return NEAR
    return APART


def _within(positions: Sequence[int], at: int, window: int) -> bool:
    index = bisect_left(positions, at - window)
    return index < len(positions) and positions[index] <= at + window


def wants_approximate(total: int, per_page: int) -> bool:
    """"Nothing or very little": the articles with every word do not fill the first page.
    The partial matches then fill it, listed apart and never counted."""
    return total < per_page


def coverage(clause_masks: Sequence[np.ndarray]) -> np.ndarray:
    """How many of the query's clauses each article holds (one bool array per clause)."""
    return np.sum(np.vstack(clause_masks), axis=0) if clause_masks else np.zeros(0)


def approximate_scores(scores: np.ndarray, clause_masks: Sequence[np.ndarray]) -> np.ndarray:
    """Partial matches ranked by how many words they hold, then by BM25F."""
    return coverage(clause_masks) * COVERAGE_WEIGHT + scores
