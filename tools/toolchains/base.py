"""The contract between the render command and one toolchain.

A toolchain turns specs into files with programs we do not control (LibreOffice,
Chromium, MJML…). Those programs may be missing on a machine: `available()` says why
in one line and the toolchain is skipped, never failed. A toolchain renders a whole
batch at once because some programs (soffice) cost seconds to start and convert many
files in one call.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tools.issuegen.spec import IssueSpec
from tools.toolchains.content import Variant


class RenderError(RuntimeError):
    """A program of the toolchain failed on one input; the message says how."""


@dataclass(frozen=True)
class Job:
    """One spec to render into `out` with the look `variant`."""

    spec: IssueSpec
    stem: str
    variant: Variant
    out: Path


@dataclass(frozen=True)
class Toolchain:
    """`render(jobs, workdir)` writes every job's `out` (or raises RenderError for the
    batch) and returns per-stem failures it could isolate; `columns` are the column
    counts its variants draw from."""

    name: str
    ext: str
    description: str
    render: Callable[[list[Job], Path], dict[str, str]]
    available: Callable[[], str | None] = field(default=lambda: None)  # None, or why not
    columns: tuple[int, ...] = (2,)
    # The Variant fields this toolchain honours (None: all), for the manifest.
    look_fields: tuple[str, ...] | None = None
    # Or, where the look depends on more than the Variant, what to record for a job.
    look: Callable[[Job], dict[str, object]] | None = None


def missing_program(program: str, hint: str) -> str | None:
    """None when `program` is on PATH, else the one line saying why we skip."""
    if shutil.which(program):
        return None
    return f"{program} not found on PATH ({hint})"


def run(command: Sequence[str | Path], *, timeout: float, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a program without a shell; a non-zero exit or a timeout is a RenderError
    quoting the end of its error output, so the render log says what went wrong."""
    args = [str(part) for part in command]
    try:
        done = subprocess.run(
            args, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True,
            text=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as error:
        raise RenderError(f"{Path(args[0]).name} timed out after {timeout:.0f} s") from error
    except OSError as error:
        raise RenderError(f"{Path(args[0]).name} could not start: {error}") from error
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RenderError(f"{Path(args[0]).name} exited {done.returncode}: {' | '.join(tail)}")
    return done


def require_output(path: Path, program: str) -> None:
    """Programs such as soffice exit 0 having written nothing: check the file exists."""
    if not path.exists() or path.stat().st_size == 0:
        raise RenderError(f"{program} wrote no {path.suffix} for {path.stem}")
