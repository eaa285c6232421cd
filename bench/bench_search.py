"""Search benchmark: our results page vs SQLite FTS5 doing the same page, same corpus, same run.

    .venv/bin/python -m bench.bench_search [--sizes 10000 100000] [--queries 60]

For each size: a synthetic archive (bench/synthetic.py, ~260-word French articles with
facets) is indexed by our writer (build rate, peak memory of the build measured in a
child process) and loaded into an FTS5 table (unicode61 remove_diacritics 2). A "full
results page" is: total, top 10 by relevance, counts of every value of every facet over the
hits, and highlighted snippets of the 10 shown. Then one new issue (30 articles, NER
included when kb.enrich is importable) is reindexed into the first archive.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import VOCABULARY, synthetic_archive, synthetic_issue
from indexer.api import FACETS, Query
from indexer.documents import facet_values
from indexer.glossary import load_glossary
from indexer.search import SearchService
from kbcli.reindex import index_articles


def queries(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    words = [w for w in VOCABULARY if len(w) > 3]
    found = []
    for _ in range(count):
        shape = rng.random()
        if shape < 0.4:
            found.append(rng.choice(words))
        elif shape < 0.8:
            found.append(" ".join(rng.sample(words, 2)))
        else:
            found.append(" ".join(rng.sample(words, 3)))
    return found


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# ------------------------------------------------------------------ build (child process)

def build_child(size: int, index_dir: str) -> None:
    articles = synthetic_archive(size)
    started = time.perf_counter()
    index_articles(articles, index_dir)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))


def build_index(size: int, index_dir: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_search", "--build-child", str(size), index_dir],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ FTS5

def build_fts(size: int, path: str) -> float:
    articles = synthetic_archive(size)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE VIRTUAL TABLE articles USING fts5(
            title, lead, body, tokenize = "unicode61 remove_diacritics 2");
        CREATE TABLE facets (doc INTEGER, facet TEXT, value TEXT);
    """)
    for rowid, item in enumerate(articles, start=1):
        a = item.article
        db.execute("INSERT INTO articles(rowid, title, lead, body) VALUES (?, ?, ?, ?)",
                   (rowid, a.title, a.lead, a.text))
        db.executemany("INSERT INTO facets VALUES (?, ?, ?)", [
            (rowid, facet, value) for facet, values in facet_values(item).items()
            for value in values])
    db.execute("CREATE INDEX facets_doc ON facets(doc)")
    db.commit()
    db.close()
    return time.perf_counter() - started


def fts_page(db: sqlite3.Connection, text: str) -> tuple[int, list]:
    match = " ".join(f'"{w}"' for w in text.split())
    total = db.execute("SELECT count(*) FROM articles WHERE articles MATCH ?",
                       (match,)).fetchone()[0]
    top = db.execute(
        "SELECT rowid, title, snippet(articles, 2, '<mark>', '</mark>', '…', 30) "
        "FROM articles WHERE articles MATCH ? ORDER BY bm25(articles, 3.0, 1.5, 1.0) LIMIT 10",
        (match,)).fetchall()
    counts = db.execute(
        "SELECT facet, value, count(*) FROM facets WHERE doc IN "
        "(SELECT rowid FROM articles WHERE articles MATCH ?) GROUP BY facet, value",
        (match,)).fetchall()
    return total, [top, counts]


# ------------------------------------------------------------------ timing

def time_ours(service: SearchService, texts: list[str]) -> list[float]:
    timings = []
    for text in texts:
        started = time.perf_counter()
        page = service.search(Query(text))
        timings.append(time.perf_counter() - started)
        assert set(page.facets) == set(FACETS)
    return timings


def time_fts(path: str, texts: list[str]) -> list[float]:
    db = sqlite3.connect(path)
    timings = []
    for text in texts:
        started = time.perf_counter()
        fts_page(db, text)
        timings.append(time.perf_counter() - started)
    db.close()
    return timings


def reindex_one_issue(index_dir: str) -> dict:
    rng = random.Random(99)
    new_issue = synthetic_issue(rng, 9000, articles=30)
    try:
        from kb.enrich import enrich_all
    except ImportError:
        enrich_all = None
    started = time.perf_counter()
    if enrich_all is not None:
        enriched = enrich_all([item.article for item in new_issue])
    else:
        enriched = new_issue
    ner = time.perf_counter() - started
    index_articles(enriched, index_dir, full=False)
    return {"seconds": time.perf_counter() - started, "ner_seconds": ner,
            "ner": enrich_all is not None, "articles": len(new_issue)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_search")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--build-child", nargs=2, metavar=("SIZE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_child:
        build_child(int(args.build_child[0]), args.build_child[1])
        return 0
    texts = queries(args.queries)
    report = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        for size in args.sizes:
            index_dir = f"{tmp}/index-{size}"
            fts_path = f"{tmp}/fts-{size}.db"
            print(f"== {size} articles: building…", file=sys.stderr, flush=True)
            built = build_index(size, index_dir)
            fts_seconds = build_fts(size, fts_path)
            service = SearchService(index_dir, load_glossary())
            warm_started = time.perf_counter()
            service.search(Query(texts[0]))  # opens readers, loads facet bitmaps
            warm = time.perf_counter() - warm_started
            ours = time_ours(service, texts)
            fts = time_fts(fts_path, texts)
            row = {
                "size": size, "queries": len(texts),
                "ours_p50_ms": 1000 * statistics.median(ours),
                "ours_p95_ms": 1000 * percentile(ours, 0.95),
                "fts5_p50_ms": 1000 * statistics.median(fts),
                "fts5_p95_ms": 1000 * percentile(fts, 0.95),
                "first_query_ms": 1000 * warm,
                "build_articles_per_s": size / built["seconds"],
                "build_peak_mb": built["peak_mb"],
                "fts5_build_articles_per_s": size / fts_seconds,
                "index_mb": sum(f.stat().st_size for f in Path(index_dir).rglob("*")
                                if f.is_file()) / 2**20,
            }
            if size == args.sizes[0]:
                row["reindex_one_issue"] = reindex_one_issue(index_dir)
                refreshed = time.perf_counter()
                service.search(Query(texts[1]))
                row["first_query_after_reindex_ms"] = 1000 * (time.perf_counter() - refreshed)
            service.close()
            report.append(row)
            print(json.dumps(row, indent=1), flush=True)
    print("\n| articles | ours p50 | ours p95 | FTS5 p50 | FTS5 p95 | build/s | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for row in report:
        print(f"| {row['size']} | {row['ours_p50_ms']:.0f} ms | {row['ours_p95_ms']:.0f} ms | "
              f"{row['fts5_p50_ms']:.0f} ms | {row['fts5_p95_ms']:.0f} ms | "
              f"{row['build_articles_per_s']:.0f} | {row['build_peak_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
