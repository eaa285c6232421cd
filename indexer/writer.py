"""Writing the index safely: generations, an atomic pointer, a lock.

Layout of the index directory::

    CURRENT          the name of the generation readers use ("gen-000007"), replaced atomically
    gen-000007/      a complete Whoosh index + manifest.json (files, hashes, facet labels)
    gen-000006/      the previous generation, kept so open readers can finish
    .lock            held (fcntl.flock) by the one process writing

A write never touches the generation readers use: it builds the next one beside it
(hard links to the current segment files, which Whoosh never rewrites, then new segments),
and only when everything is committed does `os.replace` switch CURRENT. A crash, Ctrl-C or
kill -9 at any point leaves CURRENT naming a whole index; the half-built directory is
removed by the next run. The lock is a kernel flock, so a killed writer never leaves a
stale lock behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.documents import to_document
from indexer.schema import SCHEMA_VERSION, build_schema
from kb.models import EnrichedArticle

CURRENT = "CURRENT"
LOCK = ".lock"
MANIFEST = "manifest.json"
GENERATION_PREFIX = "gen-"


class IndexBusy(Exception):
    """Another process is writing this index."""


class IndexWriteError(Exception):
    """The next generation could not be written (disk full…); it was removed, the
    previous one is still served. The message is one French line."""


# Index directories whose write lock this process holds: a GenerationWriter refuses to
# start without it, so no code path can write a generation beside a concurrent writer.
_locked_here: set[Path] = set()
# The lock files' descriptors, closed in every forked child (kb.sandbox reads files in
# forks): a child that outlived a killed writer would otherwise keep the lock, since an
# flock belongs to the open file the child shares. Closing, never LOCK_UN, which would
# release the parent's lock too.
_lock_fds: set[int] = set()


def _drop_locks_in_child() -> None:
    for fd in list(_lock_fds):
        with contextlib.suppress(OSError):
            os.close(fd)
    _lock_fds.clear()
    _locked_here.clear()


os.register_at_fork(after_in_child=_drop_locks_in_child)


@dataclass
class FileEntry:
    sha256: str
    issue_id: str  # the issue the file's articles are indexed under (merged copies share it)
    article_ids: list[str]
    # The number and date read from this file itself: which unchanged files a new copy
    # may be the same issue as (kb.dedupe.may_be_same_issue) is told without reading them.
    number: int | None = None
    date: str | None = None


@dataclass
class Manifest:
    schema_version: str = SCHEMA_VERSION
    roots: list[str] = field(default_factory=list)  # paths given to reindex, for a plain rerun
    files: dict[str, FileEntry] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # facet -> value -> label
    # The rules that merged copies of one issue (kb.dedupe.DEDUPE_VERSION); "" for an index
    # built before them. kbcli.reindex rebuilds whole when it differs.
    dedupe_version: str = ""

    @classmethod
    def load(cls, generation: Path) -> Manifest:
        raw = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
        return cls(
            schema_version=raw["schema_version"],
            roots=raw.get("roots", []),
            files={path: FileEntry(**entry) for path, entry in raw.get("files", {}).items()},
            labels=raw.get("labels", {}),
            dedupe_version=raw.get("dedupe_version", ""),
        )

    def save(self, generation: Path) -> None:
        # ASCII JSON: a file name of non-UTF-8 bytes is a str with lone surrogates
        # (surrogateescape), which UTF-8 cannot encode but a \udcXX escape keeps exactly,
        # so `os.fsencode` of the loaded path gives back the file's bytes.
        path = generation / MANIFEST
        with open(path, "w", encoding="ascii") as handle:
            json.dump(asdict(self), handle)
            handle.flush()
            os.fsync(handle.fileno())


@contextlib.contextmanager
def write_lock(
    index_dir: str | os.PathLike, *, wait: bool = True,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold the index's exclusive write lock; wait for it, or raise IndexBusy."""
    root = Path(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise IndexBusy(f"l'index {root} est en cours d'écriture par un autre processus") \
                    from None
            if on_wait:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        held = root.resolve()
        _locked_here.add(held)
        _lock_fds.add(handle.fileno())
        try:
            yield
        finally:
            _lock_fds.discard(handle.fileno())
            _locked_here.discard(held)
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_generation(index_dir: str | os.PathLike) -> Path | None:
    root = Path(index_dir)
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    generation = root / name
    return generation if name and (generation / MANIFEST).is_file() else None


def generation_number(path: Path) -> int:
    try:
        return int(path.name[len(GENERATION_PREFIX):])
    except ValueError:
        return -1


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _switch_current(root: Path, generation: Path) -> None:
    with tempfile.NamedTemporaryFile(
        "w", dir=root, prefix=".CURRENT.", delete=False, encoding="utf-8"
    ) as handle:
        try:
            handle.write(generation.name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            os.unlink(handle.name)
            raise
    os.replace(handle.name, root / CURRENT)


def _link_tree(source: Path, target: Path) -> None:
    try:
        shutil.copytree(source, target, copy_function=os.link)
    except OSError:  # another file system, or links not allowed: plain copy
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)


class GenerationWriter:
    """One write batch: the next generation, built aside, switched on `commit`.

    Call only while holding `write_lock`. Either `commit()` or `abort()` ends it; leaving
    it unfinished (crash) leaves an orphan directory that the next writer removes.
    """

    def __init__(self, index_dir: str | os.PathLike, *, full: bool = False) -> None:
        self.root = Path(index_dir)
        if self.root.resolve() not in _locked_here:
            raise RuntimeError(f"GenerationWriter({self.root}) outside write_lock")
        self.committed = False
        previous = current_generation(self.root)
        self._remove_orphans(previous)
        self.previous_manifest = Manifest.load(previous) if previous else None
        compatible = (
            self.previous_manifest is not None
            and self.previous_manifest.schema_version == SCHEMA_VERSION
        )
        self.full = full or not compatible
        numbers = [generation_number(p) for p in self.root.glob(GENERATION_PREFIX + "*")]
        self.path = self.root / f"{GENERATION_PREFIX}{max([0, *numbers]) + 1:06d}"
        try:
            self._start(previous)
        except BaseException:
            # A disk full while linking or creating: the half-made directory goes now.
            shutil.rmtree(self.path, ignore_errors=True)
            raise

    def _start(self, previous: Path | None) -> None:
        if self.full or previous is None:
            self.path.mkdir()
            self.index = whoosh_index.create_in(str(self.path), build_schema())
            self.manifest = Manifest()
        else:
            _link_tree(previous, self.path)
            (self.path / MANIFEST).unlink()  # rewritten whole on commit, never shared
            self.index = whoosh_index.open_dir(str(self.path))
            assert self.previous_manifest is not None
            self.manifest = self.previous_manifest
        self._writer = self.index.writer(limitmb=128)
        self.added = 0
        self.deleted = 0

    def _remove_orphans(self, keep: Path | None) -> None:
        """Drop half-built generations and all but the previous complete one."""
        generations = sorted(self.root.glob(GENERATION_PREFIX + "*"), key=generation_number)
        keep_number = generation_number(keep) if keep else -1
        older = [g for g in generations if generation_number(g) < keep_number]
        for generation in generations:
            if generation == keep or (older and generation == older[-1]):
                continue
            shutil.rmtree(generation, ignore_errors=True)
        # A writer killed between writing the new pointer and renaming it leaves it behind.
        for pointer in self.root.glob(".CURRENT.*"):
            pointer.unlink(missing_ok=True)

    def delete_issue(self, issue_id: str) -> None:
        self.deleted += self._writer.delete_by_term("issue", issue_id)

    def add(self, enriched: EnrichedArticle, sources: Sequence[str] = ()) -> None:
        document = to_document(enriched, sources)
        self._writer.add_document(**document.fields)
        for facet, values in document.labels.items():
            self.manifest.labels.setdefault(facet, {}).update(values)
        self.added += 1

    def commit(self) -> Path:
        """Make the new generation the one readers see; returns its directory."""
        self._writer.commit()
        self.index.close()
        self.manifest.schema_version = SCHEMA_VERSION
        self.manifest.save(self.path)
        _fsync_dir(self.path)
        _switch_current(self.root, self.path)
        # From here CURRENT names this generation: a failure after must not remove it.
        self.committed = True
        with contextlib.suppress(OSError):
            _fsync_dir(self.root)
        return self.path

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._writer.cancel()
        with contextlib.suppress(Exception):
            self.index.close()
        shutil.rmtree(self.path, ignore_errors=True)


@contextlib.contextmanager
def open_generation(index_dir: str | os.PathLike, *, full: bool = False
                    ) -> Iterator[GenerationWriter]:
    """A GenerationWriter committed when the block ends normally, aborted otherwise.

    Use inside `write_lock(index_dir)`."""
    try:
        writer = GenerationWriter(index_dir, full=full)
    except OSError as error:
        raise IndexWriteError(_write_failed(index_dir, error)) from error
    try:
        yield writer
        writer.commit()
    except BaseException as error:
        if not writer.committed:
            writer.abort()
        if isinstance(error, OSError):
            raise IndexWriteError(_write_failed(index_dir, error)) from error
        raise


def _write_failed(index_dir: str | os.PathLike, error: OSError) -> str:
    why = {errno.ENOSPC: "disque plein", errno.EDQUOT: "quota du disque dépassé",
           errno.EROFS: "disque en lecture seule", errno.EACCES: "permission refusée",
           errno.EIO: "erreur d'entrée-sortie du disque"}.get(error.errno or 0,
                                                              error.strerror or str(error))
    return (f"écriture de l'index {index_dir} impossible ({why}) : rien n'a été modifié, "
            f"l'index précédent reste en service")


def warn_waiting(index_dir: str | os.PathLike) -> Callable[[], None]:
    def tell() -> None:
        print(f"un autre « kb reindex » écrit dans {index_dir} : attente de sa fin…",
              file=sys.stderr)
    return tell
