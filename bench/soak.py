"""Soak: concurrent searches against `kb serve` while `kb reindex` writes the same index.

    .venv/bin/python -m bench.soak [--articles 3000] [--clients 4] [--seconds 60]
                                   [--reindexes 3] [--max-requests 100000] [--no-nlp]

Bounded in time and count, on 127.0.0.1 only. Builds an index of synthetic articles
(bench/synthetic.py), serves it with `kb serve` (waitress), and runs client threads
(urllib) over varied results pages (words, facets, sorts, pages, JSON, CSV, Atom) while
`kb reindex` brings a copy of the demo corpus into the same index several times (one
file changed each time, so each run writes and switches a new generation). Reports
requests served, errors (any status other than 200, any exception), p50/p95/max, and
checks afterwards that no lock is held and no half-built generation is left, and that
the server answers from the newest generation without a restart.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import median
from urllib.parse import urlencode

from bench.kill_loop import KB, KB_WITHOUT_NLP, ROOT, leftovers

WARMING_GRACE = 15.0  # seconds the server may take to warm and serve a new generation
WORDS = ("santé", "emploi", "habitants", "quartier", "rénovation urbaine", "jeunes",
         "conseil citoyen", "médiation", "éducation", "logement", "transition écologique",
         "participation", "insertion professionnelle", "culture", "numérique")
FACETS = (("commune", "95585"), ("commune", "78361"), ("departement", "95"),
          ("theme", "sante"), ("theme", "emploi-insertion"), ("annee", "2010"))
ENDPOINTS = ("/recherche", "/recherche", "/recherche", "/api/recherche", "/recherche.csv",
             "/recherche.atom")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def random_url(rng: random.Random) -> str:
    params: list[tuple[str, str]] = [("q", rng.choice(WORDS))]
    for _ in range(rng.randint(0, 2)):
        params.append(rng.choice(FACETS))
    if rng.random() < 0.3:
        params.append(("tri", "date"))
    if len(params) == 1 and rng.random() < 0.3:
        # Only unfiltered queries page: a filtered one may have fewer pages (a 404 then).
        params.append(("page", str(rng.randint(2, 3))))
    return f"{rng.choice(ENDPOINTS)}?{urlencode(params)}"


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    csv_latencies: list[float] = field(default_factory=list)  # whole-search CSV downloads
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, status: int, error: str | None, csv: bool = False
               ) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if csv:
                self.csv_latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if error:
                self.errors.append(error)


def client(base: str, seed: int, load: Load, stop: threading.Event, budget: list[int]) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        with load.lock:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        path = random_url(rng)
        started = time.perf_counter()
        status, error = 0, None
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as failure:
            status, error = failure.code, f"{failure.code} {path}"
        except Exception as failure:  # counted: a soak reports every failure, never stops
            error = f"{type(failure).__name__}: {failure} {path}"
        if status != 200 and error is None:
            error = f"{status} {path}"
        load.record(time.perf_counter() - started, status, error,
                    csv=path.startswith("/recherche.csv"))


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("kb serve exited before answering")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError("kb serve did not answer in time")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


@dataclass
class SoakReport:
    articles: int
    clients: int
    seconds: float
    requests: int
    errors: int
    statuses: dict[int, int]
    p50_ms: float
    p95_ms: float
    max_ms: float
    # pages (HTML, JSON, Atom) apart from CSV downloads, which stream every hit of a search
    page_p95_ms: float
    csv_requests: int
    csv_p95_ms: float
    requests_per_second: float
    reindexes: int
    reindex_statuses: list[int]
    reindex_seconds: list[float]
    new_generation_served: bool
    lock_free_after: bool
    leftovers: list[str]
    first_errors: list[str]

    def describe(self) -> str:
        return (
            f"{self.requests} requests in {self.seconds:.1f} s by {self.clients} clients "
            f"({self.requests_per_second:.0f}/s) over {self.articles} articles, during "
            f"{self.reindexes} reindexes (status {self.reindex_statuses}, "
            f"{', '.join(f'{s:.1f}' for s in self.reindex_seconds)} s): errors {self.errors}, "
            f"p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, max {self.max_ms:.0f} ms "
            f"(pages p95 {self.page_p95_ms:.0f} ms; {self.csv_requests} CSV downloads, "
            f"p95 {self.csv_p95_ms:.0f} ms); "
            f"newest generation served: {self.new_generation_served}; lock free after: "
            f"{self.lock_free_after}; leftovers: {len(self.leftovers)}"
        )


def build_index(index: Path, articles: int) -> None:
    from bench.synthetic import synthetic_archive
    from kbcli.reindex import index_articles

    index_articles(synthetic_archive(articles, seed=7), index)


def soak(workdir: Path, *, articles: int = 3000, clients: int = 4, seconds: float = 60,
         reindexes: int = 3, max_requests: int = 100_000, nlp: bool = True,
         corpus_source: Path = ROOT / "corpus") -> SoakReport:
    from indexer.writer import IndexBusy, write_lock

    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    index, corpus = workdir / "index", workdir / "corpus"
    build_index(index, articles)
    shutil.copytree(corpus_source, corpus, ignore=shutil.ignore_patterns("README*"))
    text_issue = sorted(corpus.glob("*.txt"))[0]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", KB, "serve", "--index", str(index), "--corpus", str(corpus),
         "--host", "127.0.0.1", "--port", str(port), "--threads", "4"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    load = Load()
    statuses: list[int] = []
    durations: list[float] = []
    try:
        wait_until_up(base, server)
        stop = threading.Event()
        budget = [max_requests]
        threads = [threading.Thread(target=client, args=(base, n, load, stop, budget))
                   for n in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        # Reindexes while the clients run; each one changes a file so it writes a generation.
        # All of them run (each bounded by its timeout): the load lasts at least as long.
        for round_number in range(reindexes):
            with open(text_issue, "a", encoding="utf-8") as handle:
                handle.write(f"\nMise à jour {round_number} : le soak a changé ce fichier.\n")
            began = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", KB if nlp else KB_WITHOUT_NLP, "reindex", str(corpus),
                 "--index", str(index)],
                cwd=ROOT, capture_output=True, text=True, timeout=max(60.0, seconds * 2))
            durations.append(time.perf_counter() - began)
            statuses.append(done.returncode)
        while time.perf_counter() - started < seconds and any(t.is_alive() for t in threads):
            time.sleep(0.05)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.perf_counter() - started
        # The server must show the corpus's articles without a restart: at once, or once it
        # has warmed the newest generation in the background (a second or so).
        probe = f"{base}/api/recherche?{urlencode({'q': 'Mise à jour soak changé'})}"
        deadline = time.perf_counter() + WARMING_GRACE
        while True:
            with urllib.request.urlopen(probe, timeout=30) as response:
                served_new = json.loads(response.read())["total"] > 0
            if served_new or time.perf_counter() > deadline:
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()
    try:
        with write_lock(index, wait=False):
            lock_free = True
    except IndexBusy:
        lock_free = False
    latencies = load.latencies
    pages = list(latencies)
    for seconds in load.csv_latencies:
        pages.remove(seconds)
    return SoakReport(
        articles=articles, clients=clients, seconds=elapsed, requests=len(latencies),
        errors=len(load.errors), statuses=dict(sorted(load.statuses.items())),
        p50_ms=1000 * median(latencies) if latencies else 0.0,
        p95_ms=1000 * percentile(latencies, 0.95), max_ms=1000 * max(latencies, default=0.0),
        page_p95_ms=1000 * percentile(pages, 0.95), csv_requests=len(load.csv_latencies),
        csv_p95_ms=1000 * percentile(load.csv_latencies, 0.95),
        requests_per_second=len(latencies) / elapsed if elapsed else 0.0,
        reindexes=len(statuses), reindex_statuses=statuses, reindex_seconds=durations,
        new_generation_served=served_new, lock_free_after=lock_free,
        leftovers=leftovers(index), first_errors=load.errors[:10],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="searches under load while reindexing")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--reindexes", type=int, default=3)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--no-nlp", action="store_true",
                        help="reindex without spaCy (enrichment replaced by a pass-through)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "_out" / "soak")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    report = soak(args.workdir, articles=args.articles, clients=args.clients,
                  seconds=args.seconds, reindexes=args.reindexes,
                  max_requests=args.max_requests, nlp=not args.no_nlp)
    print(report.describe())
    for error in report.first_errors:
        print("  " + error)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=1), encoding="utf-8")
    healthy = (report.errors == 0 and report.lock_free_after and not report.leftovers
               and report.new_generation_served and set(report.reindex_statuses) <= {0})
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
