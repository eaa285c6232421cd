"""Render the demo archive: each spec of tools/demo_issues/ into corpus/, in its format(s).

    .venv/bin/python -m tools.build_corpus [--out DIR]

The issues are fictional, written for the project. Each number is published in the
format(s) real issues arrive in, so that `make run` shows every extractor at work,
including one number received twice (PDF and e-mail) that must merge into one issue.
Rendering is deterministic: running this twice gives identical bytes, so the committed
files only change when a spec or a renderer changes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tools.issuegen.render_html import render_email_html, render_web_html
from tools.issuegen.render_pdf import render_pdf
from tools.issuegen.render_text import render_text
from tools.issuegen.spec import IssueSpec, load_issue

ROOT = Path(__file__).resolve().parent.parent
SPECS_DIR = ROOT / "tools" / "demo_issues"
CORPUS_DIR = ROOT / "corpus"


@dataclass(frozen=True)
class Rendition:
    """One file of the archive: which spec, which format, how it is written."""

    spec: str  # file name under tools/demo_issues/
    suffix: str  # appended to the issue's slug: ".pdf", "-email.html"…
    description: str  # for the README table and the build log
    write: Callable[[IssueSpec, Path], None]

    def file_name(self, issue: IssueSpec) -> str:
        return f"{issue.slug}{self.suffix}"


def _pdf(columns: int) -> Callable[[IssueSpec, Path], None]:
    def write(issue: IssueSpec, path: Path) -> None:
        render_pdf(issue, path, columns=columns, running_header=True, hyphenate=True)

    return write


def _email(issue: IssueSpec, path: Path) -> None:
    path.write_bytes(render_email_html(issue, encoding="utf-8"))


def _web_cp1252_undeclared(issue: IssueSpec, path: Path) -> None:
    # Old CMS exports: windows-1252 bytes and no charset anywhere, so the reader must guess.
    path.write_bytes(render_web_html(issue, encoding="windows-1252", declare_charset=False))


def _text(issue: IssueSpec, path: Path) -> None:
    path.write_text(render_text(issue), encoding="utf-8")


RENDITIONS: tuple[Rendition, ...] = (
    Rendition("resonances-048.toml", ".pdf", "PDF, 2 colonnes", _pdf(2)),
    Rendition("resonances-052.toml", "-email.html", "e-mailing HTML, UTF-8", _email),
    Rendition("resonances-055.toml", ".txt", "texte brut (UTF-8)", _text),
    Rendition("resonances-058.toml", ".pdf", "PDF, 3 colonnes", _pdf(3)),
    Rendition("resonances-058.toml", "-email.html",
              "e-mailing HTML, UTF-8 (même numéro que le PDF)", _email),
    Rendition("resonances-062.toml", "-web.html",
              "page web HTML, windows-1252 sans charset déclaré", _web_cp1252_undeclared),
    Rendition("resonances-067.toml", ".pdf", "PDF, 1 colonne", _pdf(1)),
)


def load_spec(rendition: Rendition, specs_dir: Path = SPECS_DIR) -> IssueSpec:
    return load_issue(specs_dir / rendition.spec)


def build(out_dir: Path, specs_dir: Path = SPECS_DIR) -> list[Path]:
    """Render every rendition into `out_dir` and return the written paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for rendition in RENDITIONS:
        issue = load_spec(rendition, specs_dir)
        path = out_dir / rendition.file_name(issue)
        rendition.write(issue, path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Génère l'archive de démonstration corpus/.")
    parser.add_argument("--out", type=Path, default=CORPUS_DIR, help="dossier de sortie")
    args = parser.parse_args(argv)
    total = 0
    for path in build(args.out):
        size = path.stat().st_size
        total += size
        print(f"{path.relative_to(args.out)}  {size / 1024:.0f} Ko")
    print(f"{total / 1024:.0f} Ko au total dans {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
