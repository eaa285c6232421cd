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
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path

from indexer.schema import SCHEMA_VERSION
from indexer.writer import (
    FileEntry,
    Manifest,
    current_generation,
    open_generation,
    write_lock,
)
from kb.controls import shown
from kb.dedupe import DEDUPE_VERSION, Copy, MergedIssue, may_be_same_issue, merge_copies
from kb.files import discover, os_error_fr
from kb.models import Article, EnrichedArticle, Failure, Issue
from kb.pipeline import ReadIssue, prepare_reading, read_file
from kb.sandbox import Limits, SandboxFailure, run_limited
from kb.settings import corpus_dir_from_env
from kb.textclean import plural

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
            f"{mode} : {plural(self.files, 'fichier')} ({plural(self.read, 'lu')}, "
            f"{plural(self.unchanged, 'inchangé')}, {plural(self.removed, 'retiré')}), "
            f"{plural(self.issues, 'numéro')}, {plural(self.articles, 'article')} indexés "
            f"({self.total_articles} au total), {plural(len(self.failures), 'erreur')}, "
            f"{plural(len(self.warnings), 'avertissement')}, {self.seconds:.1f} s"
        )


def shared_enricher(overrides: str | None = None) -> tuple[Enricher, Callable[[], object]]:
    """An enricher and its warm-up: the spaCy model and vocabularies are built once in
    this process, before the sandboxes fork, so no child loads them again."""
    from kb.enrich import Enricher as Built

    built = cache(lambda: Built.create(overrides))
    return (lambda articles: built().enrich(articles)), built


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
        path = shown(path)  # a newline in a name would break the bar's line
        name = path if len(path) < 40 else "…" + path[-39:]
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                         f"{done[0]}/{total} {name:<40}")
        if done[0] == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return show


def _under(path: str, places: Sequence[str]) -> bool:
    return any(path == place or path.startswith(place.rstrip(os.sep) + os.sep)
               for place in places)


def reindex(
    paths: Sequence[str] | None,
    index_dir: str | os.PathLike,
    *,
    full: bool = False,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    enrich: Enricher | None = None,
    warm_up: Callable[[], object] | None = None,
    progress: bool = True,
    limits: Limits | None = None,
    reader: Callable[[str], ReadIssue] = read_file,
    reread: Sequence[str] = (),
    forget: Sequence[str] = (),
    prune: bool = False,
) -> ReindexSummary:
    """Bring the index up to date with the files under `paths` (else the recorded roots).

    Nothing read, nothing removed: an article leaves the index only when its file's folder
    was listed and the file is gone, or when its file was read and no longer holds it. A
    file, folder or root that could not be listed or read is a failure, and its issue keeps
    the articles indexed before, untouched, until it can be read again. Each file is read,
    and each issue enriched, in a sandbox (kb.sandbox) under `limits` (default: from the
    environment); `warm_up` loads what the enrichment shares (spaCy) once, before forking.

    `reader` reads one file (the CLI applies the documentalist's issue numbers and dates
    there); `reread` are files to read even if unchanged (new metadata); `forget` are
    remembered roots to drop with their files; `prune` forgets the vanished ones.
    """
    started = time.perf_counter()
    summary = ReindexSummary()
    limits = limits or Limits.from_env()
    if enrich is None:
        enrich, warm_up = shared_enricher()
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
        summary.files = len(files)
        summary.failures += [Failure(os.path.normpath(f.path), f.reason) for f in failures]

        hashes: dict[str, str] = {}
        for path in files:
            try:
                hashes[path] = file_sha256(path)
            except OSError as error:
                summary.failures.append(Failure(path, f"lecture impossible ({os_error_fr(error)})"))
        # Where a folder could not be listed or a file read, or a remembered root has
        # vanished, nothing is known: what was indexed from there stays, whole issues at a
        # time (an issue may have two files), a full rebuild included.
        unseen = [f.path for f in summary.failures]
        held_paths = {p for p in old.files if (_in_scope(p, roots) and _under(p, unseen))
                      or (_in_scope(p, vanished) and not _in_scope(p, forgotten))}
        known = {} if full else old.files
        wanted = {os.path.normpath(p) for p in reread}
        changed = [p for p in hashes if known.get(p) is None or known[p].sha256 != hashes[p]
                   or p in wanted]
        removed = [p for p in old.files if (_in_scope(p, roots) or _in_scope(p, forgotten))
                   and p not in hashes and p not in held_paths]
        summary.unchanged = len(hashes) - len(changed)
        summary.removed = len(removed)
        affected = {known[p].issue_id for p in (*changed, *removed) if p in known}

        read: dict[str, ReadIssue] = {}
        show = _progress(len(changed)) if progress else (lambda path: None)

        def read_one(path: str) -> None:
            show(path)
            try:
                read[path] = run_limited(partial(reader, path), limits)
                summary.warnings += [Failure(path, w) for w in read[path].document.warnings]
            except SandboxFailure as error:
                summary.failures.append(Failure(path, error.reason))
                if path in old.files:
                    held_paths.add(path)

        prepare_reading(changed)
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

        merged, enriched_by_id, held = _merge_and_enrich(
            read, old, held_paths, enrich, warm_up, limits, summary)
        if full and held and old.schema_version != SCHEMA_VERSION:
            # The new schema cannot hold the old documents, and rebuilding without them
            # would drop articles nobody could read: the previous index stays.
            summary.failures.append(Failure(
                str(index_dir), "reconstruction complète nécessaire (nouvelle version de "
                "l'index) mais des fichiers indexés n'ont pas pu être relus (illisibles, ou "
                "dossier disparu : kb oublier) : index précédent conservé"))
            summary.seconds = time.perf_counter() - started
            return summary

        # A full rebuild that must keep unreadable issues starts from the previous
        # generation and deletes everything else, instead of starting empty.
        carry = full and bool(held)
        with open_generation(index_dir, full=full and not carry) as writer:
            manifest = writer.manifest
            if carry:
                affected |= {entry.issue_id for entry in old.files.values()}
                manifest.files = {p: e for p, e in old.files.items() if e.issue_id in held}
            for issue_id in sorted((affected | {issue.issue.id for issue in merged}) - held):
                writer.delete_issue(issue_id)
            for issue in merged:
                for item in issue.articles:
                    writer.add(enriched_by_id[item.article.id], item.sources)
            for path in removed:
                manifest.files.pop(path, None)
            for issue in merged:
                for path in issue.paths:
                    own = read[path]
                    # The hash of the bytes read, not of the file before: a file rewritten
                    # while it was read is seen as changed by the next run.
                    manifest.files[path] = FileEntry(own.document.source.sha256, issue.issue.id,
                                                     issue.article_ids(path), own.issue.number,
                                                     own.issue.date)
            manifest.roots = sorted((set(manifest.roots if not full else ()) | set(roots)
                                     | set(vanished)) - set(forgotten))
            manifest.dedupe_version = DEDUPE_VERSION
        summary.generation = writer.path.name
        summary.issues = len(merged)
        summary.articles = writer.added
        summary.total_articles = len({i for e in manifest.files.values() for i in e.article_ids})
        summary.seconds = time.perf_counter() - started
        return summary


