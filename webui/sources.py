"""Serving source files of the archive, and only those under the configured corpus root
or under a folder the index was built from (`kb reindex DOSSIER`).

Files under the corpus root keep their plain links (`/source/2021/n57.pdf`); a file of
another indexed folder is linked as `/source/_/KEY/relative/path`, KEY being a digest of
the folder's real path, stable across reindexes and leaking nothing of the server's
layout. Both go through the same no-traversal resolution.

Only the issue files the index lists (its manifest) are served: never a hidden file
(`.git/config`, `.secret`), nor any other file of those folders."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath

from flask import abort, current_app, send_from_directory
from werkzeug.security import safe_join

from webui.security import SOURCE_CSP
from webui.services import search_service

MIMETYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def corpus_root() -> Path:
    return Path(current_app.config["CORPUS_DIR"])


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


EXTRA = "_"  # first URL segment of files served from an indexed folder's KEY


def indexed_folders() -> dict[str, Path]:
    """KEY → real path of every indexed folder outside the corpus root. Relative roots
    are read from the server's working folder, as `kb reindex` was given them."""
    service = search_service()
    roots = service.source_roots() if hasattr(service, "source_roots") else []
    corpus = corpus_root().resolve()
    folders: dict[str, Path] = {}
    for root in roots:
        real = Path(os.path.realpath(root))
        if real.is_dir() and not _inside(real, corpus):
            folders[hashlib.sha256(str(real).encode("utf-8", "surrogateescape")
                                   ).hexdigest()[:12]] = real
    return folders


def resolve_inside_root(relative: str) -> Path | None:
    """The real file for a URL path, or None when it is not a file really under the root."""
    return resolve_inside(corpus_root().resolve(), relative)


def resolve_inside(root: Path, relative: str) -> Path | None:
    """The real file `relative` names under `root`, or None.

    safe_join refuses '..' and absolute paths; resolving the result refuses symlinks that
    lead out of the root.
    """
    if not relative or "\\" in relative or "\x00" in relative:
        return None
    joined = safe_join(str(root), relative)
    if joined is None:
        return None
    try:
        real = Path(os.path.realpath(joined))
        if not _inside(real, root) or not real.is_file():
            return None
    except OSError:  # a name too long for the file system, a loop of links: not a file
        return None
    return real


def source_link(source: str) -> str | None:
    """The path, relative to the corpus root, of an article's source file, if served.

    The index keeps the path as given to the indexer ("corpus/2021/n57.pdf", or an
    absolute path); the file is linked only when it exists under the root. A name whose
    bytes are not UTF-8 (kept as surrogates) cannot make a URL: it is not linked.
    """
    link = _source_link(source)
    try:
        return link.encode("utf-8") and link if link else None
    except UnicodeEncodeError:
        return None


def _source_link(source: str) -> str | None:
    if not source:
        return None
    root = corpus_root().resolve()
    given = Path(source)
    candidates: list[str] = []
    if given.is_absolute():
        resolved = Path(os.path.realpath(given))
        if _inside(resolved, root):
            candidates.append(resolved.relative_to(root).as_posix())
    else:
        parts = PurePosixPath(given.as_posix()).parts
        # "corpus/2021/n57.pdf" served from a root named corpus: drop leading folders
        # until the rest exists under the root.
        candidates.extend(PurePosixPath(*parts[i:]).as_posix() for i in range(len(parts)))
    for candidate in candidates:
        if resolve_inside_root(candidate) is not None:
            return candidate
    return _indexed_folder_link(given)


def _indexed_folder_link(given: Path) -> str | None:
    try:
        real = Path(os.path.realpath(given))
    except OSError:
        return None
    for key, folder in indexed_folders().items():
        if _inside(real, folder) and real.is_file():
            return f"{EXTRA}/{key}/{real.relative_to(folder).as_posix()}"
    return None


def _locate(relative: str) -> tuple[Path, Path] | None:
    """(root, real file) for a /source/ URL path, or None."""
    if relative.startswith(f"{EXTRA}/"):
        key, _, rest = relative[len(EXTRA) + 1:].partition("/")
        folder = indexed_folders().get(key)
        real = resolve_inside(folder, rest) if folder is not None else None
        return (folder, real) if folder is not None and real is not None else None
    real = resolve_inside_root(relative)
    return (corpus_root().resolve(), real) if real is not None else None


def resolve_link(relative: str) -> Path | None:
    """The real file a /source/ URL path serves (corpus root or indexed folder), or None."""
    located = _locate(relative)
    return located[1] if located is not None else None


def listed_sources() -> set[Path]:
    """Real paths of the issue files the index lists, as served from /source/."""
    listed: set[Path] = set()
    for issue in search_service().issues():
        for source in issue.sources:
            link = source_link(source)
            real = resolve_link(link) if link else None
            if real is not None:
                listed.add(real)
    return listed


def _servable(relative: str, root: Path, real: Path) -> bool:
    hidden = any(part.startswith(".") for part in (*PurePosixPath(relative).parts,
                                                     *real.relative_to(root).parts))
    return not hidden and real.suffix.lower() in MIMETYPES and real in listed_sources()


def send_source(relative: str):
    located = _locate(relative)
    if located is None or not _servable(relative, *located):
        abort(404, description="Ce fichier n'existe pas dans l'archive.")
    root, real = located
    response = send_from_directory(
        root, real.relative_to(root).as_posix(), mimetype=MIMETYPES.get(real.suffix.lower())
    )
    response.headers["Content-Security-Policy"] = SOURCE_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
