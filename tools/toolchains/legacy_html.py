"""A newsletter page as a 2000s web editor (FrontPage, Dreamweaver) wrote it.

Layout tables, `<font size color face>`, `<br>` instead of paragraphs, titles in `<b>`
and no `<h*>` anywhere, articles as cards in table cells two to a row, windows-1252
bytes often declared as iso-8859-1. Nothing tells a title from an intertitle but its
font size; nothing marks a paragraph but a double `<br>`. Written by hand here, since
no program of that era is available, but only with markup such editors produced.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from tools.issuegen.spec import ArticleSpec, IssueSpec, SectionSpec
from tools.toolchains.base import Job, Toolchain
from tools.toolchains.content import (
    Variant,
    address_line,
    body_pieces,
    break_title,
    closing_pieces,
    colophon,
    inline_html,
    is_long,
    kicker_pieces,
    masthead_issue_line,
    metadata_title,
    sections_of,
)

_FACES = {"Liberation Serif": "Times New Roman, Times, serif",
          "DejaVu Serif": "Georgia, Times New Roman, serif",
          "Liberation Sans": "Arial, Helvetica, sans-serif",
          "DejaVu Sans": "Verdana, Arial, Helvetica, sans-serif",
          "Liberation Sans Narrow": "Arial Narrow, Arial, sans-serif"}


def _face(font: str) -> str:
    return _FACES.get(font, "Arial, Helvetica, sans-serif")


def _font(html: str, *, size: int, color: str | None = None, face: str | None = None) -> str:
    attrs = f' size="{size}"'
    if color:
        attrs += f' color="{color}"'
    if face:
        attrs += f' face="{face}"'
    return f"<font{attrs}>{html}</font>"


def _title(article: ArticleSpec, variant: Variant) -> str:
    text = article.title
    cut = break_title(text) if variant.wrap_titles else None
    html = f"{escape(cut[0])}<br>{escape(cut[1])}" if cut else escape(text)
    return _font(f"<b>{html}</b>", size=4 if not article.is_list else 3, color="#000066",
                 face=_face(variant.title_font))


def _card(article: ArticleSpec, variant: Variant, *, width: str, colspan: int = 1,
          bgcolor: str | None = None) -> str:
    """One article in its cell: kicker lines, bold title, `<br><br>`-separated body,
    closing links."""
    face = _face(variant.body_font)
    lines: list[str] = []
    for piece in kicker_pieces(article):
        text = escape(piece.text.upper() if variant.kicker == "caps" else piece.text)
        if variant.kicker == "band":
            text = f'<span style="background-color:{variant.accent}">&nbsp;{text}&nbsp;</span>'
            lines.append(_font(f"<b>{text}</b>", size=1, color="#FFFFFF", face=face) + "<br>")
        else:
            lines.append(_font(text, size=1, color=variant.accent, face=face) + "<br>")
    lines.append(_title(article, variant) + "<br><br>")
    body: list[str] = []
    for piece in body_pieces(article):
        html = inline_html(piece.text)
        if piece.role == "item":
            body.append(f"&#149;&nbsp;{html}<br>")
        elif piece.role == "intertitle":
            body.append(f"<br><b><i>{html}</i></b><br>")
        elif piece.role == "caption":
            body.append(_font(f"<i>{html}</i>", size=1, color="#666666") + "<br><br>")
        elif piece.role == "quote":
            body.append(_font(f"<b><i>{html}</i></b>", size=3, color=variant.accent) + "<br><br>")
        else:
            body.append(f"{html}<br><br>")
    for piece in closing_pieces(article):
        if piece.href and piece.role == "link":
            body.append(f'<a href="{escape(piece.href)}">{escape(piece.text)}</a><br>')
        else:
            body.append(f"{inline_html(piece.text)}<br>")
    lines.append(_font("\n".join(body), size=2, face=face))
    attrs = f' colspan="{colspan}"' if colspan > 1 else ""
    attrs += f' bgcolor="{bgcolor}"' if bgcolor else ""
    attrs += ' align="justify"' if variant.justify else ""
    return f'<td valign="top" width="{width}"{attrs}>\n' + "\n".join(lines) + "\n</td>"


def _section(section: SectionSpec, variant: Variant) -> list[str]:
    rows = [
        '<tr><td bgcolor="#E8E8E8" colspan="2">'
        + _font(f"<b>{escape(section.name)}</b>", size=4, color=variant.accent,
                face=_face(variant.title_font))
        + "</td></tr>"
    ]
    per_row = 1 if variant.columns == 1 else 2
    pending: list[ArticleSpec] = []

    def flush() -> None:
        if len(pending) == 1:
            cells = [_card(pending[0], variant, width="100%", colspan=2)]
        else:
            cells = [_card(article, variant, width="50%") for article in pending]
        if cells:
            rows.append("<tr>\n" + "\n".join(cells) + "\n</tr>")
        pending.clear()

    for article in section.articles:
        if is_long(article) or article.is_list:
            flush()
        pending.append(article)
        if len(pending) == per_row or is_long(article) or article.is_list:
            flush()
    flush()
    return rows


def render_legacy_html(spec: IssueSpec, variant: Variant, *, charset: str = "utf-8") -> str:
    """The page as text declaring `charset`; the caller picks the bytes' encoding."""
    face = _face(variant.body_font)
    issue_line = masthead_issue_line(spec, variant)
    masthead = [
        f'<tr><td bgcolor="{variant.accent}" colspan="2" align="center">'
        + _font("<b>" + escape(spec.title) + "</b>", size=7, color="#FFFFFF",
                face=_face(variant.title_font))
        + "<br>" + _font(escape(spec.publisher), size=2, color="#FFFFFF", face=face)
        + "<br>" + _font(escape(spec.tagline), size=1, color="#FFFFFF", face=face)
        + "</td></tr>",
    ]
    if issue_line:
        masthead.append('<tr><td colspan="2" align="right">'
                        + _font(f"<b>{escape(issue_line)}</b>", size=2, face=face) + "</td></tr>")
    masthead.append('<tr><td colspan="2">'
                    + _font(escape(address_line(spec)), size=1, color="#666666", face=face)
                    + "<br><br></td></tr>")
    rows = list(masthead)
    for index, section in enumerate(sections_of(spec)):
        rows += _section(section, variant)
        if index == 0 and spec.sidebar is not None:
            box = _card(spec.sidebar, variant, width="100%", colspan=2, bgcolor="#FFF5D6")
            rows.append(f"<tr>{box}</tr>")
    rows.append('<tr><td colspan="2"><hr size="1" noshade>'
                + _font(escape(colophon(spec)), size=1, color="#666666", face=face)
                + "</td></tr>")
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        '<meta name="GENERATOR" content="Microsoft FrontPage 4.0">\n'
        f"<title>{escape(metadata_title(spec, variant))}</title>\n</head>\n"
        '<body bgcolor="#FFFFFF" text="#000000" link="#0000CC" vlink="#660099" '
        'leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">\n'
        '<table width="720" border="0" cellspacing="0" cellpadding="8" align="center">\n'
        + "\n".join(rows)
        + "\n</table>\n</body>\n</html>\n"
    )


def _render(jobs: list[Job], workdir: Path) -> dict[str, str]:
    for job in jobs:
        # Half the pages in UTF-8; the others in windows-1252 bytes that claim latin-1.
        charset, encoding = ("utf-8", "utf-8") if job.variant.justify else (
            "iso-8859-1", "windows-1252")
        html = render_legacy_html(job.spec, job.variant, charset=charset)
        job.out.write_bytes(html.encode(encoding, errors="xmlcharrefreplace"))
    return {}


LEGACY_HTML = Toolchain("legacy-html", ".html", "2000s page: tables, <font>, <br>, <b> titles",
                        _render, columns=(1, 2, 2))
