"""`kb reindex --suivre` (kbcli/watching.py): a pass now, then one whenever the watched files
change and have settled; stops cleanly on Ctrl+C or SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kb.enrich
import kbcli.watching as watching
from bench.kill_loop import KB
from indexer.search import SearchService
from indexer.writer import current_generation
from kb.models import EnrichedArticle
from kbcli import main
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import load_issue

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "tools" / "demo_issues"


def demo_issue(folder: Path, name: str = "resonances-058.toml") -> Path:
    spec = load_issue(DEMO / name)
    path = folder / f"{spec.slug}.txt"
    path.write_text(render_text(spec), encoding="utf-8")
    return path


def test_snapshot_sees_new_changed_and_vanished_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("un", encoding="utf-8")
    (tmp_path / ".cache.txt").write_text("caché", encoding="utf-8")  # hidden: not read
    (tmp_path / "notes.xyz").write_text("?", encoding="utf-8")  # unknown suffix
    first = watching.snapshot([str(tmp_path)])
    assert list(first) == [str(tmp_path / "a.txt")]
    (tmp_path / "b.txt").write_text("deux", encoding="utf-8")
    assert watching.snapshot([str(tmp_path)]) != first
    missing = tmp_path / "gone"
    assert watching.snapshot([str(missing)]) == {str(missing): (-1, -1)}


def test_a_file_written_just_now_has_not_settled(tmp_path: Path) -> None:
    before = watching.snapshot([str(tmp_path)])
    (tmp_path / "a.txt").write_text("un", encoding="utf-8")
    now = watching.snapshot([str(tmp_path)])
    written = now[str(tmp_path / "a.txt")][1]
    assert not watching.settled(before, now, written + 10_000_000)  # 10 ms later
    assert watching.settled(before, now, written + int(watching.SETTLE * 1e9))
    assert watching.settled(now, now, written)  # nothing changed


def test_passes_run_when_files_change_and_settle(tmp_path: Path) -> None:
    runs: list[int] = []
    ticks = iter(range(100))

    def run_pass() -> int:
        runs.append(len(list(tmp_path.iterdir())))
        return 0

    def sleep(seconds: float) -> None:
        tick = next(ticks)
        if tick == 2:
            (tmp_path / "a.txt").write_text("un", encoding="utf-8")
        if tick == 5:
            (tmp_path / "b.txt").write_text("deux", encoding="utf-8")

    clock = {"late": False}

    def clock_ns() -> int:  # the files' writing is long past, except at tick 3
        return time.time_ns() + (0 if clock["late"] else 10**10)

    code = watching.watch(run_pass, lambda: [str(tmp_path)], 0.01, sleep=sleep,
                          clock_ns=clock_ns, passes=3)
    assert code == 0
    assert runs == [0, 1, 2]  # the first pass, then one per new file, none in between


def test_an_unsettled_file_waits_for_the_next_look(tmp_path: Path) -> None:
    runs: list[float] = []
    now = {"ns": 0}

    def sleep(seconds: float) -> None:
        if not (tmp_path / "a.txt").exists():
            (tmp_path / "a.txt").write_text("un", encoding="utf-8")
            now["ns"] = os.stat(tmp_path / "a.txt").st_mtime_ns  # just written
        else:
            now["ns"] += int(watching.SETTLE * 1e9)

    watching.watch(lambda: runs.append(now["ns"]) or 0, lambda: [str(tmp_path)], 0.01,
                   sleep=sleep, clock_ns=lambda: now["ns"], passes=2)
    assert len(runs) == 2 and runs[1] > runs[0]  # read one look later, once settled


def test_a_refused_first_pass_ends_the_watch_with_its_code(tmp_path: Path) -> None:
    def sleep(seconds: float) -> None:
        raise AssertionError("no watching after a refused first pass")

    assert watching.watch(lambda: 2, lambda: [str(tmp_path)], 0.01, sleep=sleep) == 2


def test_a_later_refused_pass_is_reported_and_the_watch_goes_on(tmp_path: Path) -> None:
    codes = iter([0, 2, 0])
    runs = []

    def run_pass() -> int:
        runs.append(1)
        return next(codes)

    files = iter(["a.txt", "b.txt"])

    def sleep(seconds: float) -> None:
        (tmp_path / next(files)).write_text("x", encoding="utf-8")

    watching.watch(run_pass, lambda: [str(tmp_path)], 0.01, sleep=sleep,
                   clock_ns=lambda: time.time_ns() + 10**10, passes=3)
    assert len(runs) == 3


def test_ctrl_c_while_waiting_stops_with_0(tmp_path: Path, capsys) -> None:
    def sleep(seconds: float) -> None:
        raise KeyboardInterrupt

    assert watching.watch(lambda: 0, lambda: [str(tmp_path)], 0.01, sleep=sleep) == 0
    assert "suivi arrêté" in capsys.readouterr().err


def test_the_command_indexes_an_issue_dropped_into_the_watched_folder(
        tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(kb.enrich, "enrich_all", lambda articles, **kwargs: [
        EnrichedArticle(article=a) for a in articles])
    monkeypatch.setattr(watching, "SETTLE", 0)
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    index = tmp_path / "index"
    seen: list[int] = []

    def sleep(seconds: float) -> None:
        generation = current_generation(index)
        service = SearchService(index)
        seen.append(service.total_articles() if generation else -1)
        service.close()
        if len(seen) == 1:
            demo_issue(inbox)
        elif len(seen) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(watching, "_pause", sleep)
    assert main(["reindex", "--index", str(index), "--suivre", "--intervalle", "0,1",
                 str(inbox)]) == 0
    err = capsys.readouterr().err
    assert seen[0] == 0 and seen[1] == seen[2] > 0  # indexed at the look after it came
    assert err.count("en attente de nouveaux fichiers") == 2
    assert "1 numéro" in err and "suivi arrêté" in err


@pytest.mark.parametrize("interval", ["0", "abc", "5000"])
def test_the_interval_is_checked(interval: str, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["reindex", "--index", str(tmp_path), "--suivre", "--intervalle", interval])
    assert stopped.value.code == 2
    assert "--intervalle" in capsys.readouterr().err


@pytest.mark.slow
def test_a_running_watcher_with_spacy_takes_an_issue_and_stops_on_sigterm(
        tmp_path: Path) -> None:
    """The real command, spaCy loaded: the issue is searchable within seconds of landing
    (the bound here is loose, for a loaded machine; bench/bench_reindex.py measures)."""
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    index = tmp_path / "index"
    watcher = subprocess.Popen(
        [sys.executable, "-c", KB, "reindex", "--index", str(index), "--suivre",
         "--intervalle", "0,2", str(inbox)],
        stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        for line in watcher.stderr:
            if "en attente" in line:
                break
        issue = demo_issue(tmp_path)
        shutil.move(issue, inbox / issue.name)
        landed = time.monotonic()
        while time.monotonic() - landed < 60:
            generation = current_generation(index)
            if generation is not None:
                service = SearchService(index)
                total = service.total_articles()
                service.close()
                if total:
                    break
            time.sleep(0.1)
        else:
            pytest.fail("le numéro déposé n'a pas été indexé en 60 s")
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(20) == 0
        assert "suivi arrêté" in watcher.stderr.read()
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()
        watcher.stderr.close()
