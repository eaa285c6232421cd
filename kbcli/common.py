"""What every command shares: where the index is, how failures are said."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence

from kb.controls import for_terminal, shown, strip_controls
from kb.models import Article, Failure
from kb.pipeline import ReadIssue, read_paths
from kb.settings import index_dir_from_env


def index_dir(args: argparse.Namespace) -> str:
    return getattr(args, "index", None) or index_dir_from_env()


def index_missing(args: argparse.Namespace) -> bool:
    """Say so when there is no index to read: a wrong --index must not look like 0 results."""
    from indexer.writer import current_generation

    if current_generation(index_dir(args)) is not None:
        return False
    print(f"erreur : aucun index dans {index_dir(args)} "
          f"(à construire avec « kb reindex --index {index_dir(args)} CHEMIN… »)",
          file=sys.stderr)
    return True


def report_failures(failures: Sequence[Failure], label: str = "erreur") -> None:
    """One line per file: the path escaped (a newline in a file name must not forge a
    second report line), the reason on one line."""
    for failure in failures:
        reason = " ".join(strip_controls(failure.reason).split())
        print(f"{label} : {shown(failure.path)} : {reason}", file=sys.stderr)


class TerminalSafe(io.TextIOBase):
    """A text stream that drops what would act on the terminal instead of being shown
    (ESC sequences, C1 controls, bidi overrides: kb.controls), whatever the text's origin
    (an index built before control characters were stripped, a reason quoting a file),
    and writes a file name's undecodable bytes as JSON-valid escapes (\\udce9) instead of
    failing on them."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(for_terminal(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


def report_warnings(item: ReadIssue) -> None:
    """Files read only in part (scanned pages without OCR…) are said, never dropped quietly."""
    report_failures(
        [Failure(item.document.source.path, w) for w in item.document.warnings], "avertissement"
    )


def read_articles(paths: Sequence[str]) -> tuple[list[Article], list[Failure]]:
    """The articles of every readable file under `paths`, and the files that could not be read."""
    articles: list[Article] = []
    failures: list[Failure] = []
    for item in read_paths(paths):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            report_warnings(item)
            articles.extend(item.articles)
    return articles, failures
