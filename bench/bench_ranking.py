"""Ranking quality: nDCG@10 of our SearchService beside stock analyzers, in one run.

    .venv/bin/python -m bench.bench_ranking [--no-entities] [--show-misses]

The archive is the demo corpus (corpus/: PDF, e-mail HTML, web HTML, text) plus the
held-out issues (tests/data_eval/heldout_*.txt), indexed end to end by `reindex` (real
extraction, segmentation and, unless --no-entities, enrichment). The judgments are
tests/data_eval/queries.json: graded by reading the articles, before any ranking was seen.

Baselines index exactly the articles our index holds (read back from it), title + lead +
text, with no entity fields:
- Whoosh, `LanguageAnalyzer('fr')` (Snowball stemmer, stop words, no accent folding),
  title and body fields, the parser's OR group (`OrGroup.factory(0.9)`) so that a query
  with one unmatched word still ranks the others, as Whoosh's docs advise for ranked search;
- SQLite FTS5, `unicode61 remove_diacritics 2`, bm25, query words OR-ed.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.api import ArticleRecord, Query  # noqa: E402
from indexer.glossary import load_glossary  # noqa: E402
from indexer.search import SearchService  # noqa: E402
from kb.models import EnrichedArticle  # noqa: E402
from kbcli.reindex import Enricher, reindex  # noqa: E402

CORPUS = ROOT / "corpus"
EVAL_DIR = ROOT / "tests" / "data_eval"
JUDGMENTS = EVAL_DIR / "queries.json"
K = 10

Ranker = Callable[[str], list[str]]  # query text -> article ids, best first


@dataclass(frozen=True, slots=True)
class Judged:
    text: str
    types: tuple[str, ...]
    grades: dict[str, int]  # article id -> 1 (mentions it) or 2 (about it)


def load_judgments(path: Path = JUDGMENTS) -> list[Judged]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Judged(q["text"], tuple(q["types"]),
                   {r["id"]: int(r["grade"]) for r in q["relevant"]})
            for q in data["queries"]]


def archive_paths(path: Path = JUDGMENTS) -> list[str]:
    """The demo corpus and the held-out texts that were read when judging, no others."""
    judged = json.loads(path.read_text(encoding="utf-8"))["judged_files"]
    return [str(CORPUS), *(str(EVAL_DIR / name) for name in judged)]


# ---------------------------------------------------------------- the measure

def dcg(gains: Sequence[int]) -> float:
    return sum((2 ** gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg_at_k(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([grades.get(article_id, 0) for article_id in ranked[:k]]) / ideal


@dataclass(frozen=True, slots=True)
class Scores:
    per_query: dict[str, float]

    @property
    def mean(self) -> float:
        return sum(self.per_query.values()) / len(self.per_query)

    def mean_of(self, judged: Sequence[Judged], kind: str) -> float:
        values = [self.per_query[q.text] for q in judged if kind in q.types]
        return sum(values) / len(values) if values else float("nan")


def evaluate(ranker: Ranker, judged: Sequence[Judged]) -> Scores:
    return Scores({q.text: ndcg_at_k(ranker(q.text), q.grades) for q in judged})


# ---------------------------------------------------------------- our service

def build_index(index_dir: Path, *, entities: bool = True,
                enrich: Enricher | None = None) -> None:
    """`reindex` over the archive; without entities spaCy is not loaded."""
    if not entities:
        enrich = lambda articles: [EnrichedArticle(article=a) for a in articles]  # noqa: E731
    summary = reindex(archive_paths(), index_dir, progress=False, enrich=enrich)
    if summary.failures:
        raise RuntimeError(f"archive files not indexed: {summary.failures}")


def service_ranker(service: SearchService) -> Ranker:
    """What the results page shows, in order: the articles holding every word, then, when
    they are few, the partial matches listed apart ("Résultats approchants")."""
    def ranked(text: str) -> list[str]:
        page = service.search(Query(text, per_page=K))
        return [hit.id for hit in (*page.hits, *page.approximate)][:K]
    return ranked


def indexed_articles(service: SearchService) -> list[ArticleRecord]:
    """Every record our index holds: the baselines index exactly these."""
    return [record for issue in service.issues()
            for hit in service.articles_of_issue(issue.id)
            if (record := service.article(hit.id)) is not None]


# ---------------------------------------------------------------- baselines

def _body(record: ArticleRecord) -> str:
    return "\n".join(part for part in (record.lead, record.text) if part)


def whoosh_french_ranker(records: Sequence[ArticleRecord], index_dir: Path) -> Ranker:
    from whoosh import fields, index, qparser
    from whoosh.analysis import LanguageAnalyzer

    analyzer = LanguageAnalyzer("fr")
    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           title=fields.TEXT(analyzer=analyzer),
                           body=fields.TEXT(analyzer=analyzer))
    ix = index.create_in(str(index_dir), schema)
    with ix.writer() as writer:
        for record in records:
            writer.add_document(id=record.id, title=record.title, body=_body(record))
    searcher = ix.searcher()
    parser = qparser.MultifieldParser(["title", "body"], ix.schema,
                                      group=qparser.OrGroup.factory(0.9))

    def rank(text: str) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(text), limit=K)]
    return rank


def fts5_ranker(records: Sequence[ArticleRecord]) -> Ranker:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO articles VALUES (?, ?, ?)",
                   [(r.id, r.title, _body(r)) for r in records])

    def rank(text: str) -> list[str]:
        words = re.findall(r"\w+", text)
        if not words:
            return []
        match = " OR ".join(f'"{word}"' for word in words)
        rows = db.execute("SELECT id FROM articles WHERE articles MATCH ? "
                          "ORDER BY bm25(articles) LIMIT ?", (match, K))
        return [row[0] for row in rows]
    return rank


# ---------------------------------------------------------------- report

def query_types(judged: Sequence[Judged]) -> list[str]:
    return sorted({kind for q in judged for kind in q.types})


def report(judged: Sequence[Judged], systems: dict[str, Scores]) -> str:
    names = list(systems)
    lines = [f"nDCG@{K} over {len(judged)} queries",
             f"{'query type':<14}{'n':>4}" + "".join(f"{name:>16}" for name in names)]
    for kind in query_types(judged):
        count = sum(kind in q.types for q in judged)
        lines.append(f"{kind:<14}{count:>4}" + "".join(
            f"{scores.mean_of(judged, kind):>16.3f}" for scores in systems.values()))
    lines.append(f"{'all':<14}{len(judged):>4}" + "".join(
        f"{scores.mean:>16.3f}" for scores in systems.values()))
    return "\n".join(lines)


def misses(judged: Sequence[Judged], systems: dict[str, Scores], below: float = 0.8
           ) -> str:
    names = list(systems)
    lines = [f"{'query':<52}" + "".join(f"{name:>16}" for name in names)]
    for q in judged:
        values = [systems[name].per_query[q.text] for name in names]
        if min(values) < below:
            lines.append(f"{q.text:<52}" + "".join(f"{v:>16.3f}" for v in values))
    return "\n".join(lines)


@dataclass
class Run:
    judged: list[Judged]
    systems: dict[str, Scores]
    rankers: dict[str, Ranker]


def run(work: Path, *, entities: bool = True, enrich: Enricher | None = None
        ) -> tuple[Run, SearchService]:
    """Index the archive, then score our service and the baselines on it.

    `enrich` replaces the default enrichment (a test passes its session-wide one)."""
    judged = load_judgments()
    index_dir = work / "ours"
    build_index(index_dir, entities=entities, enrich=enrich)
    service = SearchService(index_dir, load_glossary())
    records = indexed_articles(service)
    baseline_dir = work / "whoosh_fr"
    baseline_dir.mkdir()
    rankers = {
        "ours": service_ranker(service),
        "whoosh-fr": whoosh_french_ranker(records, baseline_dir),
        "fts5": fts5_ranker(records),
    }
    systems = {name: evaluate(ranker, judged) for name, ranker in rankers.items()}
    return Run(judged, systems, rankers), service


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-entities", action="store_true",
                        help="index without enrichment (no spaCy): text only")
    parser.add_argument("--show-misses", action="store_true",
                        help="list the queries where a system scores below 0.8")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        result, service = run(Path(tmp), entities=not args.no_entities)
        try:
            print(report(result.judged, result.systems))
            if args.show_misses:
                print()
                print(misses(result.judged, result.systems))
        finally:
            service.close()
    print(f"\n{time.perf_counter() - started:.1f} s "
          f"({'with' if not args.no_entities else 'without'} entities)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
