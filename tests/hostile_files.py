"""A hostile-file corpus, built by code: one file per way a file has hurt `kb reindex`.

Each `Hostile` says what the batch must report about it (a fragment of the reason), or
None when the file must be indexed. Unreadability cannot be made with chmod here (the
tests run as root, who reads anything): `Denied` names the paths whose reads fail with
EACCES, and `deny` makes every open, listing and stat of them fail so, in this process and
in the forked sandboxes, as a non-root user would see it.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.issuegen.render_text import render_text
from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec

# Terminal escapes (clear screen, set the window title), a C1 CSI, bidi overrides.
ESCAPES = "\x1b[2J\x1b]0;pirate\x07\x9b31m\u202edessus\u202c\u2066x\u2069"
CONTROL_RE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def issue_text(number: int, date: str, titles: list[str], body: str = "",
               paragraphs: list[str] | None = None) -> str:
    articles = [
        ArticleSpec(title=title.upper(), kind="Publication",
                    paragraphs=paragraphs or [
                        f"{title} : une démarche menée avec les habitant·e·s. {body}",
                        "Un second paragraphe décrit le projet en détail."])
        for title in titles
    ]
    return render_text(IssueSpec(number=number, date=date,
                                 sections=[SectionSpec("L'actu du Pôle ressources", articles)]))


@dataclass(frozen=True)
class Hostile:
    path: str  # str, not Path: a name of non-UTF-8 bytes is a str with surrogates
    reason: str | None  # what the report says about it, or None: indexed


def huge_article(folder: Path, chars: int = 1_050_000) -> Hostile:
    """One article over spaCy's 1,000,000-character limit (E088 stopped the batch)."""
    sentence = ("Les habitant·e·s de Sarcelles ont rencontré la CAF du Val-d'Oise "
                "pour parler de santé mentale. ")
    paragraph = sentence * 40
    count = chars // len(paragraph) + 1
    path = folder / "n91-article-sans-fin.txt"
    path.write_text(issue_text(91, "2024-07-01", ["Un article sans fin"],
                               paragraphs=[paragraph] * count), encoding="utf-8")
    return Hostile(str(path), None)


def latin1_name(folder: Path) -> Hostile:
    """A name of latin-1 bytes (crashed Manifest.save and blocked every later run)."""
    name = os.fsencode(folder) + b"/num\xe9ro-92.txt"
    with open(name, "wb") as handle:
        handle.write(issue_text(92, "2024-08-01", ["Un nom en latin-1"]).encode())
    return Hostile(os.fsdecode(name), None)


def newline_name(folder: Path) -> Hostile:
    """A newline in the name, on a file that fails: it must not forge a report line."""
    path = folder / "n93\nerreur : faux.txt"
    path.write_bytes(b"")
    return Hostile(str(path), "fichier vide")


def symlink_out(folder: Path, outside: Path) -> Hostile:
    """A link to a file outside the corpus (was indexed and searchable)."""
    outside.write_text(issue_text(94, "2024-09-01", ["Secret du serveur"]), encoding="utf-8")
    link = folder / "n94-lien.txt"
    link.symlink_to(outside)
    return Hostile(str(link), "lien symbolique vers l'extérieur")


def fifo(folder: Path) -> Hostile:
    """A named pipe called .txt: opening it would block the batch forever."""
    path = folder / "n95-tube.txt"
    os.mkfifo(path)
    return Hostile(str(path), "pas un fichier ordinaire")


def utf16_without_bom(folder: Path) -> Hostile:
    """UTF-16 saved without a byte-order mark (was refused as a binary file)."""
    path = folder / "n96-utf16.txt"
    path.write_bytes(issue_text(96, "2024-11-01", ["Un texte en UTF-16"]).encode("utf-16-le"))
    return Hostile(str(path), None)


def unreadable_file(folder: Path) -> Hostile:
    path = folder / "n97-illisible.txt"
    path.write_text(issue_text(97, "2024-12-01", ["Un fichier illisible"]), encoding="utf-8")
    return Hostile(str(path), "permission refusée")


def unreadable_folder(folder: Path) -> Hostile:
    sub = folder / "illisible"
    sub.mkdir()
    (sub / "n98.txt").write_text(issue_text(98, "2025-01-01", ["Dossier illisible"]),
                                 encoding="utf-8")
    return Hostile(str(sub), "dossier illisible")


def escapes(folder: Path) -> Hostile:
    """Terminal escapes and bidi overrides in the text (reached `kb search` raw)."""
    path = folder / "n99-echappements.txt"
    path.write_text(issue_text(99, "2025-02-01", ["Échappements au terminal"],
                               body=f"Texte piégé {ESCAPES} fin."), encoding="utf-8")
    return Hostile(str(path), None)


def extractor_cases(folder: Path) -> list[Hostile]:
    """The files built against the extractors (tools/issuegen/hostile_files.py): a line
    off the page, a page 3e8 points wide, HTML nested 16,000 deep, a 120,000-character
    word and UTF-16 are read; the decompression bomb is refused."""
    from tools.issuegen import hostile_files

    cases = []
    for name, writer in hostile_files.CASES.items():
        path = folder / f"x-{name}"
        path.write_bytes(writer())
        cases.append(Hostile(str(path), "bombe de décompression" if "bomb" in name else None))
    return cases


def build(folder: Path, outside: Path) -> list[Hostile]:
    folder.mkdir(parents=True, exist_ok=True)
    return [huge_article(folder), latin1_name(folder), newline_name(folder),
            symlink_out(folder, outside), fifo(folder), utf16_without_bom(folder),
            unreadable_file(folder), unreadable_folder(folder), escapes(folder),
            *extractor_cases(folder)]


def denied_paths(cases: list[Hostile]) -> list[str]:
    return [c.path for c in cases if c.reason in ("permission refusée", "dossier illisible")]


class Denied:
    """Reads of these paths (and of everything under them) fail with EACCES."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = [os.path.abspath(p) for p in paths]

    def covers(self, path) -> bool:
        if isinstance(path, int):
            return False
        name = os.path.abspath(os.fsdecode(os.fspath(path)))
        return any(name == p or name.startswith(p + os.sep) for p in self.paths)

    def refuse(self, path) -> None:
        if self.covers(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))


def install_denial(denied: Denied, patch) -> None:
    """`patch(module, name, value)`: monkeypatch.setattr, or setattr in a subprocess.
    Opening a denied file and listing a denied folder fail; stat still works, as it does
    for a real chmod 000 (it needs only the parent's permission)."""
    real_open, real_scandir = builtins.open, os.scandir

    def open_(file, *args, **kwargs):
        denied.refuse(file)
        return real_open(file, *args, **kwargs)

    def scandir(path="."):
        denied.refuse(path)
        return real_scandir(path)

    patch(builtins, "open", open_)
    patch(io, "open", open_)
    patch(os, "scandir", scandir)


@pytest.fixture
def deny(monkeypatch: pytest.MonkeyPatch):
    def make(paths: list[str]) -> None:
        install_denial(Denied(paths), monkeypatch.setattr)
    return make
