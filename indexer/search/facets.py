"""Facets: the filters a query selects, and the count of every value over its hits."""

from __future__ import annotations

from functools import lru_cache

from indexer import filters as filter_values
from indexer.analysis import fold
from indexer.api import FACETS, FacetValue, Query
from indexer.search.generation import Generation

# Facet labels sorted as French reads them (É with E), the key computed once per label.
label_key = lru_cache(maxsize=65536)(fold)


def filter_masks(generation: Generation, query: Query) -> dict[str, int]:
    masks = {}
    for facet, values in query.filters.items():
        if facet not in FACETS or not values:
            continue
        by_value = generation.facet_masks(facet)
        mask = 0
        for value in values:
            for one in filter_values.expand(facet, value, by_value):
                mask |= by_value.get(one, 0)
        masks[facet] = mask
    return masks


def facet_counts(generation: Generation, query: Query, text_mask: int,
                 filters: dict[str, int]) -> dict[str, tuple[FacetValue, ...]]:
    """Counts per facet value. A facet's own selection is left out of its counts, so
    other values of it stay visible with what choosing them too (OR) would add."""
    labels = generation.manifest.labels
    facets: dict[str, tuple[FacetValue, ...]] = {}
    for facet in FACETS:
        base = text_mask
        for other, mask in filters.items():
            if other != facet:
                base &= mask
        selected = set(query.filters.get(facet, ()))
        values = []
        if base:
            for value, mask in generation.facet_masks(facet).items():
                count = (mask & base).bit_count()
                if count or value in selected:
                    values.append(FacetValue(value, labels.get(facet, {}).get(value, value),
                                             count, value in selected))
        values.sort(key=lambda v: (-v.count, label_key(v.label), v.value) if facet != "year"
                    else (v.value,), reverse=facet == "year")
        facets[facet] = tuple(values)
    return facets
