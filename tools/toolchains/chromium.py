"""An issue designed in HTML/CSS and printed to PDF by headless Chromium.

This is how many newsletters are made today (a web template printed by a browser):
CSS multi-column flow (2 or 3 columns) with Chromium's own column balancing and line
breaking, web fonts chosen per issue, kicker labels in small coloured capitals or in
a coloured band, titles that wrap over several lines, and a running header and footer
on every page (fixed-position elements, which Chromium repeats on each printed page;
a table's repeated thead/tfoot keep the flow clear of them).
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec
from tools.toolchains.base import Job, RenderError, Toolchain, require_output, run
from tools.toolchains.content import (
    CENTRE_EMAIL,
    Variant,
    body_pieces,
    closing_pieces,
    colophon,
    inline_html,
    is_editorial,
    kicker_pieces,
    masthead_issue_line,
    metadata_title,
    running_label,
    sections_of,
)

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
)


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _available() -> str | None:
    return None if _browser() else "chromium not found on PATH (apt-get install chromium)"


def _css(variant: Variant) -> str:
    accent = variant.accent
    title_size = "17pt" if variant.wrap_titles else "13pt"
    kicker = (
        f"background:{accent};color:#fff;padding:1.2mm 2mm;font-weight:bold;"
        if variant.kicker == "band"
        else f"color:{accent};font-variant:small-caps;letter-spacing:.06em;"
    )
    return f"""
