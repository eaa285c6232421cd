"""Load on the full results page: req/s and latency under a bounded load on 127.0.0.1.

    .venv/bin/python -m bench.bench_web [--articles 10000] [--duration 20] [--clients 4]
                                        [--workers 2] [--threads 4] [--urls 1000] [--runs 3]
                                        [--warm]

Builds (once, cached in bench/_out/) an index of a synthetic archive with the indexer's
own writer, then for each run starts `--workers` server processes (waitress, each its own
app and SearchService) on one pre-bound 127.0.0.1 socket and drives `--urls` distinct
results pages with wrk from Debian (`--clients` connections; a small Python client when wrk
is absent). Queries are varied: one to three words from the archive's vocabulary (frequent
domain words and rare tail words), sometimes a quoted phrase or an exclusion, with facet
filters (communes, theme, year, département), date sort and page 2. Any non-2xx answer or
socket error during the run is an error.

The URLs are checked (200, not 404 for a page 2 past the end) by the parent process with its
own app, so the server workers start each run cold: no term array, bitmap or facet map
loaded, which they build as the queries come (per index generation; the app caches no
response). `--warm` makes each URL go through the server once before the run instead.
Each run restarts the workers; the summary gives the median of the runs.

Figures: bench/README.md.
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

PHRASES = ("rénovation urbaine", "participation citoyenne", "conseil citoyen",
           "alimentation durable", "insertion professionnelle", "transition écologique",
           "accès aux droits", "centre social", "quartier prioritaire", "santé mentale",
           "cadre de vie", "contrat de ville", "maison de quartier", "appel à projets")

LUA = r"""
-- Each wrk thread walks the URL list from its own starting point, so threads do not send
-- the same URL at the same moment.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local threads_started = 0
setup = function(thread)
  thread:set("start", threads_started)
  threads_started = threads_started + 1
