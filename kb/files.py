"""Which files a batch reads: folders walked, and every folder that could not be.

A folder that cannot be listed (permissions, a disk gone, renamed away mid-run) is a
failure with its path, never an empty folder: `kb reindex` keeps the articles of the
files it could not see (kbcli/reindex.py), so a listing error must not look like a
deletion. A symbolic link found while walking is followed only when it stays inside the
folder given (a link to /etc/passwd is not an issue of the archive); links to folders
are not walked (no loops), their target is reached by its own path when it is inside.
Only regular files are read: a FIFO named `x.txt` would block the batch forever.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from kb.extract import supported
from kb.models import Failure

NOT_FOUND = "fichier ou dossier introuvable"


# The C library's messages are in English (the service runs in the C locale).
_ERRNO_FR = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "disparu pendant la lecture",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ELOOP: "trop de liens symboliques",
    errno.ENAMETOOLONG: "nom trop long",
    errno.ENOTDIR: "n'est plus un dossier",
    errno.ESTALE: "partage réseau perdu",
}


def os_error_fr(error: OSError) -> str:
    """An OSError in French, for a one-line report."""
    return _ERRNO_FR.get(error.errno or 0) or error.strerror or str(error)


def _reason(error: OSError) -> str:
    return f"lecture impossible ({os_error_fr(error)})"


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _walk(folder: str, files: list[str], failures: list[Failure]) -> None:
    real_root = os.path.realpath(folder)

    def unreadable(error: OSError) -> None:
        failures.append(Failure(error.filename or folder, f"dossier illisible : {_reason(error)}"))

    for top, dirs, names in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(top, name)
            if name.startswith(".") or not supported(Path(name)):
                continue
            try:
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode):
                    if not _inside(os.path.realpath(path), real_root):
                        failures.append(Failure(path, "lien symbolique vers l'extérieur du "
                                                      "dossier indexé : ni suivi ni indexé"))
                        continue
                    info = os.stat(path)
            except OSError as error:
                failures.append(Failure(path, _reason(error)))
                continue
            if stat.S_ISREG(info.st_mode):
                files.append(path)
            else:
                failures.append(Failure(path, "pas un fichier ordinaire (tube, périphérique…)"))


def discover(paths: Iterable[str | os.PathLike]) -> tuple[list[str], list[Failure]]:
    """Expand folders into the supported files below them, in a stable order, with a
    failure for each given path that is missing and each folder or file that could not
    be looked at.

    A file given explicitly with an unknown suffix is tried anyway (its magic bytes may
    tell). Inside folders, hidden files and folders and unknown suffixes are skipped."""
    files: list[str] = []
    failures: list[Failure] = []
    for given in paths:
        path = os.fspath(given)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            failures.append(Failure(path, NOT_FOUND))
            continue
        except OSError as error:
            failures.append(Failure(path, _reason(error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, files, failures)
        elif stat.S_ISREG(info.st_mode):
            files.append(path)
        else:
            failures.append(Failure(path, "pas un fichier ordinaire (tube, périphérique…)"))
    return files, failures
