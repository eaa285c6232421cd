"""The order of the hits: by relevance (BM25F, then proximity tiers), the partial matches
apart, or by date."""

from __future__ import annotations

import numpy as np

from indexer import ranking
from indexer.api import Hit
from indexer.querying import ParsedQuery
from indexer.search.bitmaps import mask_to_bools
from indexer.search.generation import Generation
from indexer.search.hits import hit


def top_scored(docnums: np.ndarray, scores: np.ndarray, limit: int
               ) -> list[tuple[int, float]]:
    """The `limit` best (docnum, score), best first, ties to the lower docnum (as Whoosh)."""
    if len(docnums) > limit:
        cut = len(scores) - limit
        kth = np.partition(scores, cut)[cut]
        keep = scores >= kth
        docnums, scores = docnums[keep], scores[keep]
    order = np.lexsort((docnums, -scores))[:limit]
    return [(int(d), float(s)) for d, s in zip(docnums[order], scores[order], strict=True)]


def ranked(generation: Generation, parsed: ParsedQuery, matched: int,
           scores: np.ndarray, wanted: int) -> list[tuple[int, float]]:
    """The best `wanted` articles holding every word: by BM25F, then the best of them
    put in tiers, the phrase first, the words near each other next (ranking.py)."""
    if not matched:
        return []
    docnums = np.flatnonzero(mask_to_bools(matched, generation.size))
    if not ranking.has_proximity(parsed):
        return top_scored(docnums, scores[docnums], wanted)
    ordered = top_scored(docnums, scores[docnums], max(wanted, ranking.PROXIMITY_POOL))
    # Only the best PROXIMITY_POOL are put in tiers, whatever `wanted`: so every page (and
    # the CSV of all the hits) cuts the same order, and no article shows on two pages.
    pool, rest = ordered[:ranking.PROXIMITY_POOL], ordered[ranking.PROXIMITY_POOL:]
    terms = ranking.typed_terms(parsed)
    ids = sorted(d for d, _ in pool)
    found = {term: generation.positions_in(term, ids) for term in set(terms)}
    tiers = {d: ranking.tier([found[term].get(d, ()) for term in terms]) for d in ids}
    pool.sort(key=lambda item: tiers[item[0]])  # stable: BM25F order within a tier
    return (pool + rest)[:wanted]


def approximate(generation: Generation, parsed: ParsedQuery, partial: int,
                scores: np.ndarray | None, limit: int, terms: set[str]
                ) -> tuple[Hit, ...]:
    """Articles holding some of the words, most words first, then by BM25F."""
    if scores is None:
        scores = generation.scores(parsed.scoring_parts())
    docnums = np.flatnonzero(mask_to_bools(partial, generation.size))
    clause_masks = [mask_to_bools(generation.clause_mask(c), generation.size)[docnums]
                    for c in parsed.positive]
    ranked = top_scored(docnums, ranking.approximate_scores(scores[docnums], clause_masks),
                        limit)
    return tuple(hit(generation, d, float(scores[d]), terms) for d, _ in ranked)


def by_date(generation: Generation, mask: int, wanted: int) -> list[int]:
    if not mask:
        return []
    order = generation.date_array()
    allowed_in_order = mask_to_bools(mask, generation.size)[order]
    return order[np.flatnonzero(allowed_in_order)[:wanted]].tolist()