def _capped(article: Article, chars: int, summary: ReindexSummary) -> Article:
    """The article as enrichment sees it: its text cut at `chars` (a prefix, so the
    mentions' offsets stay those of the whole text, which is what gets indexed)."""
    if len(article.text) <= chars:
        return article
    summary.warnings.append(Failure(article.source, (
        f"article « {article.title[:60]} » de {len(article.text):,} caractères : entités "
        f"cherchées dans les {chars:,} premiers (KB_ENRICH_MAX_CHARS)").replace(",", "\u202f")))
    return replace(article, text=article.text[:chars])


def _merge_and_enrich(
    read: dict[str, ReadIssue], old: Manifest, held_paths: set[str], enrich: Enricher,
    warm_up: Callable[[], object] | None, limits: Limits, summary: ReindexSummary,
) -> tuple[list[MergedIssue], dict[str, EnrichedArticle], set[str]]:
    """The issues to index, their enriched articles, and the ids of the issues that keep
    their indexed version (one of their files unreadable, or their enrichment failed)."""
    held = {old.files[p].issue_id for p in held_paths}
    ready: list[MergedIssue] = []
    for issue in merge_issues(list(read.values())):
        before = {old.files[p].issue_id for p in issue.paths if p in old.files}
        if issue.issue.id in held or before & held:
            held |= before | {issue.issue.id}
            summary.warnings += [Failure(p, "numéro laissé tel qu'indexé : un autre de ses "
                                            "fichiers n'a pas pu être lu") for p in issue.paths]
        else:
            ready.append(issue)
    if ready and warm_up:
        warm_up()
    merged: list[MergedIssue] = []
    enriched_by_id: dict[str, EnrichedArticle] = {}
    for issue in ready:
        whole = {item.article.id: item.article for item in issue.articles}
        articles = [_capped(article, limits.enrich_chars, summary) for article in whole.values()]
        # Enrichment time grows with the text: the budget too, per 200,000 characters.
        size = sum(len(a.text) + len(a.title) + len(a.lead or "") for a in articles)
        budget = replace(limits, seconds=limits.seconds * max(1, math.ceil(size / 200_000)))
        try:
            enriched = [replace(item, article=whole[item.article.id])
                        for item in run_limited(partial(enrich, articles), budget)]
        except SandboxFailure as error:
            summary.failures += [Failure(p, f"enrichissement : {error.reason}")
                                 for p in issue.paths]
            held |= {old.files[p].issue_id for p in issue.paths if p in old.files}
            held.add(issue.issue.id)
            continue
        merged.append(issue)
        enriched_by_id.update((item.article.id, item) for item in enriched)
    return merged, enriched_by_id, held


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