end
local counter = 0
request = function()
  local stride = math.floor(#paths / tonumber(os.getenv("BENCH_THREADS")))
  counter = counter + 1
  return wrk.format("GET", paths[((start or 0) * stride + counter) % #paths + 1])
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
    """An index of `count` synthetic articles, written once by the indexer's own writer and
    kept in bench/_out/ (rewritten when the schema or the merge version changes). Shared
    with bench_reindex, which adds an issue to copies of it."""
    from bench.synthetic import synthetic_archive
    from indexer.schema import SCHEMA_VERSION
    from indexer.writer import Manifest, current_generation
    from kbcli.reindex import DEDUPE_VERSION, index_articles

    index_dir = OUT / f"web-index-{count}"
    generation = current_generation(index_dir) if (index_dir / "CURRENT").exists() else None
    if generation is not None:
        manifest = Manifest.load(generation)
        if (manifest.schema_version, manifest.dedupe_version) == (SCHEMA_VERSION,
                                                                   DEDUPE_VERSION):
            return index_dir
        shutil.rmtree(index_dir)  # built by an older schema: measure the current one
    started = time.perf_counter()
    index_articles(list(synthetic_archive(count)), index_dir)
    print(f"index de {count} articles écrit en {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return index_dir


def query_text(rng: random.Random) -> str:
    """One to three words, mostly domain words, some from the long tail of rare words;
    sometimes a quoted phrase or an excluded word."""
    from bench.synthetic import VOCABULARY, WORDS

    tail = WORDS[len(VOCABULARY):]
    words = [rng.choice(VOCABULARY) if rng.random() < 0.8 else rng.choice(tail)
             for _ in range(rng.choice((1, 1, 2, 2, 3)))]
    roll = rng.random()
    if roll < 0.15:
        words[0] = f'"{rng.choice(PHRASES)}"'
    elif roll < 0.25:
        words[0] = rng.choice(PHRASES)
    if len(words) > 1 and rng.random() < 0.1:
        words[-1] = "-" + words[-1]
    return " ".join(words)


def query_paths(rng: random.Random, count: int = 1000) -> list[str]:
    from bench.synthetic import COMMUNES, THEMES

    paths: dict[str, None] = {}
    while len(paths) < count:
        params: list[tuple[str, str]] = []
        if rng.random() < 0.85:
            params.append(("q", query_text(rng)))
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
        paths["/recherche?" + urllib.parse.urlencode(params)] = None
    return list(paths)


def serve_worker(sock: socket.socket, index_dir: str, threads: int) -> None:
    import logging

    from waitress import serve

    from webui import create_app

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    # As `kb serve` does: generations warmed before they serve (kbcli/serving.py).
    app = create_app({"INDEX_DIR": index_dir, "CORPUS_DIR": tempfile.gettempdir(),
                      "WARM_GENERATIONS": True})
    app.extensions["kb_search"].warm_now()
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


def servable_paths(index_dir: Path, paths: list[str]) -> list[str]:
    """The URLs that answer 200, asked of an app in this process (not of the server
    workers, whose caches stay cold)."""
    from webui import create_app

    app = create_app({"INDEX_DIR": str(index_dir), "CORPUS_DIR": tempfile.gettempdir()})
    client = app.test_client()
    try:
        return [path for path in paths if client.get(path).status_code == 200]
    finally:
        app.extensions["kb_search"].close()


def wait_until_up(base: str) -> None:
    # A static file: the readiness probe must not warm the search caches.
    deadline = time.monotonic() + 30
    while True:
        try:
            fetch(base, "/static/style.css")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def wrk_run(base: str, paths: list[str], clients: int, duration: float) -> dict:
    paths_file = OUT / "web-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = OUT / "web.lua"
    script.write_text(LUA, encoding="utf-8")
    threads = min(clients, 2)
    output = subprocess.run(
        [WRK, f"-t{threads}", f"-c{clients}", f"-d{int(duration)}s", "--timeout", "10s",
         "-s", str(script), base],
        env={**os.environ, "BENCH_PATHS": str(paths_file), "BENCH_THREADS": str(threads)},
        capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in output.splitlines() if ln.startswith("BENCH "))
    return json.loads(line[len("BENCH "):])


def memory_mb(pid: int) -> dict[str, float]:
    """Resident, proportional and unique set sizes of one process, in MiB (Linux
    /proc/PID/smaps_rollup). RSS counts the index's mapped pages each worker shares with the
    page cache and the other workers; USS is what this process alone holds."""
    fields: dict[str, int] = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                fields[name] = int(rest.split()[0])
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss_mb": round(fields.get("Rss", 0) / 1024, 1),
            "pss_mb": round(fields.get("Pss", 0) / 1024, 1), "uss_mb": round(uss / 1024, 1)}


def one_run(args: argparse.Namespace, index_dir: Path, paths: list[str], use_wrk: bool
            ) -> dict:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=serve_worker, args=(sock, str(index_dir), args.threads),
                               daemon=True) for _ in range(args.workers)]
    for worker in workers:
        worker.start()
    try:
        wait_until_up(base)
        if args.warm:
            for path in paths:
                fetch(base, path)
        idle = [memory_mb(worker.pid) for worker in workers]
        load = os.getloadavg()[0]
        if use_wrk:
            result = wrk_run(base, paths, args.clients, args.duration)
        else:
            result = python_client(base, paths, args.clients, args.duration)
        after = [memory_mb(worker.pid) for worker in workers]
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join(5)
        sock.close()
    seconds = result["duration_us"] / 1e6
    return {
        "load_1min_before": round(load, 2), "requests": result["requests"],
        "req_per_s": round(result["requests"] / seconds, 1),
        "p50_ms": round(result["p50_us"] / 1000, 1), "p95_ms": round(result["p95_us"] / 1000, 1),
        "p99_ms": round(result["p99_us"] / 1000, 1), "max_ms": round(result["max_us"] / 1000, 1),
        "errors": result["socket_errors"] + result["non_2xx"],
        # the largest worker, as it started (app loaded, no query yet) and after the run
        "worker_idle": max(idle, key=lambda m: m["uss_mb"]),
        "worker_after": max(after, key=lambda m: m["uss_mb"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--urls", type=int, default=1000, help="URLs distinctes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm", action="store_true",
                        help="chaque URL servie une fois avant la mesure")
    parser.add_argument("--python-client", action="store_true", help="ne pas utiliser wrk")
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    index_dir = build_index(args.articles)
    candidates = query_paths(random.Random(7), args.urls)
    paths = servable_paths(index_dir, candidates)
    use_wrk = bool(WRK) and not args.python_client
    runs = []
    for number in range(1, args.runs + 1):
        run = one_run(args, index_dir, paths, use_wrk)
        runs.append(run)
        print(f"run {number}: {json.dumps(run)}", file=sys.stderr)
    median = {key: round(statistics.median(run[key] for run in runs), 2 if "load" in key else 1)
              for key in ("req_per_s", "p50_ms", "p95_ms", "p99_ms", "load_1min_before")}
    for moment in ("worker_idle", "worker_after"):
        for key in ("rss_mb", "pss_mb", "uss_mb"):
            median[f"{moment}_{key}"] = round(
                statistics.median(run[moment][key] for run in runs), 1)
    errors = sum(run["errors"] for run in runs)
    report = {
        "articles": args.articles, "workers": args.workers, "threads": args.threads,
        "clients": args.clients, "client": "wrk" if use_wrk else "python",
        "caches": "warm" if args.warm else "cold", "distinct_urls": len(paths),
        "urls_not_200_dropped": len(candidates) - len(paths), "duration_s": args.duration,
        "runs": runs, "median": median, "errors": errors,
    }
    (OUT / "web.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    ok = median["req_per_s"] >= 40 and median["p95_ms"] <= 150 and errors == 0
    print(f"bench_web: {args.articles} articles, {args.workers} workers x {args.threads} threads, "
          f"{args.clients} connexions ({report['client']}), {len(paths)} URLs distinctes, "
          f"caches {'chauds' if args.warm else 'froids'}, médiane de {len(runs)} runs de "
          f"{args.duration:g} s : {median['req_per_s']} req/s, p50 {median['p50_ms']} ms, "
          f"p95 {median['p95_ms']} ms, p99 {median['p99_ms']} ms, {errors} erreur(s), "
          f"charge 1 min {median['load_1min_before']} ; mémoire du plus gros worker après le run : "
          f"USS {median['worker_after_uss_mb']} Mo, PSS {median['worker_after_pss_mb']} Mo, "
          f"RSS {median['worker_after_rss_mb']} Mo — objectif (≥ 40 req/s, p95 ≤ 150 ms, "
          f"0 erreur) {'atteint' if ok else 'MANQUÉ'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
