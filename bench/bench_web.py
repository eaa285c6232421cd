"""Load on the full results page: req/s and p95 under a bounded load on 127.0.0.1.

    .venv/bin/python -m bench.bench_web [--articles 10000] [--duration 20] [--clients 4]
                                        [--workers 2] [--threads 4]

Builds (once, cached in bench/_out/) an index of a synthetic archive with the indexer's
own writer, starts `--workers` server processes (waitress, each its own app and
SearchService) on one pre-bound 127.0.0.1 socket, then drives varied queries with facets
(text, commune, theme, year, département, date sort, page 2) with wrk from Debian
(`--clients` connections), or a small Python client when wrk is absent. Every URL is
checked to answer 200 before the run; any non-2xx during the run counts as an error.

Measured 2026-11-25 on the 2-core dev VM, 10,000 synthetic articles, 2 workers x 4 threads,
4 wrk connections, 20 s, while another engineer's search benchmark was running (load 3.5):
20-23 req/s, p50 ~140 ms, p95 ~500-580 ms, 0 errors: the target (>= 40 req/s, p95 <= 150 ms)
is NOT met here. In-process, one results page costs 35.7 ms, of which 31.8 ms in
SearchService.search (Whoosh ranking of the text clause dominates) and ~4 ms in the web layer
(parsing, ~360 facet toggle links, Jinja); so two idle cores cap at ~55 req/s before wrk's
own CPU. Rerun on an idle machine before drawing conclusions.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

OUT = Path(__file__).resolve().parent / "_out"
WRK = shutil.which("wrk")

WORDS = ("santé", "emploi", "jeunes", "rénovation urbaine", "participation citoyenne",
         "conseil citoyen", "médiation", "alimentation durable", "numérique", "parentalité",
         "insertion professionnelle", "logement", "sport", "culture", "évaluation",
         "transition écologique", "accès aux droits", "centre social", "quartier prioritaire")

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local counter = 0
local bad = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
response = function(status, headers, body)
  if status >= 300 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format('BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, ' ..
    '"p95_us": %d, "p99_us": %d, "max_us": %d, "socket_errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def build_index(count: int) -> Path:
    from bench.synthetic import synthetic_archive
    from indexer.writer import open_generation, write_lock

    index_dir = OUT / f"web-index-{count}"
    if (index_dir / "CURRENT").exists():
        return index_dir
    started = time.perf_counter()
    with write_lock(index_dir), open_generation(index_dir, full=True) as writer:
        for enriched in synthetic_archive(count):
            writer.add(enriched, enriched.article.issue.sources)
    print(f"index de {count} articles écrit en {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return index_dir


def query_paths(rng: random.Random, count: int = 300) -> list[str]:
    from bench.synthetic import COMMUNES, THEMES

    paths = []
    for _ in range(count):
        params: list[tuple[str, str]] = []
        if rng.random() < 0.85:
            params.append(("q", rng.choice(WORDS)))
        if rng.random() < 0.5:
            params += [("commune", c[0]) for c in rng.sample(COMMUNES, rng.choice((1, 1, 2)))]
        if rng.random() < 0.4:
            params.append(("theme", rng.choice(THEMES)[0]))
        if rng.random() < 0.2:
            params.append(("annee", str(rng.randint(2000, 2024))))
        if rng.random() < 0.15:
            params.append(("departement", rng.choice(("78", "92", "95"))))
        if rng.random() < 0.3:
            params.append(("tri", "date"))
        if rng.random() < 0.2:
            params.append(("page", "2"))
        paths.append("/recherche?" + urllib.parse.urlencode(params))
    return paths


def serve_worker(sock: socket.socket, index_dir: str, threads: int) -> None:
    import logging

    from waitress import serve

    from webui import create_app

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    app = create_app({"INDEX_DIR": index_dir, "CORPUS_DIR": tempfile.gettempdir()})
    serve(app, sockets=[sock], threads=threads, ident="resonances-kb")


def fetch(base: str, path: str) -> int:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def python_client(base: str, paths: list[str], clients: int, duration: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def run(offset: int) -> None:
        nonlocal errors
        n = offset
        while time.monotonic() < stop:
            started = time.perf_counter()
            status = fetch(base, paths[n % len(paths)])
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors += status >= 300
            n += clients

    started = time.monotonic()
    workers = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "duration_us": int(elapsed * 1e6),
            "p50_us": int(cuts[49] * 1e6), "p95_us": int(cuts[94] * 1e6),
            "p99_us": int(cuts[98] * 1e6), "max_us": int(max(latencies) * 1e6),
            "socket_errors": 0, "non_2xx": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--python-client", action="store_true", help="ne pas utiliser wrk")
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    index_dir = build_index(args.articles)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=serve_worker, args=(sock, str(index_dir), args.threads),
                               daemon=True) for _ in range(args.workers)]
    for worker in workers:
        worker.start()
    try:
        paths = query_paths(random.Random(7))
        deadline = time.monotonic() + 30
        while True:
            try:
                fetch(base, "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        # Every URL once (also warms each worker's caches a little), keeping only 200s.
        statuses = {path: fetch(base, path) for path in paths}
        paths = [p for p, status in statuses.items() if status == 200]
        dropped = len(statuses) - len(paths)
        if args.python_client or not WRK:
            result = python_client(base, paths, args.clients, args.duration)
            client = "python"
        else:
            paths_file = OUT / "web-paths.txt"
            paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
            script = OUT / "web.lua"
            script.write_text(LUA, encoding="utf-8")
            threads = min(args.clients, 2)
            output = subprocess.run(
                [WRK, f"-t{threads}", f"-c{args.clients}", f"-d{int(args.duration)}s",
                 "--timeout", "10s", "-s", str(script), base],
                env={**os.environ, "BENCH_PATHS": str(paths_file)},
                capture_output=True, text=True, check=True).stdout
            line = next(ln for ln in output.splitlines() if ln.startswith("BENCH "))
            result = json.loads(line[len("BENCH "):])
            client = "wrk"
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join(5)
        sock.close()

    seconds = result["duration_us"] / 1e6
    report = {
        "articles": args.articles, "workers": args.workers, "threads": args.threads,
        "clients": args.clients, "client": client, "distinct_urls": len(paths),
        "urls_not_200_dropped": dropped, "requests": result["requests"],
        "req_per_s": round(result["requests"] / seconds, 1),
        "p50_ms": round(result["p50_us"] / 1000, 1), "p95_ms": round(result["p95_us"] / 1000, 1),
        "p99_ms": round(result["p99_us"] / 1000, 1), "max_ms": round(result["max_us"] / 1000, 1),
        "errors": result["socket_errors"] + result["non_2xx"],
    }
    (OUT / "web.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    ok = report["req_per_s"] >= 40 and report["p95_ms"] <= 150 and report["errors"] == 0
    print("objectif (≥ 40 req/s, p95 ≤ 150 ms, 0 erreur) :", "atteint" if ok else "MANQUÉ")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
