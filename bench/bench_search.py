"""Search benchmark: our results page vs SQLite FTS5 and tantivy doing the same page, same
corpus, same run.

    .venv/bin/python -m bench.bench_search [--sizes 10000 100000] [--queries 60] [--runs 3]

For each size: a synthetic archive (bench/synthetic.py, ~260-word French articles with
facets) is indexed by our writer (build rate, peak memory of the build measured in a
child process) and loaded into an FTS5 table (unicode61 remove_diacritics 2). A "full
results page" is: total, top 10 by relevance, counts of every value of every facet over the
hits, and highlighted snippets of the 10 shown. When the `tantivy` package is installed
(`.venv/bin/pip install -e '.[bench]'`), the same articles also go into a tantivy index
(lowercase + ASCII folding analyzer) that does the same page: the ceiling to aim at; without
it the tantivy columns are skipped with a note. Each engine runs the query list `--runs`
times (interleaved); the figures are the median over runs of each run's p50 / p95, with the
min–max over runs as the spread.

Ours is timed as `kb serve` runs it: the service warms the generation before the first query
(indexer/search/warming.py). Beside it: the first query of a cold service (no warming), the
warming's own time, and, after one new issue (30 synthetic articles, no NER: the reindex
itself is bench/bench_reindex.py's) is written into the first archive, the first query the
warm service answers on the new generation once its background warming is done, against
the first query of a cold service on it.
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
import threading
import time
from pathlib import Path

from bench.synthetic import VOCABULARY, synthetic_archive, synthetic_issue
from indexer.api import FACETS, Query
from indexer.documents import facet_values
from indexer.glossary import load_glossary
from indexer.search import SearchService
from kbcli.reindex import index_articles

try:  # optional: the `bench` extra; never needed by the runtime or the tests
    import tantivy
except ImportError:
    tantivy = None

TANTIVY_MISSING = ("note: the `tantivy` package is not installed, tantivy columns skipped "
                   "(install it with `.venv/bin/pip install -e '.[bench]'`)")
FACET_SEPARATOR = "\x1f"  # one multi-valued fast field holds "facet\x1fvalue" terms


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


# ------------------------------------------------------------------ tantivy

TANTIVY_FIELDS = ("title", "lead", "text")
TANTIVY_BOOSTS = {"title": 3.0, "lead": 1.5, "text": 1.0}  # FTS5's bm25 column weights


def tantivy_analyzer():
    # Same folding as FTS5's `unicode61 remove_diacritics 2`: split on non-alphanumerics,
    # lowercase, fold accents to ASCII ("Santé" -> "sante"). No stemming, no stop words.
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build())


def open_tantivy(path: str, create: bool = False):
    builder = tantivy.SchemaBuilder()
    for name in TANTIVY_FIELDS:  # stored: the title is shown, the text feeds the snippet
        builder.add_text_field(name, stored=True, tokenizer_name="fr_fold")
    builder.add_text_field("facet", fast=True, tokenizer_name="raw")
    schema = builder.build()
    if create:
        Path(path).mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema, path=path, reuse=not create)
    index.register_tokenizer("fr_fold", tantivy_analyzer())
    return index, schema


def build_tantivy(size: int, path: str) -> float:
    articles = synthetic_archive(size)
    started = time.perf_counter()
    index, _ = open_tantivy(path, create=True)
    writer = index.writer()  # default heap, threads chosen by tantivy (2 cores here)
    for item in articles:
        a = item.article
        writer.add_document(tantivy.Document(
            title=a.title, lead=a.lead or "", text=a.text,
            facet=[f"{facet}{FACET_SEPARATOR}{value}"
                   for facet, values in facet_values(item).items() for value in values]))
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - started


def tantivy_page(index, schema, searcher, text: str) -> tuple[int, list]:
    # Each word quoted, all required: FTS5's `"w1" "w2"` (a word the analyzer splits, such
    # as "élu.e.s", becomes a phrase in both).
    query = index.parse_query(" ".join(f'"{w}"' for w in text.split()),
                              list(TANTIVY_FIELDS), TANTIVY_BOOSTS,
                              conjunction_by_default=True)
    result = searcher.search(query, 10, count=True)
    snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "text")
    snippets.set_max_num_chars(200)  # ~30 words, as FTS5's snippet(..., 30)
    top = []
    for score, address in result.hits:
        doc = searcher.doc(address)
        top.append((score, doc["title"][0], snippets.snippet_from_doc(doc).to_html()))
    counts = searcher.aggregate(query, {"f": {"terms": {"field": "facet", "size": 65000}}})
    return result.count, [top, counts["f"]["buckets"]]


# ------------------------------------------------------------------ timing

def time_ours(service: SearchService, texts: list[str]) -> tuple[list[float], list[int]]:
    timings, totals = [], []
    for text in texts:
        started = time.perf_counter()
        page = service.search(Query(text))
        timings.append(time.perf_counter() - started)
        assert set(page.facets) == set(FACETS)
        totals.append(page.total)
    return timings, totals


def time_fts(db: sqlite3.Connection, texts: list[str]) -> tuple[list[float], list[int]]:
    timings, totals = [], []
    for text in texts:
        started = time.perf_counter()
        total, _ = fts_page(db, text)
        timings.append(time.perf_counter() - started)
        totals.append(total)
    return timings, totals


def time_tantivy(engine, texts: list[str]) -> tuple[list[float], list[int]]:
    index, schema, searcher = engine
    timings, totals = [], []
    for text in texts:
        started = time.perf_counter()
        total, _ = tantivy_page(index, schema, searcher, text)
        timings.append(time.perf_counter() - started)
        totals.append(total)
    return timings, totals


def summarise(row: dict, name: str, runs: list[list[float]]) -> None:
    """median over runs of each run's p50 and p95, with the min–max over runs."""
    for label, of_run in (("p50", statistics.median), ("p95", lambda t: percentile(t, 0.95))):
        values = [1000 * of_run(timings) for timings in runs]
        row[f"{name}_{label}_ms"] = statistics.median(values)
        row[f"{name}_{label}_ms_range"] = [min(values), max(values)]


