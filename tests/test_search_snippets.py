"""Snippets (indexer/search/snippets.py) read an article only as far as their window needs;
the answer must be the one reading it all gives: checked against that reading, kept here."""

from __future__ import annotations

import html
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic import synthetic_archive
from indexer.analysis import iter_terms
from indexer.api import ArticleRecord
from indexer.search import snippets
from indexer.search.snippets import SNIPPET_WORDS, make_snippet


def whole_reading(record: ArticleRecord, terms: set[str], words: int = SNIPPET_WORDS) -> str:
    """The snippet as first written: every token of the article read, then the window."""
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


RECORDS = [ArticleRecord(id=item.article.id, title=item.article.title, lead=item.article.lead,
                         text=item.article.text) for item in synthetic_archive(40, seed=11)]


def vocabulary(record: ArticleRecord) -> list[str]:
    return sorted({t[0] for t in iter_terms(f"{record.lead}\n{record.text}", mode="query")})


@pytest.mark.parametrize("number", range(len(RECORDS)))
def test_the_window_is_the_one_a_whole_reading_finds(number: int) -> None:
    record = RECORDS[number]
    words = vocabulary(record)
    rng = random.Random(number)
    cases = [set(), {"absentmot"}, {words[0]}, set(rng.sample(words, 2)),
             set(rng.sample(words, 3)), {*rng.sample(words, 2), "absentmot"},
             set(rng.sample(words, 6))]
    for terms in cases:
        for size in (SNIPPET_WORDS, 5, 1):
            assert make_snippet(record, terms, size) == whole_reading(record, terms, size), \
                (terms, size)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["santé", "jeunes", "emploi", "x", "<b>", "&", "habitant·e·s",
                                 "quartier", "\n", "REP+", "l'école", ""]), max_size=60),
       st.sets(st.sampled_from(["sante", "jeun", "emploi", "x", "repplus", "habitant",
                                "quarti", "ecol"]), max_size=4),
       st.integers(min_value=1, max_value=12))
def test_any_text_any_terms_any_width(parts, terms, words) -> None:
    record = ArticleRecord(id="a", title="Titre", text=" ".join(parts))
    assert make_snippet(record, terms, words) == whole_reading(record, terms, words)


def test_reading_stops_early_when_a_window_holds_every_term(monkeypatch) -> None:
    long = ArticleRecord(id="a", lead="La santé des jeunes.", text=" mot" * 5000)
    read = []
    original = snippets.iter_terms

    def counting(text, **kwargs):
        for token in original(text, **kwargs):
            read.append(token)
            yield token

    monkeypatch.setattr(snippets, "iter_terms", counting)
    snippet = make_snippet(long, {"sante", "jeune"})
    assert snippet.startswith("La <mark>santé</mark> des <mark>jeunes</mark>.")
    assert len(read) == SNIPPET_WORDS + 1  # the window and one more, not the 5,000 after
