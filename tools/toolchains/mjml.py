"""An e-mailing written in MJML and compiled by the mjml npm package.

Most e-mailing tools (Mailjet, Sendinblue's editor…) produce the markup MJML produces:
nested presentational tables, a `<div>` per `mj-text`, outlook conditional comments,
inline styles everywhere, buttons as tables. We write the MJML source (sections,
columns, text, buttons, dividers; kickers as a small coloured text above the title) and
let the pinned compiler (tools/toolchains/package.json) write the HTML. The compiler is
installed with `npm install --prefix tools/toolchains` on first use.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec
from tools.toolchains.base import Job, RenderError, Toolchain, require_output, run
from tools.toolchains.content import (
    Variant,
    address_line,
    body_pieces,
    break_title,
    closing_pieces,
    colophon,
    inline_html,
    is_editorial,
    is_long,
    kicker_pieces,
    masthead_issue_line,
    running_label,
    sections_of,
)

HERE = Path(__file__).resolve().parent
MJML_BIN = HERE / "node_modules" / ".bin" / "mjml"


def _available() -> str | None:
    if not shutil.which("node"):
        return "node not found on PATH (apt-get install nodejs npm)"
    if not MJML_BIN.exists() and not shutil.which("npm"):
        return "mjml not installed and npm not found on PATH (apt-get install npm)"
    return None  # installed on first use by `_ensure_compiler`


def _ensure_compiler() -> Path:
    """Install the pinned mjml into tools/toolchains/node_modules once."""
    if not MJML_BIN.exists():
        run(["npm", "install", "--prefix", HERE, "--no-audit", "--no-fund"], timeout=600)
    if not MJML_BIN.exists():
        raise RenderError("npm install did not provide node_modules/.bin/mjml")
    return MJML_BIN


def _text(html: str, **attrs: str) -> str:
    rendered = " ".join(f'{key.replace("_", "-")}="{value}"' for key, value in attrs.items())
    return f"<mj-text {rendered}>{html}</mj-text>"


def _title(article: ArticleSpec, variant: Variant) -> str:
    cut = break_title(article.title) if variant.wrap_titles else None
    html = f"{escape(cut[0])}<br />{escape(cut[1])}" if cut else escape(article.title)
    size = "22px" if variant.wrap_titles else "18px"
    return _text(f"<strong>{html}</strong>", font_size=size, line_height="1.25",
                 font_family=f"{variant.title_font}, Arial, sans-serif", color="#111111",
                 padding="2px 20px 8px")


def _article_column(article: ArticleSpec, variant: Variant, width: str = "100%") -> str:
    parts = []
    for piece in kicker_pieces(article):
        if variant.kicker == "band":
            parts.append(_text(escape(piece.text.upper()), color="#ffffff", font_size="11px",
                               container_background_color=variant.accent,
                               padding="4px 20px", font_weight="bold"))
        else:
            parts.append(_text(escape(piece.text.upper()), color=variant.accent,
                               font_size="11px", letter_spacing="1px", padding="12px 20px 2px"))
    parts.append(_title(article, variant))
    body: list[str] = []
    items: list[str] = []
    for piece in body_pieces(article):
        html = inline_html(piece.text, link_style=f"color:{variant.accent}")
        if piece.role == "item":
            items.append(f"<li>{html}</li>")
            continue
        if items:
            body.append(f'<ul style="padding-left:18px;margin:0 0 10px">{"".join(items)}</ul>')
            items = []
        body.append({
            "intertitle": f'<p style="margin:12px 0 4px"><strong>{html}</strong></p>',
            "caption": f'<p style="font-size:11px;color:#666"><em>{html}</em></p>',
            "quote": f'<p style="font-size:18px;color:{variant.accent}"><em>{html}</em></p>',
        }.get(piece.role, f'<p style="margin:0 0 10px">{html}</p>'))
    if items:
        body.append(f'<ul style="padding-left:18px;margin:0 0 10px">{"".join(items)}</ul>')
    buttons = []
    for piece in closing_pieces(article):
        if piece.role == "more" and piece.href:
            buttons.append(f'<mj-button href="{escape(piece.href)}" background-color='
                           f'"{variant.accent}" align="left" font-size="13px" '
                           'padding="4px 20px 12px">En savoir plus</mj-button>')
        else:
            body.append(f'<p style="margin:0 0 6px;font-size:12px">'
                        f"{inline_html(piece.text, link_style=f'color:{variant.accent}')}</p>")
    align = "justify" if variant.justify else "left"
    parts.append(_text("\n".join(body), align=align, padding="0 20px 8px"))
    parts += buttons
    return (f'<mj-column width="{width}">' + "\n".join(parts) + "</mj-column>")


def _section(section: SectionSpec, variant: Variant) -> list[str]:
    out = [
        '<mj-section padding="20px 0 0"><mj-column>'
        + _text(f"<strong>{escape(section.name)}</strong>", font_size="20px",
                color=variant.accent, padding="8px 20px 0",
                font_family=f"{variant.title_font}, Arial, sans-serif")
        + f'<mj-divider border-color="{variant.accent}" border-width="2px" '
        'padding="6px 20px" /></mj-column></mj-section>'
    ]
    if is_editorial(section):
        paragraphs = "".join(f"<p>{inline_html(p)}</p>" for p in section.articles[0].paragraphs)
        out.append(f'<mj-section background-color="#ffffff"><mj-column>'
                   f'{_text(paragraphs, font_style="italic", padding="0 20px")}'
                   "</mj-column></mj-section>")
        return out
    pending: list[ArticleSpec] = []

    def flush() -> None:
        if not pending:
            return
        width = "50%" if len(pending) == 2 else "100%"
        columns = "\n".join(_article_column(article, variant, width) for article in pending)
        out.append(f'<mj-section background-color="#ffffff" padding="4px 0">{columns}'
                   "</mj-section>")
        pending.clear()

    for article in section.articles:
        paired = variant.columns > 1 and not article.is_list and not is_long(article)
        if not paired:
            flush()
        pending.append(article)
        if not paired or len(pending) == 2:
            flush()
    flush()
    return out


def render_mjml(spec: IssueSpec, variant: Variant) -> str:
    """The e-mailing's MJML source."""
    issue_line = masthead_issue_line(spec, variant)
    header = [
        _text(f"<strong>{escape(spec.title)}</strong>", font_size="40px", color="#ffffff",
              align="center", padding="18px 20px 0",
              font_family=f"{variant.title_font}, Arial, sans-serif"),
        _text(escape(spec.publisher), color="#ffffff", align="center", font_size="13px",
              padding="0 20px"),
    ]
    if issue_line:
        header.append(_text(escape(issue_line), color="#ffffff", align="center",
                            font_size="14px", padding="6px 20px 16px"))
    body = [f'<mj-section background-color="{variant.accent}"><mj-column>'
            + "\n".join(header) + "</mj-column></mj-section>"]
    for index, section in enumerate(sections_of(spec)):
        body += _section(section, variant)
        if index == 0 and spec.sidebar is not None:
            body.append('<mj-section background-color="#f4efe1" border="1px solid #bbbbbb">'
                        + _article_column(spec.sidebar, variant) + "</mj-section>")
    footer = (f"{escape(colophon(spec))}<br />{escape(address_line(spec))}<br />"
              '<a href="https://poleressources95.org/desinscription">Se désinscrire</a>')
    body.append('<mj-section><mj-column>'
                + _text(footer, font_size="11px", color="#777777", align="center")
                + "</mj-column></mj-section>")
    firsts = [article.title for section in spec.sections for article in section.articles]
    preview = " – ".join(firsts[:2]) or spec.tagline
    return (
        "<mjml>\n<mj-head>\n"
        f"<mj-title>{escape(running_label(spec))}</mj-title>\n"
        f"<mj-preview>{escape(preview)}</mj-preview>\n"
        f'<mj-attributes><mj-all font-family="{variant.body_font}, Arial, sans-serif" />'
        '<mj-text font-size="14px" line-height="1.5" color="#222222" /></mj-attributes>\n'
        '</mj-head>\n<mj-body background-color="#eeeeee" width="640px">\n'
        + "\n".join(body)
        + "\n</mj-body>\n</mjml>\n"
    )


def _render(jobs: list[Job], workdir: Path) -> dict[str, str]:
    compiler = _ensure_compiler()
    failures: dict[str, str] = {}
    for job in jobs:
        source = workdir / f"{job.stem}.mjml"
        source.write_text(render_mjml(job.spec, job.variant), encoding="utf-8")
        made = workdir / f"{job.stem}.html"
        try:
            run([compiler, source, "-o", made, "--config.validationLevel=soft"], timeout=120)
            require_output(made, "mjml")
        except RenderError as error:
            failures[job.stem] = str(error)
            continue
        shutil.move(made, job.out)
    return failures


MJML = Toolchain("mjml", ".html", "MJML e-mailing compiled by mjml 4 (npm)", _render,
                 _available, columns=(1, 2, 2))
