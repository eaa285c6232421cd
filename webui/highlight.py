"""Which boxes of a PDF page hold the searched words.

A word of the page matches when the index's own French analyzer turns it into one of the
query's terms, so what is highlighted is what the search matched (`habitant·e·s`, `jeunes`
and `Jeune` alike).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from indexer.analysis import iter_terms
from webui.pageimages import PageWords

MAX_QUERY_CHARS = 500
PAD = 1.0  # points around each highlighted word


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    width: float
    height: float


def query_terms(text: str) -> frozenset[str]:
    """The terms of a query, words to exclude (`-mot`) left out."""
    kept = " ".join(
        word for word in (text or "")[:MAX_QUERY_CHARS].replace('"', " ").split()
        if not word.startswith("-")
    )
    return frozenset(term for term, _, _, _ in iter_terms(kept, mode="query"))


def boxes(page: PageWords, terms: frozenset[str]) -> list[Box]:
    if not terms:
        return []
    found = []
    for word in page.words:
        for term, _, start, end in iter_terms(word.text, mode="query"):
            if term not in terms:
                continue
            if len(word.edges) == len(word.text) + 1:
                x0, x1 = word.edges[start], word.edges[end]
            else:
                x0, x1 = word.edges[0], word.edges[-1]
            height = word.bottom - word.top + 2 * PAD
            found.append(Box(round(x0 - PAD, 1), round(word.top - PAD, 1),
                             round(x1 - x0 + 2 * PAD, 1), round(height, 1)))
    return found


def mark_terms(text: str, terms: frozenset[str]) -> Markup:
    """`text` escaped, with the words whose term is searched in <mark>."""
    if not terms or not text:
        return escape(text or "")
    parts: list[str] = []
    cursor = 0
    for term, _, start, end in iter_terms(text, mode="query"):
        if term in terms and start >= cursor:
            parts += [str(escape(text[cursor:start])),
                      f"<mark>{escape(text[start:end])}</mark>"]
            cursor = end
    parts.append(str(escape(text[cursor:])))
    return Markup("".join(parts))