@page {{ size: A4; margin: 9mm 14mm; }}
html {{ font-family: '{variant.body_font}', serif; font-size: 9.5pt; color: #1d1d1d; }}
body {{ margin: 0; }}
.running {{ position: fixed; left: 0; right: 0; height: 9mm; font-size: 7.5pt; color: #555;
  font-family: '{variant.title_font}', sans-serif; display: flex;
  justify-content: space-between; align-items: center; }}
.running.top {{ top: 0; border-bottom: .3mm solid {accent}; }}
.running.bottom {{ bottom: 0; border-top: .3mm solid {accent}; }}
table.page {{ width: 100%; border-collapse: collapse; }}
table.page td {{ padding: 0; }}
.spacer {{ height: 13mm; }}
.masthead {{ text-align: center; border-bottom: 1mm solid {accent}; margin-bottom: 4mm; }}
.masthead .name {{ font-family: '{variant.title_font}', sans-serif; font-size: 40pt;
  font-weight: bold; color: {accent}; letter-spacing: -.02em; }}
.masthead .sub {{ font-size: 9pt; color: #444; }}
.masthead .issue {{ text-align: right; font-weight: bold; font-size: 10pt; margin: 1mm 0; }}
.flow {{ column-count: {variant.columns}; column-gap: 7mm; column-rule: .2mm solid #ddd; }}
.flow p {{ margin: 0 0 2mm; text-align: {"justify" if variant.justify else "left"}; }}
h2.section {{ font-family: '{variant.title_font}', sans-serif; font-size: 15pt;
  color: {accent}; border-bottom: .5mm solid {accent}; margin: 4mm 0 2.5mm;
  {"column-span: all;" if variant.section_span else ""} break-after: avoid; }}
.kicker {{ {kicker} font-size: 7.5pt; margin: 3mm 0 .8mm; display: block;
  break-after: avoid; }}
.head {{ break-inside: avoid; break-after: avoid; }}
h3.title {{ font-family: '{variant.title_font}', sans-serif; font-size: {title_size};
  line-height: 1.15; margin: 0 0 1.5mm; break-after: avoid; }}
h4.inter {{ font-size: 9.5pt; font-style: italic; margin: 2mm 0 1mm; break-after: avoid; }}
.closing {{ font-size: 8pt; word-break: break-all; }}
.closing a {{ color: {accent}; }}
figure {{ margin: 2mm 0; }} figure .photo {{ height: 28mm; background: #cfd8dc; }}
figcaption {{ font-size: 7.5pt; font-style: italic; color: #555; }}
blockquote {{ font-size: 12pt; font-style: italic; color: {accent}; margin: 2mm 3mm; }}
ul.items {{ margin: 0 0 2mm; padding-left: 4mm; }} ul.items li {{ margin-bottom: 1mm; }}
aside.box {{ background: #f4efe1; border: .3mm solid #aaa; padding: 2mm 3mm; margin: 3mm 0;
  break-inside: avoid; }}
.colophon {{ font-size: 7.5pt; color: #555; border-top: .2mm solid #999; margin-top: 5mm;
  padding-top: 1mm; column-span: all; }}
"""


def _article(article: ArticleSpec, variant: Variant, tag: str = "article") -> str:
    # Kicker and title kept together, as a designer's template does (never split
    # over two columns); the body flows freely after them.
    head = [f'<span class="kicker">{escape(piece.text)}</span>'
            for piece in kicker_pieces(article)]
    head.append(f'<h3 class="title">{escape(article.title)}</h3>')
    parts = [f'<div class="head">{"".join(head)}</div>']
    items = []
    for piece in body_pieces(article):
        html = inline_html(piece.text)
        if piece.role == "item":
            items.append(f"<li>{html}</li>")
            continue
        if items:
            parts.append(f'<ul class="items">{"".join(items)}</ul>')
            items = []
        parts.append({
            "intertitle": f'<h4 class="inter">{html}</h4>',
            "caption": f'<figure><div class="photo"></div><figcaption>{html}</figcaption></figure>',
            "quote": f"<blockquote>{html}</blockquote>",
        }.get(piece.role, f"<p>{html}</p>"))
    if items:
        parts.append(f'<ul class="items">{"".join(items)}</ul>')
    for piece in closing_pieces(article):
        parts.append(f'<p class="closing">{inline_html(piece.text)}</p>')
    box = ' class="box"' if tag == "aside" else ""
    return f"<{tag}{box}>\n" + "\n".join(parts) + f"\n</{tag}>"


def _section(section: SectionSpec, variant: Variant) -> str:
    heading = f'<h2 class="section">{escape(section.name)}</h2>'
    if is_editorial(section):
        paragraphs = "".join(f"<p>{inline_html(p)}</p>" for p in section.articles[0].paragraphs)
        return f'<section class="edito">{heading}{paragraphs}</section>'
    articles = "\n".join(_article(article, variant) for article in section.articles)
    return f"<section>\n{heading}\n{articles}\n</section>"


def render_print_html(spec: IssueSpec, variant: Variant) -> str:
    """The issue as one HTML page meant for printing."""
    issue_line = masthead_issue_line(spec, variant)
    masthead = (
        f'<header class="masthead"><div class="name">{escape(spec.title)}</div>'
        f'<div class="sub">{escape(spec.publisher)}<br>{escape(spec.tagline)}</div>'
        + (f'<div class="issue">{escape(issue_line)}</div>' if issue_line else "")
        + "</header>"
    )
    flow: list[str] = []
    for index, section in enumerate(sections_of(spec)):
        flow.append(_section(section, variant))
        if index == 0 and spec.sidebar is not None:
            flow.append(_article(spec.sidebar, variant, tag="aside"))
    address = " · ".join(spec.address)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>{escape(metadata_title(spec, variant))}</title>
<style>{_css(variant)}</style></head>
<body>
<div class="running top"><span>{escape(spec.publisher)}</span>
<span>{escape(address)} · {CENTRE_EMAIL}</span></div>
<div class="running bottom"><span>{escape(running_label(spec))}</span>
<span>{escape(spec.tagline)}</span></div>
<table class="page"><thead><tr><td><div class="spacer"></div></td></tr></thead>
<tfoot><tr><td><div class="spacer"></div></td></tr></tfoot>
<tbody><tr><td>
{masthead}
<main class="flow">
{chr(10).join(flow)}
<p class="colophon">{escape(colophon(spec))}</p>
</main>
</td></tr></tbody></table>
</body></html>
"""


def _render(jobs: list[Job], workdir: Path) -> dict[str, str]:
    browser = _browser()
    if browser is None:
        raise RenderError("chromium not found")
    failures: dict[str, str] = {}
    for job in jobs:
        source = workdir / f"{job.stem}.html"
        source.write_text(render_print_html(job.spec, job.variant), encoding="utf-8")
        made = workdir / f"{job.stem}.pdf"
        try:
            run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={workdir / 'chromium-profile'}",
                 f"--print-to-pdf={made}", source.resolve().as_uri()], timeout=120)
            require_output(made, "chromium")
        except RenderError as error:
            failures[job.stem] = str(error)
            continue
        shutil.move(made, job.out)
    return failures


CHROMIUM_COLUMNS = Toolchain("chromium-columns", ".pdf",
                             "HTML + CSS columns printed by headless Chromium", _render,
                             _available, columns=(2, 2, 3))
