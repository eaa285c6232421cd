"""`kb reindex`: files → enriched articles → the next index generation.

Incremental by content hash: only new and changed files are read (plus the other files
of the same issue, and the files that may be the same issue by content, so an issue
received as PDF and as e-mail HTML is merged again whole); files gone from the scanned
paths lose their articles. Copies of one issue are merged by `kb.dedupe.merge_copies`
(articles matched on their bodies): one article read from several files is indexed once,
with all its sources, cited from the PDF when there is one (page numbers make citations).
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from indexer.schema import SCHEMA_VERSION
from indexer.writer import (
    FileEntry,
    Manifest,
    current_generation,
    open_generation,
    write_lock,
)
from kb.dedupe import DEDUPE_VERSION, Copy, MergedIssue, may_be_same_issue, merge_copies
from kb.errors import ExtractionError
from kb.models import Article, EnrichedArticle, Failure, Issue
from kb.pipeline import ReadIssue, discover, read_file
from kb.settings import corpus_dir_from_env

Enricher = Callable[[Sequence[Article]], list[EnrichedArticle]]


@dataclass
class ReindexSummary:
    files: int = 0  # files found under the paths
    read: int = 0  # files read this run (new, changed, or sibling of a changed one)
    unchanged: int = 0
    removed: int = 0
    issues: int = 0  # issues (re)indexed this run
    articles: int = 0  # articles (re)indexed this run
    total_articles: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)  # files read only in part
    seconds: float = 0.0
    full: bool = False
    generation: str | None = None  # None when nothing changed
    # Remembered roots that no longer exist: their articles stay until forgotten.
    vanished: list[str] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)  # roots dropped this run

    def describe(self) -> str:
        mode = "reconstruction complète" if self.full else "mise à jour"
        return (
            f"{mode} : {self.files} fichiers ({self.read} lus, {self.unchanged} inchangés, "
            f"{self.removed} retirés), {self.issues} numéros, {self.articles} articles indexés "
            f"({self.total_articles} au total), {len(self.failures)} erreurs, "
            f"{len(self.warnings)} avertissements, "
            f"{self.seconds:.1f} s"
        )


def default_enricher() -> Enricher:
    from kb.enrich import enrich_all

    return lambda articles: enrich_all(articles)


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _in_scope(path: str, roots: Sequence[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def merge_issues(items: Sequence[ReadIssue]) -> list[MergedIssue]:
    """Files read → issues, each article once with every file it was read from."""
    return merge_copies(Copy(item.document.source.path, item.issue,
                             item.document.source.format, item.articles) for item in items)


def _may_join(entry: FileEntry, items: Sequence[ReadIssue]) -> bool:
    """Could this unchanged file be the same issue as one just read (by content)?"""
    issue = Issue(entry.issue_id, "", entry.number, entry.date)
    return any(may_be_same_issue(issue, item.issue) for item in items)


def _progress(total: int) -> Callable[[str], None]:
    if not sys.stderr.isatty():
        return lambda path: None
    done = [0]

    def show(path: str) -> None:
        done[0] += 1
        width = 30
        filled = width * done[0] // max(total, 1)
        name = path if len(path) < 40 else "…" + path[-39:]
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                         f"{done[0]}/{total} {name:<40}")
        if done[0] == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return show


def reindex(
    paths: Sequence[str] | None,
    index_dir: str | os.PathLike,
    *,
    full: bool = False,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    enrich: Enricher | None = None,
    progress: bool = True,
    reader: Callable[[str], ReadIssue] = read_file,
    reread: Sequence[str] = (),
    forget: Sequence[str] = (),
    prune: bool = False,
) -> ReindexSummary:
    """`reader` reads one file (the CLI applies the documentalist's issue numbers and
    dates there); `reread` are files to read even if unchanged (new metadata); `forget`
    are remembered roots to drop with their files; `prune` forgets the vanished ones."""
    started = time.perf_counter()
    summary = ReindexSummary()
    with write_lock(index_dir, wait=wait, on_wait=on_wait):
        previous = current_generation(index_dir)
        old = Manifest.load(previous) if previous else Manifest()
        full = (full or previous is None or old.schema_version != SCHEMA_VERSION
                or old.dedupe_version != DEDUPE_VERSION)
        summary.full = full
        given = [os.path.normpath(p) for p in paths] if paths else []
        # With no path and none remembered: $KB_CORPUS, the folder `kb serve` serves.
        roots = given or old.roots or [os.path.normpath(corpus_dir_from_env())]
        forgotten, roots, vanished = _forget_vanished(roots, old.roots, bool(given), forget,
                                                      prune)
        summary.forgotten, summary.vanished = forgotten, vanished
        files, failures = discover(roots)
        # A file given once by itself stays a root inside its folder's root: count it once.
        files = list(dict.fromkeys(os.path.normpath(f) for f in files))
        if full and not given and old.roots:
            roots = old.roots
        summary.files = len(files)
        summary.failures += failures

        hashes: dict[str, str] = {}
        for path in files:
            try:
                hashes[path] = file_sha256(path)
            except OSError as error:
                summary.failures.append(Failure(path, f"lecture impossible : {error.strerror}"))
        known = {} if full else old.files
        wanted = {os.path.normpath(p) for p in reread}
        changed = [p for p in hashes if known.get(p) is None or known[p].sha256 != hashes[p]
                   or p in wanted]
        removed = [p for p in known if (_in_scope(p, roots) or _in_scope(p, forgotten))
                   and p not in hashes and not _in_scope(p, vanished)
                   and os.path.normpath(p) not in {f.path for f in failures}]
        summary.unchanged = len(hashes) - len(changed)
        summary.removed = len(removed)
        affected = {known[p].issue_id for p in (*changed, *removed) if p in known}

        read: dict[str, ReadIssue] = {}
        show = _progress(len(changed)) if progress else (lambda path: None)

        def read_one(path: str) -> None:
            show(path)
            try:
                read[path] = reader(path)
                summary.warnings += [Failure(path, w) for w in read[path].document.warnings]
            except ExtractionError as error:
                summary.failures.append(Failure(path, error.reason))
            except Exception as error:  # a bug on one file must not lose the batch
                summary.failures.append(
                    Failure(path, f"erreur inattendue ({type(error).__name__} : {error})"))

        for path in changed:
            read_one(path)
        # Then the files that may be the issue of a changed one by content (a number or
        # date missing on one side), and, until none is added, the other files of every
        # issue the files read were or are in.
        fresh = [read[p] for p in changed if p in read]
        tried = set(changed)
        batch = [p for p, entry in known.items()
                 if p in hashes and p not in tried and _may_join(entry, fresh)]
        while True:
            for path in batch:
                read_one(path)
            tried.update(batch)
            affected |= {known[p].issue_id for p in read if p in known}
            affected |= {item.issue.id for item in read.values()}
            batch = [p for p, entry in known.items()
                     if p in hashes and p not in tried and entry.issue_id in affected]
            if not batch:
                break
        summary.read = len(read)

        if not read and not removed and not full and not forgotten:
            summary.total_articles = len({i for e in old.files.values() for i in e.article_ids})
            summary.seconds = time.perf_counter() - started
            return summary

        merged = merge_issues(list(read.values()))
        articles = [item.article for issue in merged for item in issue.articles]
        enriched = (enrich or default_enricher())(articles) if articles else []
        enriched_by_id = {item.article.id: item for item in enriched}

        with open_generation(index_dir, full=full) as writer:
            for issue_id in sorted(affected | {issue.issue.id for issue in merged}):
                writer.delete_issue(issue_id)
            for issue in merged:
                for item in issue.articles:
                    writer.add(enriched_by_id[item.article.id], item.sources)
            manifest = writer.manifest
            for path in removed:
                manifest.files.pop(path, None)
            for issue in merged:
                for path in issue.paths:
                    own = read[path].issue
                    manifest.files[path] = FileEntry(hashes[path], issue.issue.id,
                                                     issue.article_ids(path), own.number,
                                                     own.date)
            manifest.roots = sorted((set(manifest.roots if not full else ()) | set(roots)
                                     | set(vanished)) - set(forgotten))
            manifest.dedupe_version = DEDUPE_VERSION
        summary.generation = writer.path.name
        summary.issues = len(merged)
        summary.articles = writer.added
        summary.total_articles = len({i for e in manifest.files.values() for i in e.article_ids})
        summary.seconds = time.perf_counter() - started
        return summary


def _forget_vanished(
    roots: Sequence[str], remembered: Sequence[str], given: bool, forget: Sequence[str],
    prune: bool,
) -> tuple[list[str], list[str], list[str]]:
    """(forgotten, roots to scan, vanished): a remembered root gone from the disk is not
    an error to repeat on every run but a warning, its articles kept until forgotten (a
    path given on the command line that does not exist stays an error)."""
    vanished = [] if given else [r for r in remembered if not os.path.exists(r)]
    dropped = {os.path.normpath(p) for p in forget} | (set(vanished) if prune else set())
    forgotten = [r for r in remembered if r in dropped or _in_scope(r, sorted(dropped))]
    scan = [r for r in roots if r not in forgotten and r not in vanished]
    return forgotten, scan, [r for r in vanished if r not in forgotten]


def index_articles(
    enriched: Sequence[EnrichedArticle], index_dir: str | os.PathLike, *, full: bool = True,
    sources: dict[str, list[str]] | None = None,
) -> Path:
    """Write already enriched articles straight into a new generation (tests, benchmarks).
    They go in as given (nothing to merge), so a later `reindex` need not rebuild for
    `DEDUPE_VERSION`."""
    with write_lock(index_dir), open_generation(index_dir, full=full) as writer:
        for issue_id in sorted({e.article.issue.id for e in enriched}):
            writer.delete_issue(issue_id)
        for item in enriched:
            writer.add(item, (sources or {}).get(item.article.id, [item.article.source]))
        writer.manifest.dedupe_version = DEDUPE_VERSION
    return writer.path
