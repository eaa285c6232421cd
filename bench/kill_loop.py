"""kill -9 during `kb reindex`, many times: the index must always open and answer.

    .venv/bin/python -m bench.kill_loop [--kills 50] [--seed 1] [--with-nlp]

A small corpus flips between two states (one issue added or removed, one issue changed),
so every reindex writes a new generation. Each round starts `kb reindex` in a child
process, SIGKILLs it after a random delay (seeded) within the time a whole run takes,
then checks that:

- the index opens and answers a search, with exactly the issues of the previous state
  or of the new one (never a mix, never nothing);
- a rerun completes the new state (exit 0);
- no half-built generation or temporary pointer is left once the rerun is done.

By default the child runs with the enrichment replaced by a pass-through (no spaCy), so
that the kill points fall in reading and writing rather than in model loading.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

KB_WITHOUT_NLP = """
import sys
import kb.enrich
from kb.models import EnrichedArticle
kb.enrich.enrich_all = lambda articles, **options: [EnrichedArticle(article=a) for a in articles]
from kbcli import main
sys.exit(main(sys.argv[1:]))
"""
KB = "import sys; from kbcli import main; sys.exit(main(sys.argv[1:]))"


def kb_command(*args: str, nlp: bool = False) -> list[str]:
    return [sys.executable, "-c", KB if nlp else KB_WITHOUT_NLP, *args]


def _issue(number: int, titles: list[str], extra: str = ""):
    from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

    articles = [
        ArticleSpec(
            title=title.upper(), kind="Publication",
            paragraphs=[f"{title} : une démarche menée avec les habitant·e·s de Persan. {extra}",
                        "Un second paragraphe décrit le projet, ses partenaires et son budget."],
        )
        for title in titles
    ]
    return IssueSpec(number=number, date=f"20{number - 40:02d}-03-01",
                     sections=[SectionSpec("L'actu du Pôle ressources", articles)])


STABLE = {
    51: ["Jardins partagés", "Santé mentale des jeunes", "Tiers-lieux solidaires"],
    52: ["Conseils citoyens", "Emploi des femmes", "Médiation numérique"],
    53: ["Réussite éducative", "Renouvellement urbain", "Sport et insertion"],
}
FLIPPING = (54, ["Gestion urbaine de proximité", "Budget participatif"])
CHANGING = 52  # its text changes between the two states


def write_state(corpus: Path, state: int) -> set[int]:
    """State 0 or 1 of the corpus; returns the issue numbers it holds."""
    from tools.issuegen.render_pdf import render_pdf
    from tools.issuegen.render_text import render_text

    corpus.mkdir(parents=True, exist_ok=True)
    for number, titles in STABLE.items():
        extra = f"Version {state}." if number == CHANGING else ""
        path = corpus / f"n{number}.txt"
        path.write_text(render_text(_issue(number, titles, extra)), encoding="utf-8")
    pdf = corpus / "n55.pdf"  # a PDF makes the read long enough to be killed in
    if not pdf.exists():
        render_pdf(_issue(55, ["Lutte contre les discriminations", "Accès aux droits",
                               "Prévention spécialisée", "Logement des jeunes"]), pdf)
    flipping = corpus / f"n{FLIPPING[0]}.txt"
    if state:
        flipping.write_text(render_text(_issue(*FLIPPING)), encoding="utf-8")
    else:
        flipping.unlink(missing_ok=True)
    return {*STABLE, 55, *([FLIPPING[0]] if state else [])}


def indexed_issues(index: Path) -> set[int]:
    """Open the index as the web UI would and ask it something."""
    from indexer.api import Query
    from indexer.search import SearchService

    service = SearchService(index)
    try:
        page = service.search(Query("habitants Persan", per_page=5))
        assert page.total > 0, "the index opened but answered nothing"
        return {issue.number for issue in service.issues()}
    finally:
        service.close()


def leftovers(index: Path) -> list[str]:
    """What a finished run must not leave: half-built generations, temporary pointers."""
    from indexer.writer import current_generation

    current = current_generation(index)
    if current is None:
        return ["no current generation"]
    names = sorted(p.name for p in index.iterdir())
    extra = [n for n in names if n.startswith(".CURRENT.")]
    generations = [n for n in names if n.startswith("gen-")]
    # A writer keeps the generation it started from and the one before (readers may still
    # be on them): three at rest. Anything newer than the current one is half-built.
    extra += [g for g in generations if g > current.name]
    older = [g for g in generations if g < current.name]
    extra += older[:-2]
    return extra


@dataclass
class Tally:
    rounds: int = 0
    killed_mid_run: int = 0  # the child was still running when killed
    finished_before_kill: int = 0
    index_opened: int = 0
    kept_previous: int = 0  # after the kill the index showed the previous state
    showed_new: int = 0  # the kill came after the switch
    reruns_completed: int = 0
    leftovers: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)

    def describe(self) -> str:
        return (
            f"{self.rounds} rounds: {self.killed_mid_run} killed mid-run "
            f"({self.finished_before_kill} had already finished); index opened and answered "
            f"{self.index_opened}/{self.rounds} times ({self.kept_previous} on the previous "
            f"generation, {self.showed_new} on the new one); {self.reruns_completed} reruns "
            f"completed; leftovers {len(self.leftovers)}; failures {len(self.failures)}"
        )


def timed_run(index: Path, corpus: Path, nlp: bool) -> float:
    started = time.perf_counter()
    subprocess.run(kb_command("reindex", str(corpus), "--index", str(index), nlp=nlp),
                   cwd=ROOT, check=False, capture_output=True, timeout=600)
    return time.perf_counter() - started


def kill_loop(workdir: Path, kills: int, seed: int = 1, nlp: bool = False,
              log=print) -> Tally:
    rng = random.Random(seed)
    corpus, index = workdir / "corpus", workdir / "index"
    shutil.rmtree(workdir, ignore_errors=True)
    state = 0
    issues = {0: write_state(corpus, 0)}
    done = subprocess.run(kb_command("reindex", str(corpus), "--index", str(index), nlp=nlp),
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"first reindex failed: {done.stderr}")
    # How long a whole incremental run takes: the kills are spread over that time.
    issues[1] = write_state(corpus, 1)
    duration = timed_run(index, corpus, nlp)
    state = 1
    tally = Tally()
    for round_number in range(kills):
        previous, state = state, 1 - state
        issues[state] = write_state(corpus, state)
        delay = rng.uniform(0.0, duration * 1.1)
        child = subprocess.Popen(
            kb_command("reindex", str(corpus), "--index", str(index), nlp=nlp),
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            tally.killed_mid_run += 1
        else:
            tally.finished_before_kill += 1
        child.wait()
        tally.rounds += 1
        try:
            seen = indexed_issues(index)
        except Exception as error:  # reported, not raised: the loop counts them all
            tally.failures.append(f"round {round_number}: index unusable: {error!r}")
            continue
        tally.index_opened += 1
        if seen == issues[previous]:
            tally.kept_previous += 1
        elif seen == issues[state]:
            tally.showed_new += 1
        else:
            tally.failures.append(f"round {round_number}: mixed state {sorted(seen)}")
        rerun = subprocess.run(
            kb_command("reindex", str(corpus), "--index", str(index), "--no-wait", nlp=nlp),
            cwd=ROOT, capture_output=True, text=True, timeout=600)
        if rerun.returncode == 0 and indexed_issues(index) == issues[state]:
            tally.reruns_completed += 1
        else:
            tally.failures.append(
                f"round {round_number}: rerun status {rerun.returncode}: {rerun.stderr[-300:]}")
        tally.leftovers += [f"round {round_number}: {name}" for name in leftovers(index)]
        tally.outcomes[round(delay / duration, 1)] += 1
        if log:
            log(f"round {round_number + 1}/{kills}: killed after {delay:.2f} s, "
                f"index showed {'new' if seen == issues[state] else 'previous'} state")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kill -9 during kb reindex, many times")
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--with-nlp", action="store_true", help="real enrichment (spaCy)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "_out" / "kill-loop")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    started = time.perf_counter()
    tally = kill_loop(args.workdir, args.kills, args.seed, nlp=args.with_nlp)
    print(tally.describe())
    print(f"{time.perf_counter() - started:.0f} s")
    for failure in tally.failures + tally.leftovers:
        print("  " + failure)
    return 0 if not tally.failures and not tally.leftovers else 1


if __name__ == "__main__":
    sys.exit(main())
