"""Snippets: the window of an article that best shows the query's words."""

from __future__ import annotations

import html
import re

from indexer.analysis import iter_terms
from indexer.api import ArticleRecord

SNIPPET_WORDS = 36


def make_snippet(record: ArticleRecord, terms: set[str], words: int = SNIPPET_WORDS) -> str:
    """A window of the article with the most query terms, HTML-escaped, terms in <mark>:
    the first of the windows of `words` tokens starting at a query term that holds the
    most distinct terms (the start of the text when none is there)."""
    text = "\n".join(p for p in (record.lead, record.text) if p) or record.title
    tokens, hits, best = _best_window(text, terms, words)
    if not tokens:
        return html.escape(text[:240])
    start_token = max(0, best - 3) if best is not None else 0
    end_token = min(len(tokens), start_token + words) - 1
    start = 0 if start_token == 0 else tokens[start_token][2]
    # `tokens` stops one past the window unless the text ended: then the window runs to it
    end = len(text) if end_token == len(tokens) - 1 else tokens[end_token][3]
    marked = [i for i in hits if start_token <= i <= end_token]
    parts = ["… " if start else ""]
    cursor = start
    for i in marked:
        _, _, token_start, token_end = tokens[i]
        parts.append(html.escape(text[cursor:token_start]))
        parts.append(f"<mark>{html.escape(text[token_start:token_end])}</mark>")
        cursor = token_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _best_window(text: str, terms: set[str], words: int
                 ) -> tuple[list[tuple[str, int, int, int]], list[int], int | None]:
    """(tokens read, indexes of the query terms among them, the best window's first hit).

    Analysing a whole article costs ~0.7 ms (a page of 10 hits, a CSV of thousands), so
    the text is read only as far as needed: once a window holds every query term, no later
    one can beat it, and reading stops one token past it. The answer is the one reading
    everything gives (tests/test_search_snippets.py checks it against that)."""
    tokens: list[tuple[str, int, int, int]] = []
    hits: list[int] = []
    best: int | None = None
    best_count = 0
    counted = 0  # hits whose window has been counted

    def count(first: int) -> int:
        start = hits[first]
        return len({tokens[j][0] for j in hits[first:] if j < start + words})

    def settle(through: int) -> None:
        """Count, in order, the windows complete once `through` tokens are read."""
        nonlocal counted, best, best_count
        while counted < len(hits) and hits[counted] + words <= through:
            found = count(counted)
            if found > best_count:
                best, best_count = hits[counted], found
            counted += 1

    stream = iter_terms(text, mode="query")
    for token in stream:
        tokens.append(token)
        if token[0] in terms:
            hits.append(len(tokens) - 1)
        settle(len(tokens))
        if best_count == len(terms):  # every term in one window: none can do better
            break
    else:  # the text ended: the last windows are cut short by it
        while counted < len(hits):
            settle(hits[counted] + words)
        return tokens, hits, best
    start_token = max(0, best - 3) if best is not None else 0
    while len(tokens) <= start_token + words:  # one token past the window: where it ends
        token = next(stream, None)
        if token is None:
            break
        tokens.append(token)
        if token[0] in terms:
            hits.append(len(tokens) - 1)
    return tokens, hits, best


def snippet_text(snippet_html: str) -> str:
    """The snippet for a terminal: marks removed, entities decoded."""
    return html.unescape(re.sub(r"</?mark>", "", snippet_html))
