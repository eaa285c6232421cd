"""`kb reindex --suivre`: a reindex that stays running and takes each new issue as it lands.

Why: a `kb reindex` typed for one new issue pays, before its first article, for Python,
spaCy's French tokenizer (one large regular expression compiled at import), the model and
the vocabularies: about 3 of the 4–6 seconds it takes (bench/bench_reindex.py). Left
running, the process keeps them loaded, and a new issue dropped into a watched folder is
searchable about a second after it lands.

Every `interval` seconds it compares the files under the roots (path, size, modification
time: a look at the folder, nothing read) with what the last pass saw. When they differ and
every changed file has been left alone for `SETTLE` seconds (a file still being copied is not
read half-written), it runs one pass — the same as `kb reindex` typed again, so the
corrections, numbers and dates the index keeps apply, and every pass reports as the command
does. A file that still cannot be read keeps its articles and is tried at the next change.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterable

from kb.files import discover

REFUSED = 2  # kb reindex's exit code when it wrote nothing (kbcli/reindexing.py)
SETTLE = 0.5  # seconds a changed file must have been left alone before it is read

_pause = time.sleep  # module names, so that a test can drive the command's loop
_clock_ns = time.time_ns

Snapshot = dict[str, tuple[int, int]]  # path -> (size, modification time in ns)


def snapshot(roots: Iterable[str]) -> Snapshot:
    """What the watched files look like now (missing or unreadable roots included, so
    that their coming back is a change too)."""
    files, failures = discover(list(roots))
    seen: Snapshot = {failure.path: (-1, -1) for failure in failures}
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            seen[path] = (-1, -1)
            continue
        seen[path] = (info.st_size, info.st_mtime_ns)
    return seen


def settled(before: Snapshot, now: Snapshot, clock_ns: int) -> bool:
    """Every file that changed since `before` was last written `SETTLE` seconds ago."""
    return all(clock_ns - mtime >= SETTLE * 1e9 for path, (size, mtime) in now.items()
               if before.get(path) != (size, mtime) and mtime >= 0)


def watch(run_pass: Callable[[], int], roots: Callable[[], list[str]], interval: float, *,
          sleep: Callable[[float], None] | None = None,
          clock_ns: Callable[[], int] | None = None,
          passes: int | None = None) -> int:
    """Run `run_pass` now, then again whenever the files under `roots()` change, until
    interrupted (Ctrl+C or SIGTERM: exit 0) or, for tests, `passes` passes. A first pass
    refused before writing anything (exit code 2: a wrong option, a bad corrections file,
    the index busy with --no-wait) ends the watch with its code; a later one is reported
    and the watch goes on, so that the file can be mended meanwhile."""
    sleep = sleep or _pause
    clock_ns = clock_ns or _clock_ns
    previous = _stop_on_sigterm()
    try:
        if run_pass() == REFUSED:
            return REFUSED
        done = 1
        # The roots change only with a pass (a folder remembered, forgotten): asked once
        # after each, not at every look (they may come from the index's manifest).
        watched = roots()
        seen = snapshot(watched)
        _announce(watched, interval)
        while passes is None or done < passes:
            sleep(interval)
            now = snapshot(watched)
            if now == seen or not settled(seen, now, clock_ns()):
                continue
            run_pass()
            done += 1
            watched = roots()
            seen = snapshot(watched)
            _announce(watched, interval)
        return 0
    except KeyboardInterrupt:
        print("suivi arrêté", file=sys.stderr)
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _announce(roots: list[str], interval: float) -> None:
    every = f"{interval:g}".replace(".", ",")
    print(f"en attente de nouveaux fichiers dans {', '.join(roots)} (intervalle : {every} s ; "
          "Ctrl+C pour arrêter)", file=sys.stderr, flush=True)


def _stop_on_sigterm():
    """SIGTERM (a service manager stopping us) ends the watch as Ctrl+C does: between two
    passes, or within one, whose generation is then never published half-written."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (tests): leave signals alone
        return None
