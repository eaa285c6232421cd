"""Our own renderers, called as `tools/build_corpus.py` calls them: the baseline the
third-party toolchains are compared with (the segmenter has learnt these habits)."""

from __future__ import annotations

from pathlib import Path

from tools.issuegen.render_html import render_email_html, render_web_html
from tools.issuegen.render_pdf import render_pdf
from tools.issuegen.render_text import render_text
from tools.toolchains.base import Job, Toolchain


def _render_pdf(jobs: list[Job], workdir: Path) -> dict[str, str]:
    for job in jobs:
        render_pdf(job.spec, job.out, columns=job.variant.columns, running_header=True,
                   hyphenate=True)
    return {}


def _render_html(jobs: list[Job], workdir: Path) -> dict[str, str]:
    # build_corpus ships both pages: the e-mailing (UTF-8) and the site's page
    # (windows-1252, no charset), alternated here by issue number.
    for job in jobs:
        if job.spec.number % 2 == 0:
            data = render_email_html(job.spec, encoding="utf-8")
        else:
            data = render_web_html(job.spec, encoding="windows-1252", declare_charset=False)
        job.out.write_bytes(data)
    return {}


def _render_text(jobs: list[Job], workdir: Path) -> dict[str, str]:
    for job in jobs:
        job.out.write_text(render_text(job.spec), encoding="utf-8")
    return {}


OURS_PDF = Toolchain("ours-pdf", ".pdf", "tools/issuegen/render_pdf (reportlab)", _render_pdf,
                     columns=(1, 2, 3), look_fields=("columns",))
OURS_HTML = Toolchain("ours-html", ".html", "tools/issuegen/render_html (e-mail / web page)",
                      _render_html, look_fields=())
TEXT = Toolchain("text", ".txt", "tools/issuegen/render_text (plain text)", _render_text,
                 look_fields=())
