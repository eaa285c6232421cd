"""One new issue into a 10,000-article archive: what the documentalist waits for.

    .venv/bin/python -m bench.bench_reindex [--articles 10000] [--runs 5] [--issue FILE]

Builds (once, cached in bench/_out/) an archive of synthetic articles with the indexer's own
writer, then, each run on a fresh copy of it, times until the new issue is searchable:
- `cold`: `kb reindex --index COPY FILE` in a new process, as typed in a terminal: Python
  starts, reads the file in its sandbox, loads spaCy and the vocabularies, enriches, writes
  a new generation. Wall time of the process; the CLI's own `--json` seconds beside it.
- `watch`: `kb reindex --suivre` already running (model and vocabularies loaded): the time
  from the file landing in the watched folder to a search service seeing its articles in a
  new generation (polled every 50 ms).
The default issue is the shipped text issue of corpus/ (18 articles; its number is one of the
synthetic archive's, so it replaces that issue's 30 articles, as a corrected issue would).
Reported: the median
of the runs and their min–max, the machine's load average before and after.

Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_web import OUT
from bench.bench_web import build_index as build_archive
from bench.kill_loop import KB as KB_MAIN
from bench.kill_loop import ROOT

DEFAULT_ISSUE = ROOT / "corpus" / "resonances-055-2020-05.txt"
KB = [sys.executable, "-c", KB_MAIN]


def fresh_copy(archive: Path, work: Path) -> Path:
    target = work / "index"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(archive, target)
    return target


def article_total(index_dir: Path) -> int:
    from indexer.search import SearchService

    service = SearchService(index_dir)
    try:
        return service.total_articles()
    finally:
        service.close()


def cold_run(index_dir: Path, issue: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run([*KB, "reindex", "--index", str(index_dir), "--json", str(issue)],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"kb reindex a échoué ({done.returncode}) : {done.stderr[-2000:]}")
    summary = json.loads(done.stdout)
    return {"wall_s": wall, "cli_s": summary["seconds"], "articles": summary["articles"]}


def watch_run(index_dir: Path, issue: Path, work: Path) -> dict:
    from indexer.writer import current_generation

    folder = work / "arrivees"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    watcher = subprocess.Popen(
        [*KB, "reindex", "--index", str(index_dir), "--suivre", "--intervalle", "0.5",
         str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        ready = current_generation(index_dir)
        # the watcher is ready once its first pass (empty folder) has published
        deadline = time.monotonic() + 120
        for line in watcher.stderr:
            if "en attente" in line:
                break
            if time.monotonic() > deadline or watcher.poll() is not None:
                raise SystemExit("kb reindex --suivre n'a pas démarré")
        ready = current_generation(index_dir)
        time.sleep(1.0)  # let it settle into its polling loop
        landed = folder / issue.name
        started = time.perf_counter()
        shutil.copyfile(issue, landed)
        while True:
            if current_generation(index_dir) != ready:  # published whole, or not at all
                break
            if time.perf_counter() - started > 120:
                raise SystemExit("le numéro n'est pas apparu en 120 s")
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        return {"wall_s": seconds, "articles_after": article_total(index_dir)}
    finally:
        watcher.send_signal(signal.SIGINT)
        try:
            watcher.wait(10)
        except subprocess.TimeoutExpired:
            watcher.kill()


def spread(values: list[float]) -> str:
    return (f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f}, "
            f"{len(values)} runs)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_reindex",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--issue", type=Path, default=DEFAULT_ISSUE)
    args = parser.parse_args(argv)
    if not args.issue.is_file():
        print(f"numéro introuvable : {args.issue}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    archive = build_archive(args.articles)
    before = article_total(archive)
    load_before = os.getloadavg()
    cold: list[dict] = []
    watch: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-reindex-") as tmp:
        work = Path(tmp)
        for number in range(args.runs):  # interleaved, so that load changes hit both
            cold.append(cold_run(fresh_copy(archive, work), args.issue))
            print(f"run {number + 1} cold: {json.dumps(cold[-1])}", file=sys.stderr)
            watch.append(watch_run(fresh_copy(archive, work), args.issue, work))
            print(f"run {number + 1} watch: {json.dumps(watch[-1])}", file=sys.stderr)
    load_after = os.getloadavg()
    report = {
        "archive_articles": before, "issue": args.issue.name,
        "issue_articles": cold[0]["articles"],
        "cold_wall_s": [round(r["wall_s"], 2) for r in cold],
        "cold_cli_s": [round(r["cli_s"], 2) for r in cold],
        "watch_wall_s": [round(r["wall_s"], 2) for r in watch],
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
    }
    print(json.dumps(report, indent=1))
    print(f"bench_reindex : {args.issue.name} ({report['issue_articles']} articles) dans "
          f"une archive de {before} articles — kb reindex à froid : "
          f"{spread([r['wall_s'] for r in cold])} (dont commande "
          f"{spread([r['cli_s'] for r in cold])}) ; kb reindex --suivre : "
          f"{spread([r['wall_s'] for r in watch])} ; charge avant "
          f"{' / '.join(f'{x:.2f}' for x in load_before)}, après "
          f"{' / '.join(f'{x:.2f}' for x in load_after)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
