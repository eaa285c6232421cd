"""One file's work in a child process of its own, under a time and a memory budget.

Parsers and NLP run over files written by anyone: a decompression bomb, a page a
billion points wide, a regex gone quadratic or a C extension that crashes must cost
one file, not the batch, and must not hold the index's write lock for hours. The child
is forked (it shares the already loaded spaCy model and vocabularies, copy-on-write,
~0.05 s a fork), gets `RLIMIT_AS` = its size at the fork plus the memory budget (a
Python allocation past it raises MemoryError, a C one fails), and is killed when the
wall-clock budget runs out. Its result comes back pickled through a pipe.

POSIX only (fork, setrlimit), like the index's flock.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import pickle
import resource
import select
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kb.errors import ExtractionError

T = TypeVar("T")

DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY_MB = 1024
DEFAULT_ENRICH_CHARS = 200_000
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class SandboxFailure(Exception):
    """The work failed or went over a limit; `reason` is one French line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SandboxFailure(f"{name}={raw!r} : un nombre est attendu") from None
    return value if value > 0 and math.isfinite(value) else default


@dataclass(frozen=True, slots=True)
class Limits:
    seconds: float = DEFAULT_SECONDS  # wall clock, per file read and per issue enriched
    memory_mb: int = DEFAULT_MEMORY_MB  # on top of what the process holds when it forks
    isolated: bool = True  # False: run in this process (no budget), for debugging
    # Entities are looked for in the first this-many characters of an article: spaCy takes
    # ~100 s and 0.5 GB for 1 M characters here, and a list of entities that long helps
    # nobody. The whole text is indexed all the same.
    enrich_chars: int = DEFAULT_ENRICH_CHARS

    @classmethod
    def from_env(cls) -> Limits:
        """`KB_FILE_SECONDS`, `KB_FILE_MEMORY_MB`, `KB_ENRICH_MAX_CHARS`;
        `KB_FILE_SANDBOX=0` turns isolation off."""
        return cls(
            seconds=_env_number("KB_FILE_SECONDS", DEFAULT_SECONDS),
            memory_mb=int(_env_number("KB_FILE_MEMORY_MB", DEFAULT_MEMORY_MB)),
            enrich_chars=int(_env_number("KB_ENRICH_MAX_CHARS", DEFAULT_ENRICH_CHARS)),
            isolated=os.environ.get("KB_FILE_SANDBOX", "1").strip() != "0",
        )


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), the base the memory budget adds to."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def describe(error: BaseException, limits: Limits) -> str:
    """What went wrong in the work, said in one line."""
    if isinstance(error, ExtractionError):
        return error.reason
    if isinstance(error, SandboxFailure):
        return error.reason
    if isinstance(error, MemoryError):
        return f"limite de mémoire dépassée ({limits.memory_mb} Mo, KB_FILE_MEMORY_MB)"
    if isinstance(error, RecursionError):
        return "structure trop profondement imbriquée (récursion)"
    message = " ".join(str(error).split())[:300]
    return f"erreur inattendue ({type(error).__name__} : {message})"


def _die_with_parent(parent: int) -> None:
    """A child outliving a killed `kb reindex` would keep its inherited write lock (an
    flock belongs to the open file, which the child shares): Linux kills it with us."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # already gone before prctl
        os._exit(1)


def _child(work: Callable[[], T], limits: Limits, write_fd: int, parent: int) -> None:
    status = 0
    try:
        _die_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides, and kills us
        base = _address_space()
        if base is not None:
            cap = base + limits.memory_mb * 1024 * 1024
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard == resource.RLIM_INFINITY or cap < hard:
                resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        try:
            payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # everything is reported, nothing raised
            payload = pickle.dumps(("failed", describe(error, limits)))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
    except BaseException:  # a child never returns into the parent code
        status = 1
    finally:
        os._exit(status)


def run_limited(work: Callable[[], T], limits: Limits) -> T:
    """`work()` in a forked child under `limits`; its result, or SandboxFailure."""
    if not limits.isolated:
        try:
            return work()
        except Exception as error:
            raise SandboxFailure(describe(error, limits)) from error
    sys.stdout.flush()
    sys.stderr.flush()
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(work, limits, write_fd, parent)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limits.seconds
    timed_out = False
    try:
        with os.fdopen(read_fd, "rb", buffering=0) as pipe:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([pipe], [], [], left)[0]:
                    timed_out = True
                    break
                chunk = pipe.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        if timed_out or sys.exc_info()[0] is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
    if timed_out:
        raise SandboxFailure(f"délai dépassé ({limits.seconds:g} s, KB_FILE_SECONDS)")
    if os.WIFSIGNALED(status) or not chunks:
        how = (f"signal {signal.Signals(os.WTERMSIG(status)).name}"
               if os.WIFSIGNALED(status) else f"code {os.waitstatus_to_exitcode(status)}")
        raise SandboxFailure(f"le processus de lecture s'est arrêté sans résultat ({how} ; "
                             f"mémoire épuisée ?)")
    outcome, value = pickle.loads(b"".join(chunks))
    if outcome == "failed":
        raise SandboxFailure(value)
    return value
