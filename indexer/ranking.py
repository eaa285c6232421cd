"""Precision of a query with several words: which articles count, and in what order.

Every word is required (AND). Among the articles holding every word, those where the words
stand side by side in the order typed (the phrase) come first, then those where they stand
near each other, then the rest; BM25F orders each tier. When the words together find
nothing or very little (less than a page), the articles holding only some of them fill the
page apart ("Résultats approchants"), most words first: they never count in the total.
Measured on the judged queries (bench/bench_ranking.py, text only): nDCG@10 0.912, against
0.917 when partial matches were mixed into the ranking and counted.

Positions are read from the same per-term occurrence arrays that phrase matching uses
(`docnum << 32 | position`, sorted), so proximity costs a few vectorised searches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from indexer.querying import ParsedQuery

NEAR_WINDOW = 8  # words apart, at most, for "near each other"
COVERAGE_WEIGHT = 1000.0  # one more query word found outranks any BM25F difference

Occurrences = Callable[[str], np.ndarray]


def typed_terms(parsed: ParsedQuery) -> tuple[str, ...]:
    """The positive terms as typed, in order (a quoted phrase gives all its words)."""
    return tuple(term for clause in parsed.positive for term in clause.alternatives[0])


def has_proximity(parsed: ParsedQuery) -> bool:
    """Proximity ranks a query of several clauses; one word or one phrase has none."""
    return len(parsed.positive) > 1 and len(set(typed_terms(parsed))) > 1


def near_docnums(occurrences: Occurrences, terms: Sequence[str],
                 window: int = NEAR_WINDOW) -> np.ndarray:
    """Docnums where some occurrence of the first term has every other term within
    `window` positions (either side)."""
    first = occurrences(terms[0])
    keep = np.ones(len(first), dtype=bool)
    for term in dict.fromkeys(terms[1:]):
        if term == terms[0]:
            continue
        found = occurrences(term)
        if not len(found):
            return np.zeros(0, dtype=np.int64)
        low = np.searchsorted(found, first - window, side="left")
        high = np.searchsorted(found, first + window, side="right")
        keep &= high > low
    return np.unique(first[keep] >> 32)


def tiers(matched: int, phrase: int, near: int) -> list[int]:
    """The articles holding every word split best first: phrase, near, the rest."""
    phrase &= matched
    near &= matched & ~phrase
    rest = matched & ~phrase & ~near
    return [mask for mask in (phrase, near, rest) if mask]


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