def first_query_ms(index_dir: str, text: str) -> float:
    """The first query of a new, cold service (what a CLI search costs)."""
    service = SearchService(index_dir, load_glossary())
    try:
        started = time.perf_counter()
        service.search(Query(text))
        return 1000 * (time.perf_counter() - started)
    finally:
        service.close()


def new_generation(service: SearchService, index_dir: str, text: str) -> dict:
    """Publish one new issue; the warm service goes on answering, warms the new generation
    in the background, then serves it."""
    new_issue = synthetic_issue(random.Random(99), 9000, articles=30)
    started = time.perf_counter()
    index_articles(new_issue, index_dir, full=False)
    written = time.perf_counter() - started
    old = service._generation
    started = time.perf_counter()
    service.search(Query(text))  # sees the new CURRENT: answered by the old generation
    during_ms = 1000 * (time.perf_counter() - started)
    for thread in threading.enumerate():
        if thread.name.startswith("warm-"):
            thread.join()
    warmed = time.perf_counter() - started
    assert service._generation is not old, "the new generation was not published"
    started = time.perf_counter()
    service.search(Query(text))
    return {"write_s": written, "query_while_warming_ms": during_ms, "warming_s": warmed,
            "first_query_new_generation_ms": 1000 * (time.perf_counter() - started),
            "cold_first_query_new_generation_ms": first_query_ms(index_dir, text)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_search")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3, help="passes over the queries")
    parser.add_argument("--build-child", nargs=2, metavar=("SIZE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_child:
        build_child(int(args.build_child[0]), args.build_child[1])
        return 0
    texts = queries(args.queries)
    if tantivy is None:
        print(TANTIVY_MISSING, flush=True)
    report = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        for size in args.sizes:
            index_dir = f"{tmp}/index-{size}"
            fts_path = f"{tmp}/fts-{size}.db"
            print(f"== {size} articles: building…", file=sys.stderr, flush=True)
            built = build_index(size, index_dir)
            fts_seconds = build_fts(size, fts_path)
            engine = tantivy_seconds = None
            if tantivy is not None:
                tantivy_path = f"{tmp}/tantivy-{size}"
                tantivy_seconds = build_tantivy(size, tantivy_path)
                t_index, t_schema = open_tantivy(tantivy_path)
                t_index.reload()
                engine = (t_index, t_schema, t_index.searcher())
            cold_first = first_query_ms(index_dir, texts[0])
            service = SearchService(index_dir, load_glossary(), warm=True)
            warm_started = time.perf_counter()
            service.warm_now()  # as kb serve does before taking requests
            warming_s = time.perf_counter() - warm_started
            warm_started = time.perf_counter()
            service.search(Query(texts[0]))
            warm_first = 1000 * (time.perf_counter() - warm_started)
            db = sqlite3.connect(fts_path)
            timed: dict[str, list[list[float]]] = {"ours": [], "fts5": [], "tantivy": []}
            totals: dict[str, list[int]] = {}
            for _ in range(args.runs):  # interleaved, so that load changes hit every engine
                timings, totals["ours"] = time_ours(service, texts)
                timed["ours"].append(timings)
                timings, totals["fts5"] = time_fts(db, texts)
                timed["fts5"].append(timings)
                if engine is not None:
                    timings, totals["tantivy"] = time_tantivy(engine, texts)
                    timed["tantivy"].append(timings)
            db.close()
            row = {"size": size, "queries": len(texts), "runs": args.runs}
            for name, runs in timed.items():
                if runs:
                    summarise(row, name, runs)
            row["ours_over_fts5_p50"] = row["ours_p50_ms"] / row["fts5_p50_ms"]
            row["ours_over_fts5_p95"] = row["ours_p95_ms"] / row["fts5_p95_ms"]
            # Same hit count as FTS5 (every word required, accents folded) on how many queries
            row["ours_totals_equal_fts5"] = sum(
                a == b for a, b in zip(totals["ours"], totals["fts5"], strict=True))
            if engine is not None:
                row["ours_over_tantivy_p50"] = row["ours_p50_ms"] / row["tantivy_p50_ms"]
                row["ours_over_tantivy_p95"] = row["ours_p95_ms"] / row["tantivy_p95_ms"]
                row["tantivy_totals_equal_fts5"] = sum(
                    a == b for a, b in zip(totals["tantivy"], totals["fts5"], strict=True))
            else:
                row["tantivy"] = "skipped: package not installed"
            row.update({
                "cold_first_query_ms": cold_first, "warming_s": warming_s,
                "first_query_after_warming_ms": warm_first,
                "build_articles_per_s": size / built["seconds"],
                "build_peak_mb": built["peak_mb"],
                "fts5_build_articles_per_s": size / fts_seconds,
                "index_mb": sum(f.stat().st_size for f in Path(index_dir).rglob("*")
                                if f.is_file()) / 2**20,
            })
            if engine is not None:
                row["tantivy_build_articles_per_s"] = size / tantivy_seconds
                row["tantivy_index_mb"] = sum(
                    f.stat().st_size for f in Path(tantivy_path).rglob("*")
                    if f.is_file()) / 2**20
                engine = None
            if size == args.sizes[0]:
                row["new_generation"] = new_generation(service, index_dir, texts[1])
            service.close()
            report.append(row)
            print(json.dumps(row, indent=1), flush=True)
    print_tables(report)
    return 0


def _ms(row: dict, key: str) -> str:
    low, high = row[f"{key}_range"]
    return f"{row[key]:.1f} ms ({low:.1f}–{high:.1f})"


def print_tables(report: list[dict]) -> None:
    print(f"\nmedian over {report[0]['runs']} runs of each run's p50 / p95 (min–max over runs)")
    with_tantivy = "tantivy_p50_ms" in report[0]
    head = ["articles", "ours p50", "ours p95", "FTS5 p50", "FTS5 p95"]
    if with_tantivy:
        head += ["tantivy p50", "tantivy p95"]
    head += ["ours/FTS5 p50", "ours/FTS5 p95"]
    if with_tantivy:
        head += ["ours/tantivy p50", "ours/tantivy p95"]
    print("\n| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in report:
        cells = [str(row["size"])] + [_ms(row, f"{name}_{q}_ms") for name in ("ours", "fts5")
                                      for q in ("p50", "p95")]
        if with_tantivy:
            cells += [_ms(row, f"tantivy_{q}_ms") for q in ("p50", "p95")]
        cells += [f"{row['ours_over_fts5_p50']:.2f}", f"{row['ours_over_fts5_p95']:.2f}"]
        if with_tantivy:
            cells += [f"{row['ours_over_tantivy_p50']:.1f}", f"{row['ours_over_tantivy_p95']:.1f}"]
        print("| " + " | ".join(cells) + " |")
    head = ["articles", "ours build/s", "peak MB", "FTS5 build/s"]
    if with_tantivy:
        head += ["tantivy build/s", "ours MB", "tantivy MB"]
    print("\n| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in report:
        cells = [str(row["size"]), f"{row['build_articles_per_s']:.0f}",
                 f"{row['build_peak_mb']:.0f}", f"{row['fts5_build_articles_per_s']:.0f}"]
        if with_tantivy:
            cells += [f"{row['tantivy_build_articles_per_s']:.0f}", f"{row['index_mb']:.0f}",
                      f"{row['tantivy_index_mb']:.0f}"]
        print("| " + " | ".join(cells) + " |")
    print("\n| articles | first query, cold service | warming | first query, warmed |")
    print("|---|---|---|---|")
    for row in report:
        print(f"| {row['size']} | {row['cold_first_query_ms']:.1f} ms | "
              f"{row['warming_s']:.2f} s | {row['first_query_after_warming_ms']:.1f} ms |")
    for row in report:
        if "new_generation" in row:
            new = row["new_generation"]
            print(f"\nnew issue (30 articles) into {row['size']}: written in "
                  f"{new['write_s']:.2f} s; a query meanwhile (old generation) "
                  f"{new['query_while_warming_ms']:.1f} ms; new generation warm and served "
                  f"{new['warming_s']:.2f} s after; its first query "
                  f"{new['first_query_new_generation_ms']:.1f} ms (a cold service's: "
                  f"{new['cold_first_query_new_generation_ms']:.1f} ms)")
    if not with_tantivy:
        print("\n" + TANTIVY_MISSING)


if __name__ == "__main__":
    sys.exit(main())
