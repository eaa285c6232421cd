"""Facet values named in a query: "Sarcelles" typed is offered as the commune filter.

A label matches when its words (accents and case folded, the département in brackets
left out) appear side by side in the query. Longest names first, so "Mantes-la-Jolie"
is offered rather than a "Mantes" that would only be part of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from indexer.analysis import fold

OFFERED_FACETS = ("commune", "theme", "organisation", "person", "quartier")
MIN_NAME_CHARS = 3
_WORD = re.compile(r"[^\W_]+")
_BRACKETS = re.compile(r"\s*\([^)]*\)\s*$")


def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


def label_index(labels: Mapping[str, Mapping[str, str]]
                ) -> dict[tuple[str, ...], list[tuple[str, str, str]]]:
    """Folded label words -> [(facet, value, label)], built once per index generation."""
    index: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    for facet in OFFERED_FACETS:
        for value, label in labels.get(facet, {}).items():
            name = _BRACKETS.sub("", label)
            key = words(name)
            if key and len(" ".join(key)) >= MIN_NAME_CHARS:
                index.setdefault(key, []).append((facet, value, label))
    return index


def named_in(text: str, index: Mapping[tuple[str, ...], list[tuple[str, str, str]]],
             limit: int = 3) -> list[tuple[str, str, str]]:
    """(facet, value, label) of the values whose name the query holds, longest first."""
    typed = words(text)
    found: list[tuple[str, str, str]] = []
    taken: set[int] = set()
    longest = max((len(k) for k in index), default=0)
    for size in range(min(longest, len(typed)), 0, -1):
        for start in range(len(typed) - size + 1):
            span = set(range(start, start + size))
            if span & taken:
                continue
            for entry in index.get(typed[start:start + size], ()):
                if entry not in found:
                    found.append(entry)
                    taken |= span
    return found[:limit]
