"""kill -9 during `kb reindex`, two reindexes at once, a lock left by a killed writer.

The long version is `python -m bench.kill_loop --kills 50`; here a few seeded rounds.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.kill_loop import ROOT, indexed_issues, kb_command, kill_loop, write_state
from bench.soak import soak
from indexer.writer import LOCK

# A writer elsewhere: takes the index's lock, says so, holds it until its stdin closes.
HOLD_LOCK = """
import sys
from indexer.writer import write_lock
with write_lock(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.read()
"""


def hold_lock(index: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(index)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, Path, set[int]]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    issues = write_state(corpus, 1)
    done = subprocess.run(kb_command("reindex", str(corpus), "--index", str(index)),
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return corpus, index, issues


def test_kill_9_at_random_points_never_loses_the_index(tmp_path: Path) -> None:
    tally = kill_loop(tmp_path / "loop", kills=5, seed=20240601, log=None)
    assert tally.failures == []
    assert tally.leftovers == []
    assert tally.rounds == tally.index_opened == tally.reruns_completed == 5
    assert tally.kept_previous + tally.showed_new == 5
    assert tally.killed_mid_run >= 1


def test_second_reindex_says_so_with_no_wait_and_waits_without(indexed) -> None:
    corpus, index, issues = indexed
    (corpus / "n51.txt").write_text(
        (corpus / "n51.txt").read_text(encoding="utf-8") + "\nUn ajout.\n", encoding="utf-8")
    holder = hold_lock(index)
    try:
        refused = subprocess.run(
            kb_command("reindex", str(corpus), "--index", str(index), "--no-wait"),
            cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert refused.returncode == 2
        assert "en cours d'écriture par un autre processus" in refused.stderr

        waiting = subprocess.Popen(
            kb_command("reindex", str(corpus), "--index", str(index)),
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert waiting.stderr is not None
        told = waiting.stderr.readline()
        assert "un autre « kb reindex » écrit dans" in told and "attente" in told
        time.sleep(0.3)
        assert waiting.poll() is None  # still waiting while the lock is held
    finally:
        holder.communicate(timeout=30)  # closing its stdin releases the lock
    _, rest = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, rest
    assert "(1 lu," in rest  # French plural since issue 12: "1 lu"
    assert indexed_issues(index) == issues


def test_lock_of_a_killed_writer_does_not_block_the_next_run(indexed) -> None:
    corpus, index, issues = indexed
    holder = hold_lock(index)
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    assert holder.returncode == -signal.SIGKILL
    assert (index / LOCK).exists()  # the file stays; the kernel dropped the flock
    done = subprocess.run(
        kb_command("reindex", str(corpus), "--index", str(index), "--no-wait", "--full"),
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert indexed_issues(index) == issues


def test_short_soak_searches_keep_answering_during_reindex(tmp_path: Path) -> None:
    """A few seconds of bench/soak.py: 2 clients, 2 reindexes, no error, no stale lock."""
    report = soak(tmp_path / "soak", articles=300, clients=2, seconds=4, reindexes=2,
                  max_requests=2000, nlp=False)
    told = report.describe()
    assert report.requests > 20, told
    assert report.errors == 0, (told, report.first_errors)
    assert report.reindex_statuses == [0, 0], told
    assert report.new_generation_served and report.lock_free_after, told
    assert report.leftovers == [], told
    assert report.p95_ms < 2000, told  # generous: the suite shares the machine
