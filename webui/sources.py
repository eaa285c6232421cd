"""Serving source files of the archive: only the issue files the index lists, found under
the configured corpus root; never a hidden file (`.git/config`, `.secret`) nor any other."""

from __future__ import annotations

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
}


def corpus_root() -> Path:
    return Path(current_app.config["CORPUS_DIR"])


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def resolve_inside_root(relative: str) -> Path | None:
    """The real file for a URL path, or None when it is not a file really under the root.

    safe_join refuses '..' and absolute paths; resolving the result refuses symlinks that
    lead out of the root.
    """
    if not relative or "\\" in relative or "\x00" in relative:
        return None
    root = corpus_root().resolve()
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
    absolute path); the file is linked only when it exists under the root.
    """
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
    return None


def listed_sources() -> set[Path]:
    """Real paths, under the root, of the issue files the index lists."""
    listed: set[Path] = set()
    for issue in search_service().issues():
        for source in issue.get("sources") or ():
            link = source_link(source)
            real = resolve_inside_root(link) if link else None
            if real is not None:
                listed.add(real)
    return listed


def _servable(relative: str, real: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in (*PurePosixPath(relative).parts,
                                                     *real.relative_to(root).parts))
    return not hidden and real.suffix.lower() in MIMETYPES and real in listed_sources()


def send_source(relative: str):
    real = resolve_inside_root(relative)
    root = corpus_root().resolve()
    if real is None or not _servable(relative, real, root):
        abort(404, description="Ce fichier n'existe pas dans l'archive.")
    response = send_from_directory(
        root, real.relative_to(root).as_posix(), mimetype=MIMETYPES.get(real.suffix.lower())
    )
    response.headers["Content-Security-Policy"] = SOURCE_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
