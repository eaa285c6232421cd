"""Records → hits: what a results page shows of an article."""

from __future__ import annotations

from indexer.api import ArticleRecord, Hit
from indexer.search.generation import Generation
from indexer.search.snippets import make_snippet


def hit_from_record(record: ArticleRecord, score: float, snippet_html: str) -> Hit:
    issue = record.issue
    return Hit(
        id=record.id, title=record.title, issue_id=issue.id, issue_number=issue.number,
        date=issue.date, section=record.section, kind=record.kind, heading=record.heading,
        pages=record.pages, source=record.source, score=round(float(score), 4),
        snippet_html=snippet_html,
        communes=tuple((c.insee, c.name) for c in record.communes),
        themes=tuple((t.id, t.label) for t in record.themes),
    )


def hit(generation: Generation, docnum: int, score: float, terms: set[str]) -> Hit:
    record = generation.record(docnum)
    return hit_from_record(record, score, make_snippet(record, terms))
