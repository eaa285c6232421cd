"""Paths → articles, collecting per-file failures so one bad file never stops a batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from kb.controls import strip_controls
from kb.errors import ExtractionError
from kb.extract import extract, preload, supported
from kb.files import discover
from kb.models import Article, ExtractedDocument, Failure, Issue
from kb.sandbox import Limits, SandboxFailure, run_limited
from kb.segment import issue_warnings, segment


@dataclass(frozen=True, slots=True)
class ReadIssue:
    document: ExtractedDocument
    issue: Issue
    articles: tuple[Article, ...]


def without_controls(document: ExtractedDocument) -> ExtractedDocument:
    """Every text of the document without control or bidi characters (kb.controls), before
    segmentation, so no title, body or search snippet carries a terminal escape."""
    blocks = tuple(block if block.text.isprintable()
                   else replace(block, text=strip_controls(block.text))
                   for block in document.blocks)
    return replace(
        document, blocks=blocks,
        title=strip_controls(document.title) if document.title else document.title,
        running_heads=tuple(strip_controls(head) for head in document.running_heads),
    )


def prepare_reading(paths: Iterable[str | Path]) -> None:
    """Load, in this process, what reading these files will need (the extractors, the
    segmenter's place and theme vocabularies): files read in forked sandboxes then share
    them instead of each loading them again (~0.4 s a file for the gazetteer alone)."""
    from kb.segment.vocabulary import known_labels

    preload(paths)
    known_labels()


def read_file(path: str) -> ReadIssue:
    """One file read into its issue and articles. What the documentalist must check (an
    issue whose number or date was found nowhere…) joins the document's warnings, the
    path `kb reindex` and `kb scan` report them through."""
    document = without_controls(extract(path))
    issue, articles = segment(document)
    if not articles:
        raise ExtractionError(path, "aucun article trouvé (fichier sans contenu éditorial ?)")
    if extra := issue_warnings(issue):
        document = replace(document, warnings=(*document.warnings, *extra))
    return ReadIssue(document, issue, tuple(articles))


def read_paths(
    paths: Iterable[str | Path],
    on_file: Callable[[str], None] | None = None,
) -> Iterator[ReadIssue | Failure]:
    """Yield one ReadIssue per readable file and one Failure per unreadable one, each
    file read in its sandbox (kb.sandbox, limits from the environment)."""
    files, failures = discover(paths)
    yield from failures
    limits = Limits.from_env()
    prepare_reading(files)
    for path in files:
        if on_file:
            on_file(path)
        try:
            yield run_limited(partial(read_file, path), limits)
        except SandboxFailure as error:
            yield Failure(path, error.reason)


def skipped_files(paths: Iterable[str | Path]) -> list[str]:
    """The files inside the given folders that `discover` leaves out for their format
    (hidden files aside): a summary names them, so "3 fichiers" for a folder of 5 is
    never a mystery."""
    skipped: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            continue
        skipped.extend(
            str(p) for p in sorted(path.rglob("*"))
            if p.is_file() and not supported(p)
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return skipped
