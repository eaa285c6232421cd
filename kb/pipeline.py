"""Paths → articles, collecting per-file failures so one bad file never stops a batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from kb.errors import ExtractionError
from kb.extract import extract, supported
from kb.models import Article, ExtractedDocument, Failure, Issue
from kb.segment import issue_warnings, segment


@dataclass(frozen=True, slots=True)
class ReadIssue:
    document: ExtractedDocument
    issue: Issue
    articles: tuple[Article, ...]


def discover(paths: Iterable[str | Path]) -> tuple[list[str], list[Failure]]:
    """Expand folders into the supported files below them, in a stable order.

    A path given explicitly that does not exist is a failure; a file given
    explicitly with an unknown suffix is tried anyway (its magic bytes may tell).
    Inside folders, hidden files and unknown suffixes are skipped silently.
    """
    files: list[str] = []
    failures: list[Failure] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and supported(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(str(p) for p in found)
        elif path.exists():
            files.append(str(given))
        else:
            failures.append(Failure(str(given), "fichier ou dossier introuvable"))
    return files, failures


def read_file(path: str) -> ReadIssue:
    """One file read into its issue and articles. What the documentalist must check (an
    issue whose number or date was found nowhere…) joins the document's warnings, the
    path `kb reindex` and `kb scan` report them through."""
    document = extract(path)
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
    """Yield one ReadIssue per readable file and one Failure per unreadable one."""
    files, failures = discover(paths)
    yield from failures
    for path in files:
        if on_file:
            on_file(path)
        try:
            yield read_file(path)
        except ExtractionError as error:
            yield Failure(error.path, error.reason)


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
