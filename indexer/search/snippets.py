"""Snippets: the window of an article that best shows the query's words."""

from __future__ import annotations

import html
import re

from indexer.analysis import iter_terms
from indexer.api import ArticleRecord

SNIPPET_WORDS = 36


def make_snippet(record: ArticleRecord, terms: set[str], words: int = SNIPPET_WORDS) -> str:
    """A window of the article with the most query terms, HTML-escaped, terms in <mark>."""
    text = "\n".join(p for p in (record.lead, record.text) if p) or record.title
    tokens = list(iter_terms(text, mode="query"))
    if not tokens:
        return html.escape(text[:240])
    hits = [i for i, token in enumerate(tokens) if token[0] in terms]
    start_token = 0
    if hits:
        best = max(hits, key=lambda i: len({tokens[j][0] for j in hits if i <= j < i + words}))
        start_token = max(0, best - 3)
    end_token = min(len(tokens), start_token + words) - 1
    start = 0 if start_token == 0 else tokens[start_token][2]
    end = len(text) if end_token == len(tokens) - 1 else tokens[end_token][3]
    marked = {i for i in hits if start_token <= i <= end_token}
    parts = ["… " if start else ""]
    cursor = start
    for i in sorted(marked):
        _, _, token_start, token_end = tokens[i]
        parts.append(html.escape(text[cursor:token_start]))
        parts.append(f"<mark>{html.escape(text[token_start:token_end])}</mark>")
        cursor = token_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def snippet_text(snippet_html: str) -> str:
    """The snippet for a terminal: marks removed, entities decoded."""
    return html.unescape(re.sub(r"</?mark>", "", snippet_html))
